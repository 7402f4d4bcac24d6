import * as restate from "@restatedev/restate-sdk";
import { CancelledError, TerminalError } from "@restatedev/restate-sdk";
import { findKind } from "@/lib/kinds";
import { SUBTASK_SERVICE } from "@/lib/names";
import type { SubtaskOutcome } from "@/lib/status";

export interface SubtaskRequest {
  runId: string;
  index: number;
  kind: string;
  description: string;
  input: unknown;
}

/**
 * Runs one subtask: its own invocation, so executors scale and deploy apart
 * from the orchestrating workflow. A kind's TerminalError is a final failure,
 * reported as an outcome; any other error is retried by Restate (a services
 * outage is such an error: it must delay a subtask, never fail it).
 *
 * Timestamps: the start is the dispatch time the workflow took from its
 * journaled clock. The finish is read here when the subtask returns and
 * travels inside the result, which Restate journals once: every replay of the
 * workflow sees the same value, and it costs no extra journal entry (two
 * `ctx.date.now()` steps per subtask cost about a third of a no-op run).
 */
export const subtaskService = restate.service({
  name: SUBTASK_SERVICE,
  handlers: {
    execute: async (ctx: restate.Context, req: SubtaskRequest): Promise<SubtaskOutcome> => {
      const kind = findKind(req.kind);
      if (!kind) throw new TerminalError(`Unknown task kind '${req.kind}'`, { errorCode: 400 });
      try {
        const result = await kind.execute(ctx, req.input, req.description);
        return { status: "succeeded", result, finishedAt: Date.now() };
      } catch (error) {
        if (error instanceof TerminalError && !(error instanceof CancelledError)) {
          return { status: "failed", error: error.message, finishedAt: Date.now() };
        }
        throw error;
      }
    },
  },
});

export type SubtaskService = typeof subtaskService;
