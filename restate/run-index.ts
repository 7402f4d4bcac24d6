import * as restate from "@restatedev/restate-sdk";
import { INTERNAL } from "./internal";
import { LIMITS } from "@/lib/limits";
import { RUN_INDEX_OBJECT, RUN_WORKFLOW } from "@/lib/names";
import { shardOf } from "@/lib/run-list";
import type { RunIndexEntry } from "@/lib/records";
import { isRunFinished, type RunStatus } from "@/lib/status";
import { runInvocationEnded } from "./restate-admin";
import { retryReports } from "./retry-reports";
import { runList } from "./run-list";
import type { RunWorkflow } from "./run-workflow";

const ENTRY = "entry";
/** Restate purges a finished workflow on its own schedule, after the same retention: look again this often until it has. */
const RECHECK_MS = Math.min(LIMITS.runRetentionMs, 10 * 60_000);

/**
 * One run's entry in the runs list (keyed by run id): every run registers
 * itself when it starts and reports when it finishes, whoever started it
 * (the dashboard, the API, the guide's worker). Each change is passed on to
 * the run's shard of the list (restate/run-list.ts), so runs never queue
 * behind each other here. Live progress comes from each run's own summary,
 * so the list and the run page cannot disagree.
 *
 * A finished run expires after LIMITS.runRetentionMs, the workflow's own
 * retention: once Restate has purged the workflow, the entry leaves the list
 * and the run's retry reports are cleared, so the id is free and a new run
 * with it starts clean.
 */
export const runIndex = restate.object({
  name: RUN_INDEX_OBJECT,
  handlers: {
    add: restate.handlers.object.exclusive(
      INTERNAL,
      async (ctx: restate.ObjectContext, entry: RunIndexEntry): Promise<void> => {
        const old = await ctx.get<RunIndexEntry>(ENTRY);
        if (old?.createdAt === entry.createdAt) return;
        // Restate freed the id before this entry's expiry came round: the old run goes first.
        if (old) await retire(ctx, old);
        await save(ctx, entry, null);
        if (entry.rerunOf) ctx.objectSendClient(runIndex, entry.rerunOf).addRerun(entry.id);
      },
    ),

    finished: restate.handlers.object.exclusive(
      INTERNAL,
      async (
        ctx: restate.ObjectContext,
        update: { id: string; status: RunStatus; finishedAt: number },
      ): Promise<void> => {
        const entry = await ctx.get<RunIndexEntry>(ENTRY);
        // The run's own word replaces a "killed" recorded from Restate's tables.
        if (!entry || (isRunFinished(entry.status) && entry.status !== "killed")) return;
        await save(ctx, { ...entry, status: update.status, finishedAt: update.finishedAt }, entry);
      },
    ),

    addRerun: restate.handlers.object.exclusive(
      INTERNAL,
      async (ctx: restate.ObjectContext, rerunId: string): Promise<void> => {
        const entry = await ctx.get<RunIndexEntry>(ENTRY);
        if (!entry || entry.reruns.includes(rerunId)) return;
        await save(ctx, { ...entry, reruns: [...entry.reruns, rerunId] }, entry);
      },
    ),

    /**
     * A killed workflow never reports its end, so the API records it. Anyone
     * may call this: nothing changes unless Restate itself says the run's
     * workflow invocation ended with a failure or is gone.
     */
    markKilled: async (ctx: restate.ObjectContext): Promise<RunIndexEntry | null> => {
      const entry = await ctx.get<RunIndexEntry>(ENTRY);
      if (!entry || isRunFinished(entry.status)) return entry;
      const { ended } = await ctx.run("ask Restate whether the run ended", () => runInvocationEnded(ctx.key), {
        maxRetryAttempts: 5,
      });
      if (!ended) return entry;
      const killed: RunIndexEntry = { ...entry, status: "killed", finishedAt: await ctx.date.now() };
      await save(ctx, killed, entry);
      return killed;
    },

    expire: restate.handlers.object.exclusive(
      INTERNAL,
      async (ctx: restate.ObjectContext, due: { createdAt: number }): Promise<void> => {
        const entry = await ctx.get<RunIndexEntry>(ENTRY);
        if (entry?.createdAt !== due.createdAt) return;
        if (await ctx.workflowClient<RunWorkflow>({ name: RUN_WORKFLOW }, ctx.key).summary()) {
          ctx.objectSendClient(runIndex, ctx.key).expire(due, restate.rpc.sendOpts({ delay: RECHECK_MS }));
          return;
        }
        await retire(ctx, entry);
      },
    ),

    get: restate.handlers.object.shared(
      { journalRetention: 0, idempotencyRetention: 0 },
      async (ctx: restate.ObjectSharedContext): Promise<RunIndexEntry | null> => ctx.get<RunIndexEntry>(ENTRY),
    ),
  },
  options: { enableLazyState: true },
});

/** Keeps the entry, updates its shard, and once it is finished schedules its expiry. */
async function save(ctx: restate.ObjectContext, entry: RunIndexEntry, previous: RunIndexEntry | null): Promise<void> {
  ctx.set(ENTRY, entry);
  await ctx.objectClient(runList, String(shardOf(entry.id))).put({ entry, previous: previous ?? undefined });
  if (isRunFinished(entry.status) && !(previous && isRunFinished(previous.status))) {
    ctx
      .objectSendClient(runIndex, ctx.key)
      .expire({ createdAt: entry.createdAt }, restate.rpc.sendOpts({ delay: LIMITS.runRetentionMs }));
  }
}

/** Takes the run out of the list and clears its retry reports and this entry. */
async function retire(ctx: restate.ObjectContext, entry: RunIndexEntry): Promise<void> {
  await ctx.objectClient(runList, String(shardOf(entry.id))).remove(entry);
  await ctx.objectClient(retryReports, entry.id).clear();
  ctx.clearAll();
}

export type RunIndex = typeof runIndex;
