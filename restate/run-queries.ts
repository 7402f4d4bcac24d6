// The run's shared query handlers: what the dashboard polls while `run`
// writes (restate/run-writer.ts). Each reads only the state keys it needs.
import * as restate from "@restatedev/restate-sdk";
import type { SubtaskSpec } from "@/lib/kinds";
import { BUCKET_SIZE } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { errorGroupOf, type ErrorGroupsSummary } from "@/lib/error-groups";
import { AGGREGATE_PROMISE, bucketStateKey, inputBucketStateKey, STATE_ERROR_GROUPS, STATE_META } from "@/lib/names";
import { changesOf, summaryOf, type RunMeta, type SubtaskQuery } from "@/lib/run-state";
import type { ResultsPage, RunSummary, SubtaskChanges, SubtaskDetail } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { getMany } from "./get-many";

/** Polling must not grow Restate's store: no journal or idempotency retention for queries. */
const QUERY_OPTIONS = { journalRetention: 0, idempotencyRetention: 0 } as const;

export const runQueries = {
  summary: restate.handlers.workflow.shared(
    QUERY_OPTIONS,
    async (ctx: restate.WorkflowSharedContext): Promise<RunSummary | null> => {
      const meta = await ctx.get<RunMeta>(STATE_META);
      if (!meta) return null;
      return summaryOf(
        meta,
        await ctx.promise(AGGREGATE_PROMISE).peek(),
        await ctx.get<ErrorGroupsSummary>(STATE_ERROR_GROUPS),
      );
    },
  ),

  subtasks: restate.handlers.workflow.shared(
    QUERY_OPTIONS,
    async (ctx: restate.WorkflowSharedContext, query: SubtaskQuery): Promise<SubtaskChanges | null> => {
      const meta = await ctx.get<RunMeta>(STATE_META);
      const readBuckets = (buckets: number[]) => getMany<SubtaskRecord[]>(ctx, buckets.map(bucketStateKey));
      return meta ? changesOf(meta, query, readBuckets) : null;
    },
  ),

  /** One subtask's record and input, for the details panel and for re-runs. */
  subtask: restate.handlers.workflow.shared(
    QUERY_OPTIONS,
    async (ctx: restate.WorkflowSharedContext, query: { index: number }): Promise<SubtaskDetail | null> => {
      const bucket = Math.floor(query.index / BUCKET_SIZE);
      const records = await ctx.get<SubtaskRecord[]>(bucketStateKey(bucket));
      const record = records?.[query.index % BUCKET_SIZE];
      if (!record) return null;
      const inputs = await ctx.get<unknown[]>(inputBucketStateKey(bucket));
      return { record, input: inputs?.[query.index % BUCKET_SIZE] ?? null };
    },
  ),

  /** Every subtask with its input, a page at a time from index `from`, for downloads. */
  results: restate.handlers.workflow.shared(
    QUERY_OPTIONS,
    async (ctx: restate.WorkflowSharedContext, query: { from?: number }): Promise<ResultsPage | null> => {
      const meta = await ctx.get<RunMeta>(STATE_META);
      if (!meta) return null;
      // A page's buckets (all full but a run's last), their records and inputs read at once.
      const first = Math.floor((query?.from ?? 0) / BUCKET_SIZE);
      const end = Math.min(meta.bucketVersions.length, first + Math.ceil(LIMITS.subtaskPageSize / BUCKET_SIZE));
      const buckets = Array.from({ length: Math.max(0, end - first) }, (_, i) => first + i);
      const read = await getMany<unknown[]>(ctx, [...buckets.map(bucketStateKey), ...buckets.map(inputBucketStateKey)]);
      const rows: SubtaskDetail[] = buckets.flatMap((_, b) => {
        const inputs = read[buckets.length + b] ?? [];
        return ((read[b] ?? []) as SubtaskRecord[]).map((record, i) => ({ record, input: inputs[i] ?? null }));
      });
      return { total: meta.total, rows, next: end < meta.bucketVersions.length ? end * BUCKET_SIZE : null };
    },
  ),

  /** The subtasks that failed, as specs a new run can take (`rerun-failed`). */
  failedSpecs: restate.handlers.workflow.shared(
    QUERY_OPTIONS,
    async (ctx: restate.WorkflowSharedContext, query: { error?: string }): Promise<SubtaskSpec[] | null> => {
      const meta = await ctx.get<RunMeta>(STATE_META);
      if (!meta) return null;
      const specs: SubtaskSpec[] = [];
      for (let bucket = 0; bucket < meta.bucketVersions.length; bucket++) {
        const records = (await ctx.get<SubtaskRecord[]>(bucketStateKey(bucket))) ?? [];
        const failed = records.filter(
          (r) => r.status === "failed" && (query?.error === undefined || errorGroupOf(r.error) === query.error),
        );
        if (failed.length === 0) continue;
        const inputs = (await ctx.get<unknown[]>(inputBucketStateKey(bucket))) ?? [];
        for (const r of failed) specs.push({ description: r.description, input: inputs[r.index % BUCKET_SIZE] });
      }
      return specs;
    },
  ),
};
