import * as restate from "@restatedev/restate-sdk";
import { RUN_INDEX_OBJECT } from "@/lib/names";
import { isRunFinished, type RunIndexEntry, type RunStatus } from "@/lib/status";
import { INTERNAL } from "./internal";

export interface RunIndexPage {
  entries: RunIndexEntry[];
  /** Runs matching the filter. */
  total: number;
}

export interface RunIndexQuery {
  offset: number;
  limit: number;
  /** A run status, or "active" for every run not finished yet. */
  status?: RunStatus | "active";
}

const ORDER = "order";
const STATUSES = "statuses";
const entryKey = (id: string) => `run:${id}`;

/**
 * The durable list of runs: every run registers itself when it starts and
 * reports when it finishes, whoever started it (the dashboard, the API, the
 * guide's worker). Live progress comes from each run's own summary, so the
 * list and the run page cannot disagree. Kept as an ordered id list and a
 * compact status map (for filtering) plus one key per run (read per page).
 */
export const runIndex = restate.object({
  name: RUN_INDEX_OBJECT,
  handlers: {
    add: restate.handlers.object.exclusive(INTERNAL, async (ctx: restate.ObjectContext, entry: RunIndexEntry): Promise<void> => {
      if (await ctx.get(entryKey(entry.id))) return;
      const order = (await ctx.get<string[]>(ORDER)) ?? [];
      const statuses = (await ctx.get<Record<string, RunStatus>>(STATUSES)) ?? {};
      order.push(entry.id);
      statuses[entry.id] = entry.status;
      ctx.set(ORDER, order);
      ctx.set(STATUSES, statuses);
      ctx.set(entryKey(entry.id), entry);
      if (entry.rerunOf) {
        const parent = await ctx.get<RunIndexEntry>(entryKey(entry.rerunOf));
        if (parent) ctx.set(entryKey(parent.id), { ...parent, reruns: [...parent.reruns, entry.id] });
      }
    }),

    finished: restate.handlers.object.exclusive(INTERNAL, async (ctx: restate.ObjectContext, update: { id: string; status: RunStatus; finishedAt: number }): Promise<void> => {
      const entry = await ctx.get<RunIndexEntry>(entryKey(update.id));
      if (!entry) return;
      ctx.set(entryKey(update.id), { ...entry, status: update.status, finishedAt: update.finishedAt });
      const statuses = (await ctx.get<Record<string, RunStatus>>(STATUSES)) ?? {};
      statuses[update.id] = update.status;
      ctx.set(STATUSES, statuses);
    }),

    list: restate.handlers.object.shared(
      { journalRetention: 0, idempotencyRetention: 0 },
      async (ctx: restate.ObjectSharedContext, query: RunIndexQuery): Promise<RunIndexPage> => {
        const order = (await ctx.get<string[]>(ORDER)) ?? [];
        const statuses = (await ctx.get<Record<string, RunStatus>>(STATUSES)) ?? {};
        const wanted = query.status;
        const matches = order
          .slice()
          .reverse()
          .filter((id) => !wanted || (wanted === "active" ? !isRunFinished(statuses[id]) : statuses[id] === wanted));
        const page = matches.slice(query.offset, query.offset + query.limit);
        const entries = await Promise.all(page.map((id) => ctx.get<RunIndexEntry>(entryKey(id))));
        return { entries: entries.filter((e): e is RunIndexEntry => e !== null), total: matches.length };
      },
    ),

    get: restate.handlers.object.shared(
      { journalRetention: 0, idempotencyRetention: 0 },
      async (ctx: restate.ObjectSharedContext, id: string): Promise<RunIndexEntry | null> => ctx.get<RunIndexEntry>(entryKey(id)),
    ),
  },
  options: { enableLazyState: true },
});

export type RunIndex = typeof runIndex;
