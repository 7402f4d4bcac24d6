// Serves the example on SERVICE_PORT (default 9081), loopback only, as its own
// deployment: `npm run dev` starts and registers it; on its own,
//   node --import tsx examples/text-stats/endpoint.ts
//   npx restate deployments register http://127.0.0.1:9081
import "../../restate/polyfill"; // Node 20 only: the SDK needs Promise.withResolvers
import http2 from "node:http2";
import { createEndpointHandler } from "@restatedev/restate-sdk";
import { textStats } from "./service";

const port = Number(process.env.SERVICE_PORT ?? 9081);
const host = process.env.SERVICE_HOST ?? "127.0.0.1";
const server = http2.createServer(createEndpointHandler({ services: [textStats] }));
server.listen(port, host, () => console.log(`Example TextStats service listening on http://${host}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
