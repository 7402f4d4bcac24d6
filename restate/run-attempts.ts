import * as restate from "@restatedev/restate-sdk";
import { BUCKET_SIZE } from "@/lib/ledger";
import { RUN_ATTEMPTS_OBJECT } from "@/lib/names";
import { ATTEMPTS_META as META, attemptsBucketKey as bucketKey, retryChangesOf, type AttemptsMeta, type RetryChanges, type RetryQuery } from "@/lib/retry-overlay";
import type { RetryReport } from "@/lib/status";
import { INTERNAL } from "./internal";

/**
 * Live retry reports of one run (keyed by run id). A subtask that failed an
 * attempt and will try again sends a report here before it waits, and a
 * `settled` report when it finishes; only the workflow's `run` handler can
 * write the run's own state, and it hears of a subtask only when it ends.
 * Messages come only from subtasks that fail, so a run without failures
 * never touches this object. Its layout and its answers are in
 * lib/retry-overlay.ts, shared with the API's reads of its stored state.
 */
export const runAttempts = restate.object({
  name: RUN_ATTEMPTS_OBJECT,
  handlers: {
    report: restate.handlers.object.exclusive(INTERNAL, async (ctx: restate.ObjectContext, report: RetryReport): Promise<void> => {
      const meta = (await ctx.get<AttemptsMeta>(META)) ?? { version: 0, bucketVersions: [], retryingNow: 0 };
      const bucket = Math.floor(report.index / BUCKET_SIZE);
      const reports = (await ctx.get<Record<number, RetryReport>>(bucketKey(bucket))) ?? {};
      const wasRetrying = reports[report.index] !== undefined && !reports[report.index].settled;
      const isRetrying = !report.settled;
      meta.retryingNow += Number(isRetrying) - Number(wasRetrying);
      reports[report.index] = report;
      meta.version += 1;
      while (meta.bucketVersions.length <= bucket) meta.bucketVersions.push(0);
      meta.bucketVersions[bucket] = meta.version;
      ctx.set(bucketKey(bucket), reports);
      ctx.set(META, meta);
    }),

    /** The run expired (restate/run-index.ts): its reports go with it. */
    clear: restate.handlers.object.exclusive({ ingressPrivate: true }, async (ctx: restate.ObjectContext): Promise<void> => ctx.clearAll()),

    changes: restate.handlers.object.shared(
      { journalRetention: 0, idempotencyRetention: 0 },
      async (ctx: restate.ObjectSharedContext, query: RetryQuery): Promise<RetryChanges> =>
        retryChangesOf(await ctx.get<AttemptsMeta>(META), query, (bucket) => ctx.get<Record<number, RetryReport>>(bucketKey(bucket))),
    ),
  },
  options: { enableLazyState: true },
});

export type RunAttempts = typeof runAttempts;
