// What the workflow and the subtasks record: a subtask's record and its
// attempts, live retry reports, the retry policy, and a run's list entry.
// Shared by the workflow, the API and the dashboard, so a shape is spelled once.
import type { RunStatus, SubtaskStatus } from "./status";

/** One try at a subtask. A subtask that succeeds at once has no attempt list: its one attempt is startedAt..finishedAt. */
export interface AttemptRecord {
  /** 1-based. */
  attempt: number;
  startedAt: number;
  /** Absent while the attempt runs. */
  finishedAt?: number;
  /** Absent when the attempt succeeded. */
  error?: string;
}

/** One subtask as the workflow records it and the dashboard draws it. */
export interface SubtaskRecord {
  index: number;
  description: string;
  status: SubtaskStatus;
  /** Epoch ms: when the workflow started its invocation (a status-write clock reading, so up to one write early). */
  dispatchedAt?: number;
  /** When its first attempt began executing, as the subtask itself recorded it; absent until the workflow hears of it. */
  startedAt?: number;
  /** When it finished, as the subtask recorded it (or, cancelled, when the workflow recorded that). */
  finishedAt?: number;
  result?: unknown;
  /** The final error (failed), or the last attempt's error (retrying). */
  error?: string;
  /** Every attempt, oldest first; present once an attempt has failed. */
  attempts?: AttemptRecord[];
  /** While retrying: the attempt that runs next, and when it starts. */
  nextAttempt?: number;
  nextAttemptAt?: number;
  /** The Restate invocation that runs this subtask, once it has reported. */
  invocationId?: string;
}

/**
 * What a subtask invocation reports back to the workflow, with the times it
 * journaled itself. Both are absent only when the call failed outside the
 * subtask's code; the workflow then stamps the time it heard of it.
 */
export interface SubtaskOutcome {
  status: "succeeded" | "failed";
  startedAt?: number;
  finishedAt?: number;
  result?: unknown;
  error?: string;
  attempts?: AttemptRecord[];
  invocationId?: string;
}

/** A failed attempt that will be tried again, reported while the subtask waits. */
export interface RetryReport {
  index: number;
  attempts: AttemptRecord[];
  nextAttempt: number;
  nextAttemptAt: number;
  invocationId: string;
  /** The subtask has finished (either way): the workflow's record speaks for it now. */
  settled?: boolean;
}

/** Per-run retry policy for subtask errors (a services or Restate outage is retried by Restate, not counted). */
export interface RetryPolicy {
  /** Attempts in all, the first included: 1 means no retry. */
  maxAttempts: number;
  /** Wait before the second attempt; doubles each time, up to 30 s. */
  initialIntervalMs: number;
}

/** What a run does when a subtask fails for good. */
export const FAILURE_MODES = ["continue", "fail-fast"] as const;

export type FailureMode = (typeof FAILURE_MODES)[number];

/** An entry of the durable runs index. */
export interface RunIndexEntry {
  id: string;
  kind: string;
  label: string;
  createdAt: number;
  /** "running" until the run reports that it finished. */
  status: RunStatus;
  finishedAt: number | null;
  rerunOf: string | null;
  reruns: string[];
}
