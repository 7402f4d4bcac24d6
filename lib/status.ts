// The one place where run and subtask statuses are defined. The workflow, its
// query handlers, the API routes and the dashboard all import from here, so a
// status cannot be spelled two ways across the network boundary.
import type { ErrorGroup, ErrorGroupsSummary } from "./error-groups";
import type { Tolerance } from "./tolerance";

export const SUBTASK_STATUSES = ["pending", "running", "retrying", "succeeded", "failed", "cancelled"] as const;
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

/** `killed`: Restate ended the run's invocation without its code running (`restate invocations kill`, a purge). */
export const RUN_STATUSES = [
  "splitting",
  "running",
  "aggregating",
  "succeeded",
  "failed",
  "cancelled",
  "killed",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "cancelled", "killed"];
export const FINISHED_SUBTASK_STATUSES: readonly SubtaskStatus[] = ["succeeded", "failed", "cancelled"];

export function isRunFinished(status: RunStatus): boolean {
  return FINISHED_RUN_STATUSES.includes(status);
}

export function isSubtaskFinished(status: SubtaskStatus): boolean {
  return FINISHED_SUBTASK_STATUSES.includes(status);
}

export type StatusCounts = Record<SubtaskStatus, number>;

export function emptyCounts(): StatusCounts {
  return { pending: 0, running: 0, retrying: 0, succeeded: 0, failed: 0, cancelled: 0 };
}

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

/** The run-level view: answered by the workflow's `summary` query and `GET /api/runs/<id>`. */
export interface RunSummary {
  id: string;
  kind: string;
  /** Short human description of the task (first subtasks, truncated with an ellipsis). */
  label: string;
  status: RunStatus;
  total: number;
  /** Subtasks in a finished state (succeeded, failed or cancelled). */
  done: number;
  counts: StatusCounts;
  concurrency: number;
  retry: RetryPolicy;
  onFailure: FailureMode;
  createdAt: number;
  finishedAt: number | null;
  /** The aggregate once the run finished; partial (over what succeeded) when subtasks failed or were cancelled. */
  aggregate: unknown | null;
  error: string | null;
  /** Increases every time the recorded subtask statuses change. */
  version: number;
  /** The run whose failed subtasks this run re-runs. */
  rerunOf: string | null;
  /** Runs started to re-run this run's failed subtasks, oldest first. */
  reruns: string[];
  /** A hash of the request that started the run (the API compares it when the same id comes again). */
  fingerprint?: string | null;
  /** What every subtask's executor gets besides its input (the `call` kind: `{target, key?}`); null for most kinds. */
  kindContext?: unknown;
  /** Failures the run may have and still succeed; null: any failure fails the run. */
  tolerance?: Tolerance | null;
  /** Failed subtasks grouped by their error with particulars masked, largest first (the top 20). */
  errorGroups?: ErrorGroup[];
  /** The groups beyond those, and the failed subtasks in them. */
  errorGroupsRest?: ErrorGroupsSummary["rest"];
  /** What Restate itself says is wrong with this run's invocations right now (empty when nothing). */
  problems: RunProblem[];
}

/** What Restate offers to do about a stuck invocation. */
export const PROBLEM_ACTIONS = ["resume", "kill"] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

/**
 * An invocation of a run (the workflow, or one subtask) that Restate is
 * retrying after an error, backing off, or has paused: read from Restate's
 * `sys_invocation`, not from the workflow's records.
 */
export interface RunProblem {
  /** The subtask's index; null for the run's workflow invocation. */
  index: number | null;
  invocationId: string;
  /** Restate's status: "backing-off", "paused", "running" (retrying now)… */
  status: string;
  /** Restate's last error message for it. */
  error: string | null;
  /** Attempts Restate has made (its retry count). */
  retryCount: number;
  /** Epoch ms: when the dashboard first saw this problem (or Restate's last attempt start, whichever is earlier). */
  since: number;
  /** When Restate tries next, if it said. */
  nextRetryAt: number | null;
  actions: ProblemAction[];
}

/** A page of subtasks that changed after `since`: answered by the `subtasks` query. */
export interface SubtaskChanges {
  version: number;
  total: number;
  subtasks: SubtaskRecord[];
  /** Pass as `from` (with the same `since`) to get the next page; null when this was the last. */
  next: number | null;
}

/** `GET /api/runs/<id>/subtasks`: the workflow's changes with retry reports merged in (and, for a killed run, unfinished ones shown cancelled). */
export interface SubtaskDelta {
  /** Opaque cursor: pass it back as `since`. */
  version: string;
  total: number;
  /** Changed records, retry reports already applied. */
  subtasks: SubtaskRecord[];
  /** Retry reports changed since the cursor, for records the client already holds: merge with applyRetryReport. */
  retries: RetryReport[];
  next: number | null;
}

/** `GET /api/runs/<id>/subtasks/<index>`: one subtask with its input, for the details panel. */
export interface SubtaskDetail {
  record: SubtaskRecord;
  input: unknown;
  /** The invocations this subtask's invocation made (the `call` kind: the user's handler), from Restate's tables. */
  calledInvocationIds?: string[];
}

/** A page of subtasks with their inputs, in index order: answered by the `results` query. */
export interface ResultsPage {
  total: number;
  rows: SubtaskDetail[];
  /** Pass as `from` for the next page; null when this was the last. */
  next: number | null;
}

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

/** `GET /api/runs`: index entries joined with each run's live summary. */
export interface RunListItem extends RunIndexEntry {
  summary: RunSummary | null;
}

export interface RunList {
  runs: RunListItem[];
  total: number;
  offset: number;
  limit: number;
}
