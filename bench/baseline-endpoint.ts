// Serves the baseline on its own port, so the benchmark can register it on
// the same Restate server as Fanline and compare the two in one process run.
import "@/restate/polyfill";
import http2 from "node:http2";
import { createEndpointHandler } from "@restatedev/restate-sdk";
import { baselineWorker } from "./baseline";

const port = Number(process.env.SERVICE_PORT ?? 9081);
http2
  .createServer(createEndpointHandler({ services: [baselineWorker] }))
  .listen(port, process.env.SERVICE_HOST ?? "127.0.0.1", () => console.log(`baseline listening on ${port}`));
