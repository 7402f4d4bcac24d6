import * as restate from "@restatedev/restate-sdk";
import { CancelledError, TerminalError } from "@restatedev/restate-sdk";
import { PermanentError } from "@/lib/kinds/errors";
import { LIMITS } from "@/lib/limits";
import { SUBTASK_SERVICE } from "@/lib/names";
import type { AttemptRecord, RetryPolicy, SubtaskOutcome } from "@/lib/status";
import { findExecutor } from "./kinds";
import { runAttempts } from "./run-attempts";

export interface SubtaskRequest {
  runId: string;
  index: number;
  kind: string;
  description: string;
  input: unknown;
  retry: RetryPolicy;
  /** The run's kind context (see TaskKind.context). */
  kindContext?: unknown;
  /** The workflow's dispatch time: the start of the first attempt. */
  dispatchedAt: number;
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
 * last attempt failing, fails the subtask. Each failed attempt is journaled
 * (a clock step) and reported at once to the run's attempts object, so the
 * dashboard shows "retrying" live. Errors outside the kind (this process
 * crashing, Restate restarting) are retried by Restate itself and never count
 * as attempts: an outage delays a subtask, it does not fail it.
 *
 * Time: the first attempt starts at the workflow's dispatch time; failed
 * attempts are timed by durable clock steps here. A subtask that succeeds at
 * once reports no time at all: the workflow stamps its finish from a clock
 * reading it takes once per status write, so the happy path costs no extra
 * journal entry (a clock step per subtask costs about a third of a no-op
 * run). A time read here without a durable step would not do: the handler's
 * return value is journaled, and a replay that returned another time would
 * fail with a journal mismatch.
 */
export const subtaskService = restate.service({
  name: SUBTASK_SERVICE,
  handlers: {
    execute: async (ctx: restate.Context, req: SubtaskRequest): Promise<SubtaskOutcome> => {
      const executor = findExecutor(req.kind);
      if (!executor) throw new TerminalError(`Unknown task kind '${req.kind}'`, { errorCode: 400 });
      const invocationId = ctx.request().id;
      const attempts: AttemptRecord[] = [];
      const reports = ctx.objectSendClient(runAttempts, req.runId);
      let startedAt = req.dispatchedAt;

      for (let attempt = 1; ; attempt++) {
        try {
          const result = await executor.execute(ctx, req.input, { description: req.description, attempt, kindContext: req.kindContext ?? null });
          // No clock step on the happy path: the workflow stamps the finish (see fan-out.ts).
          if (attempts.length === 0) return { status: "succeeded", result, invocationId };
          const finishedAt = await ctx.date.now();
          attempts.push({ attempt, startedAt, finishedAt });
          reports.report({ index: req.index, attempts, nextAttempt: attempt, nextAttemptAt: startedAt, invocationId, settled: true });
          return { status: "succeeded", result, finishedAt, attempts, invocationId };
        } catch (error) {
          if (error instanceof CancelledError) {
            // A run cancelled while this subtask waited to retry: it is not retrying any more.
            if (attempts.length > 0) reports.report({ index: req.index, attempts, nextAttempt: attempt, nextAttemptAt: startedAt, invocationId, settled: true });
            throw error;
          }
          const finishedAt = await ctx.date.now();
          const message = messageOf(error);
          attempts.push({ attempt, startedAt, finishedAt, error: message });
          const permanent = error instanceof TerminalError || error instanceof PermanentError;
          if (permanent || attempt >= req.retry.maxAttempts) {
            if (attempts.length > 1) {
              reports.report({ index: req.index, attempts, nextAttempt: attempt, nextAttemptAt: finishedAt, invocationId, settled: true });
            }
            return { status: "failed", error: message, finishedAt, attempts, invocationId };
          }
          const delay = retryDelay(req.retry, attempt);
          reports.report({ index: req.index, attempts: [...attempts], nextAttempt: attempt + 1, nextAttemptAt: finishedAt + delay, invocationId });
          await ctx.sleep(delay, `wait before attempt ${attempt + 1}`);
          startedAt = finishedAt + delay;
        }
      }
    },
  },
});

export type SubtaskService = typeof subtaskService;
