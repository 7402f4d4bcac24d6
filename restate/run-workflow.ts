/*
 * One Fanline run, after Restate's "Parallelizing work" guide:
 *
 *                   ┌─► subtask 0 ─┐
 *   task ──► split ─┼─► subtask 1 ─┼─► aggregate ──► output (+ "aggregate" promise)
 *                   └─► subtask N ─┘
 *        (≤ concurrency in flight; statuses written as they change)
 *
 * Only `run` writes state (restate/run-writer.ts); the shared query handlers
 * the dashboard polls while it is in flight are in restate/run-queries.ts.
 */
import * as restate from "@restatedev/restate-sdk";
import { CancelledError } from "@restatedev/restate-sdk";
import { findKind, type SubtaskSpec } from "@/lib/kinds";
import { LIMITS } from "@/lib/limits";
import { RUN_WORKFLOW } from "@/lib/names";
import { parseRunInput, type RunInput } from "@/lib/run-input";
import { runOutcome } from "@/lib/run-outcome";
import { checkTolerance } from "@/lib/tolerance";
import { fanOut } from "./fan-out";
import { refuseRun } from "./refuse-run";
import { runQueries } from "./run-queries";
import { RunWriter } from "./run-writer";
import { subtaskService } from "./subtask";

export const runWorkflow = restate.workflow({
  name: RUN_WORKFLOW,
  handlers: {
    run: async (ctx: restate.WorkflowContext, submitted: RunInput): Promise<unknown> => {
      const createdAt = await ctx.date.now();
      // The API's own schema again: a call that skipped the API (Restate's ingress) is held to the same
      // bounds, and its refusal is recorded on the run, so it shows as failed rather than missing.
      const checked = parseRunInput(submitted);
      if (!checked.ok) return refuseRun(ctx, submitted, createdAt, checked.error);
      const { input } = checked;
      const kind = findKind(input.kind)!;
      const run = new RunWriter(ctx, kind, input, createdAt);
      const { meta } = run;
      try {
        // Split.
        const specs: SubtaskSpec[] = input.rerun
          ? input.rerun.specs
          : await ctx.run("split task", () => kind.split(input.task));
        run.split(specs);

        // Fan out, at most `concurrency` subtasks in flight, each one durable call.
        const { tolerance } = meta;
        const { stoppedBy } = await fanOut(ctx, {
          ledger: run.ledger,
          concurrency: meta.concurrency,
          stopOnFailure: tolerance
            ? () => checkTolerance(tolerance, run.ledger.counts.failed, run.ledger.total).stop
            : meta.onFailure === "fail-fast"
              ? () => true
              : undefined,
          persist: run.persist,
          dispatch: (i) =>
            ctx.serviceClient(subtaskService).execute({
              runId: meta.id,
              index: i,
              kind: kind.name,
              description: specs[i].description,
              input: specs[i].input,
              retry: meta.retry,
              kindContext: meta.kindContext ?? null,
            }),
        });

        // Fan in.
        run.persist(await ctx.date.now(), "aggregating");
        const aggregate = await run.aggregate();
        const { status, error } = runOutcome(run.ledger, tolerance ?? null, stoppedBy);
        await run.finish(status, error);
        return aggregate;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        // A cancel can land at any await (the split, the fan-out, the aggregation),
        // and a second cancel can land while this one is being recorded: keep
        // going until the run is recorded as cancelled.
        for (;;) {
          try {
            await run.cancel();
            break;
          } catch (again) {
            if (!(again instanceof CancelledError)) throw again;
          }
        }
        throw error;
      }
    },

    ...runQueries,
  },
  options: {
    // Each shared handler reads only the keys it asks for, not all buckets.
    enableLazyState: true,
    // One retention for the run page, its list entry and its retry reports (restate/run-index.ts).
    workflowRetention: LIMITS.runRetentionMs,
  },
});

export type RunWorkflow = typeof runWorkflow;
