/*
 * One Fanline run, after Restate's "Parallelizing work" guide:
 *
 *                   ┌─► subtask 0 ─┐
 *   task ──► split ─┼─► subtask 1 ─┼─► aggregate ──► output (+ "aggregate" promise)
 *                   └─► subtask N ─┘
 *        (≤ concurrency in flight; statuses written as they change)
 *
 * Only `run` writes state; `summary`, `subtasks` and `subtask` are shared
 * query handlers the dashboard polls while the run is in flight.
 */
import * as restate from "@restatedev/restate-sdk";
import { CancelledError, TerminalError } from "@restatedev/restate-sdk";
import { ErrorGroupTally, errorGroupOf, type ErrorGroupsSummary } from "@/lib/error-groups";
import { findKind, type FinishedSubtask, type SubtaskSpec } from "@/lib/kinds";
import { runLabel } from "@/lib/label";
import { BUCKET_SIZE, bucketsChangedSince, RunLedger } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { AGGREGATE_PROMISE, bucketStateKey, inputBucketStateKey, RUN_INDEX_KEY, RUN_WORKFLOW, STATE_ERROR_GROUPS, STATE_META } from "@/lib/names";
import { DEFAULT_RETRY, type RunInput } from "@/lib/run-input";
import { checkTolerance } from "@/lib/tolerance";
import {
  emptyCounts,
  type RunStatus,
  type ResultsPage,
  type RunSummary,
  type SubtaskChanges,
  type SubtaskDetail,
  type SubtaskRecord,
} from "@/lib/status";
import { fanOut } from "./fan-out";
import { runIndex } from "./run-index";
import { subtaskService } from "./subtask";

/** What `run` keeps in the `meta` state key: the summary less what queries derive or the index holds. */
interface RunMeta extends Omit<RunSummary, "done" | "aggregate" | "reruns"> {
  bucketVersions: number[];
}

export interface SubtaskQuery {
  /** Only subtasks whose bucket changed after this version (0: everything). */
  since?: number;
  /** Continue a paged answer from this subtask index. */
  from?: number;
}

/** Polling must not grow Restate's store: no journal or idempotency retention for queries. */
const QUERY_OPTIONS = { journalRetention: 0, idempotencyRetention: 0 } as const;

function bucketsOf<T>(items: readonly T[]): T[][] {
  const buckets: T[][] = [];
  for (let i = 0; i < items.length; i += BUCKET_SIZE) buckets.push(items.slice(i, i + BUCKET_SIZE));
  return buckets;
}

