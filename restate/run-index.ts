import * as restate from "@restatedev/restate-sdk";
import { RUN_INDEX_OBJECT } from "@/lib/names";
import type { RunIndexEntry } from "@/lib/status";

export interface RunIndexPage {
  entries: RunIndexEntry[];
  total: number;
}

/**
 * The durable list of runs, newest last: every run registers itself here when
 * it starts, whoever started it (the dashboard, the API, the guide's worker).
 * Live status comes from each run's own summary, so the list and the run page
 * cannot disagree.
 */
export const runIndex = restate.object({
  name: RUN_INDEX_OBJECT,
  handlers: {
    add: async (ctx: restate.ObjectContext, entry: RunIndexEntry): Promise<void> => {
      const runs = (await ctx.get<RunIndexEntry[]>("runs")) ?? [];
      if (runs.some((r) => r.id === entry.id)) return;
      runs.push(entry);
      ctx.set("runs", runs);
    },
    list: restate.handlers.object.shared(
      { journalRetention: 0, idempotencyRetention: 0 },
      async (ctx: restate.ObjectSharedContext, page: { offset: number; limit: number }): Promise<RunIndexPage> => {
        const runs = (await ctx.get<RunIndexEntry[]>("runs")) ?? [];
        const newestFirst = runs.slice().reverse();
        return { entries: newestFirst.slice(page.offset, page.offset + page.limit), total: runs.length };
      },
    ),
  },
});

export type RunIndex = typeof runIndex;
