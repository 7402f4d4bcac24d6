// A benchmark-only door to the runs index, whose write handlers are private
// to Restate: registered only by `npm run bench:runs-list`, never by the
// product's stack. It calls the index exactly as the run workflow does.
import "@/restate/polyfill";
import http2 from "node:http2";
import * as restate from "@restatedev/restate-sdk";
import { createEndpointHandler } from "@restatedev/restate-sdk";
import type { RunIndexEntry, RunStatus } from "@/lib/status";
import { runIndex } from "@/restate/run-index";

export const benchRunList = restate.service({
  name: "BenchRunList",
  handlers: {
    add: async (ctx: restate.Context, entry: RunIndexEntry): Promise<void> =>
      ctx.objectClient(runIndex, entry.id).add(entry),
    finished: async (
      ctx: restate.Context,
      update: { id: string; status: RunStatus; finishedAt: number },
    ): Promise<void> => ctx.objectClient(runIndex, update.id).finished(update),
  },
  options: { journalRetention: 0 },
});

export type BenchRunList = typeof benchRunList;

const port = Number(process.env.SERVICE_PORT ?? 9082);
http2
  .createServer(createEndpointHandler({ services: [benchRunList] }))
  .listen(port, process.env.SERVICE_HOST ?? "127.0.0.1", () => console.log(`runs-list listening on ${port}`));