export const runWorkflow = restate.workflow({
  name: RUN_WORKFLOW,
  handlers: {
    run: async (ctx: restate.WorkflowContext, input: RunInput): Promise<unknown> => {
      const kind = findKind(input.kind);
      if (!kind) throw new TerminalError(`Unknown task kind '${input.kind}'`, { errorCode: 400 });
      const createdAt = await ctx.date.now();
      const task = input.rerun ? null : kind.inputSchema.safeParse(input.task);
      if (task && !task.success) throw new TerminalError(task.error.issues[0]?.message ?? "Invalid task", { errorCode: 400 });
      const retry = input.retry ?? DEFAULT_RETRY;
      const kindContext = (input.rerun ? input.kindContext : task && kind.context?.(task.data)) ?? null;

      // Visible as "splitting" before the split step, so the run exists for queries at once.
      const meta: RunMeta = {
        id: ctx.key,
        kind: kind.name,
        label: "",
        status: "splitting",
        total: 0,
        counts: emptyCounts(),
        concurrency: input.concurrency ?? LIMITS.defaultConcurrency,
        retry,
        onFailure: input.onFailure ?? "continue",
        createdAt,
        finishedAt: null,
        error: null,
        version: 0,
        rerunOf: input.rerun?.of ?? null,
        kindContext,
        tolerance: input.tolerance ?? null,
        bucketVersions: [],
      };
      ctx.set(STATE_META, meta);

      const specs: SubtaskSpec[] = input.rerun
        ? input.rerun.specs
        : await ctx.run("split task", () => kind.split(task!.data));
      bucketsOf(specs.map((s) => s.input)).forEach((inputs, bucket) => ctx.set(inputBucketStateKey(bucket), inputs));
      const ledger = new RunLedger(specs.map((s) => s.description));
      Object.assign(meta, {
        label: runLabel(specs.map((s) => s.description)),
        status: "running",
        total: specs.length,
        counts: ledger.counts,
        bucketVersions: ledger.bucketVersions,
      });
      const index = ctx.objectSendClient(runIndex, RUN_INDEX_KEY);
      index.add({ id: meta.id, kind: meta.kind, label: meta.label, createdAt, status: "running", finishedAt: null, rerunOf: meta.rerunOf, reruns: [] });

      const errorGroups = new ErrorGroupTally();
      const persist = (now: number, status: RunStatus = meta.status) => {
        const commit = ledger.commit(now);
        let groupsChanged = false;
        for (const [bucket, records] of commit.buckets) {
          ctx.set(bucketStateKey(bucket), records);
          groupsChanged = errorGroups.add(records) || groupsChanged;
        }
        if (groupsChanged) ctx.set(STATE_ERROR_GROUPS, errorGroups.summary());
        meta.status = status;
        meta.version = commit.version;
        ctx.set(STATE_META, meta);
      };
      persist(createdAt);

      // The aggregate covers what finished, so a cancelled or failed run still shows its partial result.
      const aggregateWhatFinished = async () => {
        const finished: FinishedSubtask[] = ledger.records.map((r) => ({
          description: r.description,
          status: r.status as FinishedSubtask["status"],
          result: r.result,
          error: r.error,
        }));
        const aggregate = kind.aggregate(finished);
        await ctx.promise(AGGREGATE_PROMISE).resolve(aggregate);
        ctx.console.info(`Aggregated result: ${kind.describeAggregate(aggregate)}`);
        return aggregate;
      };
      const finish = async (status: RunStatus, error: string | null) => {
        meta.finishedAt = await ctx.date.now();
        meta.error = error;
        persist(meta.finishedAt, status);
        index.finished({ id: meta.id, status, finishedAt: meta.finishedAt });
      };

      const tolerance = meta.tolerance;
      let stoppedBy: number | null;
      try {
        ({ stoppedBy } = await fanOut(ctx, {
          ledger,
          concurrency: meta.concurrency,
          failFast: meta.onFailure === "fail-fast",
          shouldStop: tolerance ? () => checkTolerance(tolerance, ledger.counts.failed, ledger.total).stop : undefined,
          persist,
          dispatch: (i, dispatchedAt) =>
            ctx.serviceClient(subtaskService).execute({
              runId: meta.id,
              index: i,
              kind: kind.name,
              description: specs[i].description,
              input: specs[i].input,
              retry,
              kindContext,
              dispatchedAt,
            }),
        }));
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        await aggregateWhatFinished();
        await finish("cancelled", `Cancelled with ${ledger.done - ledger.counts.cancelled} of ${ledger.total} subtasks finished`);
        throw error;
      }

      persist(await ctx.date.now(), "aggregating");
      const aggregate = await aggregateWhatFinished();
      const failed = ledger.counts.failed;
      const crossed = tolerance ? checkTolerance(tolerance, failed, ledger.total) : null;
      if (stoppedBy !== null && crossed?.stop) {
        await finish("failed", `Stopped: ${crossed.message}`);
      } else if (stoppedBy !== null) {
        const culprit = ledger.records[stoppedBy];
        await finish("failed", `Stopped at the first failure (fail-fast): "${culprit.description}": ${culprit.error}`);
      } else if (crossed && !crossed.stop) {
        // Within the tolerance: the run succeeds; its failures stay counted, grouped and downloadable.
        await finish("succeeded", null);
      } else {
        await finish(failed > 0 ? "failed" : "succeeded", failed > 0 ? `${failed} of ${ledger.total} subtasks failed` : null);
      }
      return aggregate;
    },

    summary: restate.handlers.workflow.shared(
      QUERY_OPTIONS,
      async (ctx: restate.WorkflowSharedContext): Promise<RunSummary | null> => {
        const meta = await ctx.get<RunMeta>(STATE_META);
        if (!meta) return null;
        const { bucketVersions: _, ...rest } = meta;
        const aggregate = (await ctx.promise(AGGREGATE_PROMISE).peek()) ?? null;
        const groups = (await ctx.get<ErrorGroupsSummary>(STATE_ERROR_GROUPS)) ?? { groups: [], rest: { groups: 0, count: 0 } };
        const done = meta.counts.succeeded + meta.counts.failed + meta.counts.cancelled;
        // Re-runs are started after this run may have finished, when it can no
        // longer write: the runs index holds them, and the API fills them in.
        return { ...rest, done, aggregate, reruns: [], errorGroups: groups.groups, errorGroupsRest: groups.rest };
      },
    ),

    subtasks: restate.handlers.workflow.shared(
      QUERY_OPTIONS,
      async (ctx: restate.WorkflowSharedContext, query: SubtaskQuery): Promise<SubtaskChanges | null> => {
        const meta = await ctx.get<RunMeta>(STATE_META);
        if (!meta) return null;
        const since = query?.since ?? 0;
        const subtasks: SubtaskRecord[] = [];
        let next: number | null = null;
        for (const bucket of bucketsChangedSince(meta.bucketVersions, since, query?.from ?? 0)) {
          if (subtasks.length >= LIMITS.subtaskPageSize) {
            next = subtasks[subtasks.length - 1].index + 1;
            break;
          }
          subtasks.push(...((await ctx.get<SubtaskRecord[]>(bucketStateKey(bucket))) ?? []));
        }
        return { version: meta.version, total: meta.total, subtasks, next };
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
        const rows: SubtaskDetail[] = [];
        let bucket = Math.floor((query?.from ?? 0) / BUCKET_SIZE);
        for (; bucket < meta.bucketVersions.length && rows.length < LIMITS.subtaskPageSize; bucket++) {
          const records = (await ctx.get<SubtaskRecord[]>(bucketStateKey(bucket))) ?? [];
          const inputs = (await ctx.get<unknown[]>(inputBucketStateKey(bucket))) ?? [];
          records.forEach((record, i) => rows.push({ record, input: inputs[i] ?? null }));
        }
        return { total: meta.total, rows, next: bucket < meta.bucketVersions.length ? bucket * BUCKET_SIZE : null };
      },
    ),

    /** The subtasks that failed (only those of error group `error`, if given), as specs a new run can take (`rerun-failed`). */
    failedSpecs: restate.handlers.workflow.shared(
      QUERY_OPTIONS,
      async (ctx: restate.WorkflowSharedContext, query: { error?: string }): Promise<SubtaskSpec[] | null> => {
        const meta = await ctx.get<RunMeta>(STATE_META);
        if (!meta) return null;
        const specs: SubtaskSpec[] = [];
        for (let bucket = 0; bucket < meta.bucketVersions.length; bucket++) {
          const records = (await ctx.get<SubtaskRecord[]>(bucketStateKey(bucket))) ?? [];
          const failed = records.filter((r) => r.status === "failed" && (query?.error === undefined || errorGroupOf(r.error) === query.error));
          if (failed.length === 0) continue;
          const inputs = (await ctx.get<unknown[]>(inputBucketStateKey(bucket))) ?? [];
          for (const r of failed) specs.push({ description: r.description, input: inputs[r.index % BUCKET_SIZE] });
        }
        return specs;
      },
    ),
  },
  options: {
    // Each shared handler reads only the keys it asks for, not all buckets.
    enableLazyState: true,
    workflowRetention: { days: 7 },
  },
});

export type RunWorkflow = typeof runWorkflow;
