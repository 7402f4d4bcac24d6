/*
 * One Fanline run, after Restate's "Parallelizing work" guide:
 *
 *            ┌─► subtask 0 ─┐
 *   task ──► split ─► subtask 1 ─┼─► aggregate ──► output (+ "aggregate" promise)
 *            └─► subtask N ─┘
 *        (≤ concurrency in flight; statuses written as they change)
 *
 * Only `run` writes state; `summary` and `subtasks` are shared query
 * handlers the dashboard polls while the run is in flight.
 */
import * as restate from "@restatedev/restate-sdk";
import { CancelledError, TerminalError } from "@restatedev/restate-sdk";
import { findKind, type FinishedSubtask } from "@/lib/kinds";
import { runLabel } from "@/lib/label";
import { bucketsChangedSince, RunLedger } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { AGGREGATE_PROMISE, bucketStateKey, RUN_INDEX_KEY, RUN_WORKFLOW, STATE_META } from "@/lib/names";
import type { RunInput } from "@/lib/run-input";
import { emptyCounts, type RunStatus, type RunSummary, type SubtaskChanges, type SubtaskRecord } from "@/lib/status";
import { fanOut } from "./fan-out";
import { runIndex } from "./run-index";
import { subtaskService } from "./subtask";

/** What `run` keeps in the `meta` state key: the summary less what queries derive. */
interface RunMeta extends Omit<RunSummary, "done" | "aggregate"> {
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

export const runWorkflow = restate.workflow({
  name: RUN_WORKFLOW,
  handlers: {
    run: async (ctx: restate.WorkflowContext, input: RunInput): Promise<unknown> => {
      const kind = findKind(input.kind);
      if (!kind) throw new TerminalError(`Unknown task kind '${input.kind}'`, { errorCode: 400 });
      const createdAt = await ctx.date.now();
      const task = kind.inputSchema.safeParse(input.task);
      if (!task.success) throw new TerminalError(task.error.issues[0]?.message ?? "Invalid task", { errorCode: 400 });
      const concurrency = input.concurrency ?? LIMITS.defaultConcurrency;

      // Visible as "splitting" before the split step, so the run exists for queries at once.
      const meta: RunMeta = {
        id: ctx.key,
        kind: kind.name,
        label: "",
        status: "splitting",
        total: 0,
        counts: emptyCounts(),
        concurrency,
        createdAt,
        finishedAt: null,
        error: null,
        version: 0,
        bucketVersions: [],
      };
      ctx.set(STATE_META, meta);

      const specs = await ctx.run("split task", () => kind.split(task.data));
      const ledger = new RunLedger(specs.map((s) => s.description));
      Object.assign(meta, {
        label: runLabel(specs.map((s) => s.description)),
        status: "running",
        total: specs.length,
        counts: ledger.counts,
        bucketVersions: ledger.bucketVersions,
      });
      ctx.objectSendClient(runIndex, RUN_INDEX_KEY).add({ id: meta.id, kind: meta.kind, label: meta.label, createdAt });

      const persist = (status: RunStatus = meta.status) => {
        const commit = ledger.commit();
        for (const [bucket, records] of commit.buckets) ctx.set(bucketStateKey(bucket), records);
        meta.status = status;
        meta.version = commit.version;
        ctx.set(STATE_META, meta);
      };
      persist();

      try {
        await fanOut(ctx, {
          ledger,
          concurrency: meta.concurrency,
          persist,
          dispatch: (index) =>
            ctx.serviceClient(subtaskService).execute({
              runId: meta.id,
              index,
              kind: kind.name,
              description: specs[index].description,
              input: specs[index].input,
            }),
        });
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        const at = await ctx.date.now();
        for (const index of ledger.unfinished()) ledger.markCancelled(index, at);
        meta.finishedAt = at;
        meta.error = "The run was cancelled";
        persist("cancelled");
        throw error;
      }

      persist("aggregating");
      const finished: FinishedSubtask[] = ledger.records.map((r) => ({
        description: r.description,
        status: r.status as FinishedSubtask["status"],
        result: r.result,
        error: r.error,
      }));
      const aggregate = kind.aggregate(finished);
      await ctx.promise(AGGREGATE_PROMISE).resolve(aggregate);
      ctx.console.info(`Aggregated result: ${kind.describeAggregate(aggregate)}`);

      meta.finishedAt = await ctx.date.now();
      const failed = ledger.counts.failed;
      if (failed > 0) meta.error = `${failed} of ${ledger.total} subtasks failed`;
      persist(failed > 0 ? "failed" : "succeeded");
      return aggregate;
    },

    summary: restate.handlers.workflow.shared(
      QUERY_OPTIONS,
      async (ctx: restate.WorkflowSharedContext): Promise<RunSummary | null> => {
        const meta = await ctx.get<RunMeta>(STATE_META);
        if (!meta) return null;
        const { bucketVersions: _, ...rest } = meta;
        const aggregate = (await ctx.promise(AGGREGATE_PROMISE).peek()) ?? null;
        const done = meta.counts.succeeded + meta.counts.failed + meta.counts.cancelled;
        return { ...rest, done, aggregate };
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
  },
  options: {
    // Each shared handler reads only the keys it asks for, not all buckets.
    enableLazyState: true,
    workflowRetention: { days: 7 },
  },
});

export type RunWorkflow = typeof runWorkflow;
