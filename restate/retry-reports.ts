import * as restate from "@restatedev/restate-sdk";
import { BUCKET_SIZE, bucketsChangedSince } from "@/lib/ledger";
import { RETRY_REPORTS_OBJECT } from "@/lib/names";
import type { RetryReport } from "@/lib/records";
import { INTERNAL } from "./internal";

/**
 * Live retry reports of one run (keyed by run id). A subtask that failed an
 * attempt and will try again sends a report here before it waits, and a
 * `settled` report when it finishes; only the workflow's `run` handler can
 * write the run's own state, and it hears of a subtask only when it ends.
 * Messages come only from subtasks that fail, so a run without failures
 * never touches this object. Reports are bucketed like the workflow's
 * records so a poll reads only what changed.
 */
interface AttemptsMeta {
  version: number;
  bucketVersions: number[];
  /** Subtasks retrying now (reported, not yet settled). */
  retryingNow: number;
}

export interface RetryChanges {
  version: number;
  retryingNow: number;
  reports: RetryReport[];
}

export interface RetryQuery {
  /** Reports in buckets that changed after this version… */
  since: number;
  /** …and every report in these buckets, whatever its version (for records being sent again). */
  buckets?: number[];
}

const META = "meta";
const bucketKey = (b: number) => `reports:${b}`;

export const retryReports = restate.object({
  name: RETRY_REPORTS_OBJECT,
  handlers: {
    report: restate.handlers.object.exclusive(
      INTERNAL,
      async (ctx: restate.ObjectContext, report: RetryReport): Promise<void> => {
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
      },
    ),

    /** The run expired (restate/run-index.ts): its reports go with it. */
    clear: restate.handlers.object.exclusive(
      { ingressPrivate: true },
      async (ctx: restate.ObjectContext): Promise<void> => ctx.clearAll(),
    ),

    changes: restate.handlers.object.shared(
      { journalRetention: 0, idempotencyRetention: 0 },
      async (ctx: restate.ObjectSharedContext, query: RetryQuery): Promise<RetryChanges> => {
        const meta = await ctx.get<AttemptsMeta>(META);
        if (!meta) return { version: 0, retryingNow: 0, reports: [] };
        const reports: RetryReport[] = [];
        const wanted = new Set(bucketsChangedSince(meta.bucketVersions, query?.since ?? 0));
        for (const bucket of query?.buckets ?? [])
          if (bucket < meta.bucketVersions.length && meta.bucketVersions[bucket] > 0) wanted.add(bucket);
        for (const bucket of [...wanted].sort((a, b) => a - b)) {
          reports.push(...Object.values((await ctx.get<Record<number, RetryReport>>(bucketKey(bucket))) ?? {}));
        }
        return { version: meta.version, retryingNow: meta.retryingNow, reports };
      },
    ),
  },
  options: { enableLazyState: true },
});

export type RetryReports = typeof retryReports;
