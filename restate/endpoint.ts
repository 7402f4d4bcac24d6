// The services process: every Fanline service on one HTTP/2 endpoint, bound to
// loopback unless SERVICE_HOST says otherwise (restate.serve would listen on
// every interface).
import "./polyfill";
import http2 from "node:http2";
import { createEndpointHandler } from "@restatedev/restate-sdk";
import { retryReports } from "./retry-reports";
import { runIndex } from "./run-index";
import { runList } from "./run-list";
import { runWorkflow } from "./run-workflow";
import { sdkLogger } from "./sdk-log";
import { subtaskService } from "./subtask";
import { guideWorker } from "./guide-worker";

const port = Number(process.env.SERVICE_PORT ?? 9080);
const host = process.env.SERVICE_HOST ?? "127.0.0.1";

// With Restate's public key configured, only requests Restate signed are served.
const identityKey = process.env.RESTATE_IDENTITY_KEY?.trim();
const handler = createEndpointHandler({
  services: [runWorkflow, subtaskService, runIndex, runList, retryReports, guideWorker],
  identityKeys: identityKey ? [identityKey] : undefined,
  logger: sdkLogger(),
});
const server = http2.createServer(handler);

server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use: set SERVICE_PORT to a free port.`);
  } else {
    console.error(`Services endpoint failed: ${error.message}`);
  }
  process.exit(1);
});

server.listen(port, host, () => {
  const signing = identityKey
    ? "accepting only requests signed by Restate"
    : "accepting unsigned requests (set RESTATE_IDENTITY_KEY to require Restate's signature)";
  console.log(`Fanline services listening on http://${host}:${port}, ${signing}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
