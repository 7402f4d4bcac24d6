import type { TaskKind } from "@/lib/kinds";
import type { AttemptContext } from "../attempt";

/** What an executor knows about the attempt it runs. */
export interface AttemptInfo {
  description: string;
  /** 1-based; increases each time the run's retry policy tries the subtask again. */
  attempt: number;
  /** The run's kind context (TaskKind.context), null for kinds without one. */
  kindContext: unknown;
}

/**
 * Runs one attempt of a subtask of `kind`. Throwing `PermanentError` (or a
 * TerminalError) fails the subtask at once; any other error is retried under
 * the run's retry policy. Must be deterministic given the journal (side
 * effects inside `ctx.run`). It gets the attempt's context, not the whole
 * invocation's: its durable waits go through it, so the attempt's start is
 * journaled before any of them.
 */
export type Execute<SubInput, SubResult> = (
  ctx: AttemptContext,
  input: SubInput,
  attempt: AttemptInfo,
) => Promise<SubResult>;

export interface KindExecutor {
  kind: string;
  // Each executor takes its own kind's input: the registry cannot name one type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  execute: Execute<any, unknown>;
}

/** Binds an executor to its kind's spec, so its input and result types are the spec's. */
export function executorFor<SubInput, SubResult>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kind: TaskKind<any, SubInput, SubResult>,
  execute: Execute<SubInput, SubResult>,
): KindExecutor {
  return { kind: kind.name, execute };
}
