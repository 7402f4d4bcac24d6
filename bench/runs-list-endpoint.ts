// A benchmark-only door to the runs index and its shards, whose write
// handlers are private to Restate: registered only by `npm run
// bench:runs-list`, never by the product's stack. It calls them exactly as
// the run workflow and the index do.
import "@/restate/polyfill";
import http2 from "node:http2";
import * as restate from "@restatedev/restate-sdk";
import { createEndpointHandler } from "@restatedev/restate-sdk";
import type { RunIndexEntry } from "@/lib/records";
import type { RunStatus } from "@/lib/status";
import { shardOf } from "@/lib/run-list";
import { runIndex } from "@/restate/run-index";
import { runList } from "@/restate/run-list";

export const benchRunList = restate.service({
  name: "BenchRunList",
  handlers: {
    add: async (ctx: restate.Context, entry: RunIndexEntry): Promise<void> =>
      ctx.objectClient(runIndex, entry.id).add(entry),
    /** History: entries put straight into their shards (one-way, as the index would), without an index entry each. */
    fill: async (ctx: restate.Context, entries: RunIndexEntry[]): Promise<void> => {
      for (const entry of entries) ctx.objectSendClient(runList, String(shardOf(entry.id))).put({ entry });
    },
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
