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
import { CancelledError } from "@restatedev/restate-sdk";
import { findKind, type FinishedSubtask, type SubtaskSpec } from "@/lib/kinds";
import { runLabel } from "@/lib/label";
import { BUCKET_SIZE, RunLedger } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { ErrorGroupTally, errorGroupOf, type ErrorGroupsSummary } from "@/lib/error-groups";
import {
  AGGREGATE_PROMISE,
  bucketStateKey,
  inputBucketStateKey,
  RUN_WORKFLOW,
  STATE_ERROR_GROUPS,
  STATE_META,
} from "@/lib/names";
import { parseRunInput, type RunInput } from "@/lib/run-input";
import { changesOf, summaryOf, type RunMeta, type SubtaskQuery } from "@/lib/run-state";
import { checkTolerance } from "@/lib/tolerance";
import {
  emptyCounts,
  type ResultsPage,
  type RunStatus,
  type RunSummary,
  type SubtaskChanges,
  type SubtaskDetail,
  type SubtaskRecord,
} from "@/lib/status";
import { fanOut } from "./fan-out";
import { refuseRun } from "./refuse-run";
import { runIndex } from "./run-index";
import { subtaskService } from "./subtask";

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
    run: async (ctx: restate.WorkflowContext, submitted: RunInput): Promise<unknown> => {
      const createdAt = await ctx.date.now();
      // The API's own schema again: a call that skipped the API (Restate's ingress) is held to the same
      // bounds, and its refusal is recorded on the run, so it shows as failed rather than missing.
      const checked = parseRunInput(submitted);
      if (!checked.ok) return refuseRun(ctx, submitted, createdAt, checked.error);
      const input = checked.input;
      const kind = findKind(input.kind)!;
      const retry = input.retry;
      const kindContext = (input.rerun ? input.kindContext : kind.context?.(input.task)) ?? null;

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
        fingerprint: input.fingerprint ?? null,
        kindContext,
        tolerance: input.tolerance ?? null,
        bucketVersions: [],
      };
      ctx.set(STATE_META, meta);

      const index = ctx.objectSendClient(runIndex, meta.id);
      let listed = false;
      const list = () => {
        if (listed) return;
        listed = true;
        index.add({
          id: meta.id,
          kind: meta.kind,
          label: meta.label,
          createdAt,
          status: "running",
          finishedAt: null,
          rerunOf: meta.rerunOf,
          reruns: [],
        });
      };
      let ledger = new RunLedger([]);
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

      // The aggregate covers what finished, so a cancelled or failed run still shows its partial result.
      let aggregated = false;
      const aggregateWhatFinished = async () => {
        const finished: FinishedSubtask[] = ledger.records.map((r) => ({
          description: r.description,
          status: r.status as FinishedSubtask["status"],
          result: r.result,
          error: r.error,
        }));
        const aggregate = kind.aggregate(finished);
        if (!aggregated) {
          aggregated = true;
          await ctx.promise(AGGREGATE_PROMISE).resolve(aggregate);
          ctx.console.info(`Aggregated result: ${kind.describeAggregate(aggregate)}`);
        }
        return aggregate;
      };
      const finish = async (status: RunStatus, error: string | null) => {
        meta.finishedAt = await ctx.date.now();
        meta.error = error;
        persist(meta.finishedAt, status);
        list();
        index.finished({ id: meta.id, status, finishedAt: meta.finishedAt });
      };

      try {
        const specs: SubtaskSpec[] = input.rerun
          ? input.rerun.specs
          : await ctx.run("split task", () => kind.split(input.task));
        bucketsOf(specs.map((s) => s.input)).forEach((inputs, bucket) => ctx.set(inputBucketStateKey(bucket), inputs));
        ledger = new RunLedger(specs.map((s) => s.description));
        Object.assign(meta, {
          label: runLabel(specs.map((s) => s.description)),
          status: "running",
          total: specs.length,
          counts: ledger.counts,
          bucketVersions: ledger.bucketVersions,
        });
        list();
        persist(createdAt);

        const tolerance = meta.tolerance ?? null;
        const { stoppedBy } = await fanOut(ctx, {
          ledger,
          concurrency: meta.concurrency,
          stopOnFailure: tolerance
            ? () => checkTolerance(tolerance, ledger.counts.failed, ledger.total).stop
            : meta.onFailure === "fail-fast"
              ? () => true
              : undefined,
          persist,
          dispatch: (i) =>
            ctx.serviceClient(subtaskService).execute({
              runId: meta.id,
              index: i,
              kind: kind.name,
              description: specs[i].description,
              input: specs[i].input,
              retry,
              kindContext,
            }),
        });

        persist(await ctx.date.now(), "aggregating");
        const aggregate = await aggregateWhatFinished();
        const failed = ledger.counts.failed;
        const crossed = tolerance ? checkTolerance(tolerance, failed, ledger.total) : null;
        if (stoppedBy !== null && crossed?.stop) {
          await finish("failed", `Stopped: ${crossed.message}`);
        } else if (stoppedBy !== null) {
          const culprit = ledger.records[stoppedBy];
          await finish(
            "failed",
            `Stopped at the first failure (fail-fast): "${culprit.description}": ${culprit.error}`,
          );
        } else if (crossed && !crossed.stop) {
          // Within the tolerance: the run succeeds; its failures stay counted, grouped and downloadable.
          await finish("succeeded", null);
        } else {
          await finish(
            failed > 0 ? "failed" : "succeeded",
            failed > 0 ? `${failed} of ${ledger.total} subtasks failed` : null,
          );
        }
        return aggregate;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        // A cancel can land at any await (the split, the fan-out, the aggregation),
        // and a second cancel can land while this one is being recorded: keep
        // going until the run is recorded as cancelled.
        for (;;) {
          try {
            for (const i of ledger.unfinished()) ledger.markCancelled(i);
            await aggregateWhatFinished();
            const finished = ledger.done - ledger.counts.cancelled;
            await finish("cancelled", `Cancelled with ${finished} of ${ledger.total} subtasks finished`);
            break;
          } catch (again) {
            if (!(again instanceof CancelledError)) throw again;
          }
        }
        throw error;
      }
    },

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
        return meta ? changesOf(meta, query, (bucket) => ctx.get<SubtaskRecord[]>(bucketStateKey(bucket))) : null;
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
  },
  options: {
    // Each shared handler reads only the keys it asks for, not all buckets.
    enableLazyState: true,
    // One retention for the run page, its list entry and its retry reports (restate/run-index.ts).
    workflowRetention: LIMITS.runRetentionMs,
  },
});

export type RunWorkflow = typeof runWorkflow;
