import * as restate from "@restatedev/restate-sdk";
import { CancelledError, TerminalError } from "@restatedev/restate-sdk";
import { PermanentError } from "@/lib/kinds/errors";
import { LIMITS } from "@/lib/limits";
import { SUBTASK_SERVICE } from "@/lib/names";
import type { AttemptRecord, RetryPolicy, SubtaskOutcome } from "@/lib/records";
import { beginAttempt } from "./attempt";
import { INTERNAL } from "./internal";
import { findExecutor } from "./kinds";
import { retryReports } from "./retry-reports";

export interface SubtaskRequest {
  runId: string;
  index: number;
  kind: string;
  description: string;
  input: unknown;
  retry: RetryPolicy;
  /** The run's kind context (see TaskKind.context). */
  kindContext?: unknown;
}

/** Wait before attempt `attempt + 1`: the initial interval, doubling, capped. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.initialIntervalMs * 2 ** (attempt - 1), LIMITS.maxRetryIntervalMs);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one subtask: its own invocation, so executors scale and deploy apart
 * from the orchestrating workflow.
 *
 * Attempts: an error from the kind is retried under the run's policy, with a
 * durable sleep between attempts; a TerminalError or PermanentError, or the
 * last attempt failing, fails the subtask. Each failed attempt is reported at once to the run's attempts object, so the
 * dashboard shows "retrying" live. Errors outside the kind (this process
 * crashing, Restate restarting) are retried by Restate itself and never count
 * as attempts: an outage delays a subtask, it does not fail it.
 *
 * Time: each attempt journals when it finished, with when it started, in a
 * durable step at its end, and an attempt that waits journals its start
 * before it waits (restate/attempt.ts). So the record holds when the subtask
 * really ran (not when the workflow dispatched it or heard of it), a replay
 * returns the same times, and an attempt cut short by a crash keeps the
 * start it had. A time read without a durable step would not do: the
 * handler's return value is journaled, and a replay that returned another
 * time would fail with a journal mismatch.
 */
export const subtaskService = restate.service({
  name: SUBTASK_SERVICE,
  handlers: {
    execute: restate.handlers.handler(
      INTERNAL,
      async (ctx: restate.Context, req: SubtaskRequest): Promise<SubtaskOutcome> => {
        const executor = findExecutor(req.kind);
        if (!executor) throw new TerminalError(`Unknown task kind '${req.kind}'`, { errorCode: 400 });
        const invocationId = ctx.request().id;
        const attempts: AttemptRecord[] = [];
        const reports = ctx.objectSendClient(retryReports, req.runId);

        for (let attempt = 1; ; attempt++) {
          const current = beginAttempt(ctx, attempt);
          try {
            const result = await executor.execute(current.ctx, req.input, {
              description: req.description,
              attempt,
              kindContext: req.kindContext ?? null,
            });
            const { startedAt, finishedAt } = await current.finish();
            if (attempts.length === 0) return { status: "succeeded", result, startedAt, finishedAt, invocationId };
            attempts.push({ attempt, startedAt, finishedAt });
            reports.report({
              index: req.index,
              attempts,
              nextAttempt: attempt,
              nextAttemptAt: startedAt,
              invocationId,
              settled: true,
            });
            return {
              status: "succeeded",
              result,
              startedAt: attempts[0].startedAt,
              finishedAt,
              attempts,
              invocationId,
            };
          } catch (error) {
            if (error instanceof CancelledError) {
              // A run cancelled while this subtask waited to retry: it is not retrying any more.
              if (attempts.length > 0)
                reports.report({
                  index: req.index,
                  attempts,
                  nextAttempt: attempt,
                  nextAttemptAt: await current.started(),
                  invocationId,
                  settled: true,
                });
              throw error;
            }
            const { startedAt, finishedAt } = await current.finish();
            const message = messageOf(error);
            attempts.push({ attempt, startedAt, finishedAt, error: message });
            const permanent = error instanceof TerminalError || error instanceof PermanentError;
            if (permanent || attempt >= req.retry.maxAttempts) {
              if (attempts.length > 1) {
                reports.report({
                  index: req.index,
                  attempts,
                  nextAttempt: attempt,
                  nextAttemptAt: finishedAt,
                  invocationId,
                  settled: true,
                });
              }
              return {
                status: "failed",
                error: message,
                startedAt: attempts[0].startedAt,
                finishedAt,
                attempts,
                invocationId,
              };
            }
            const delay = retryDelay(req.retry, attempt);
            reports.report({
              index: req.index,
              attempts: [...attempts],
              nextAttempt: attempt + 1,
              nextAttemptAt: finishedAt + delay,
              invocationId,
            });
            await ctx.sleep(delay, `wait before attempt ${attempt + 1}`);
          }
        }
      },
    ),
  },
});

export type SubtaskService = typeof subtaskService;
