// What the workflow's queries and the API answer: a run's summary, Restate's
// problems with it, pages of changed subtasks, one subtask in full, result
// pages, the runs list. The dashboard reads exactly these shapes.
import type { ErrorGroup, ErrorGroupsSummary } from "./error-groups";
import type { FailureMode, RetryPolicy, RunIndexEntry, SubtaskRecord } from "./records";
import type { RunStatus, StatusCounts } from "./status";
import type { Tolerance } from "./tolerance";

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
  /** Asked for with `pendingRanges`: subtasks unchanged since the split, as [from, to) index ranges instead of records. */
  pending?: PendingRange[];
}

/** Subtasks `from` to `to - 1`, all pending and unchanged since the split (their descriptions not sent). */
export type PendingRange = [from: number, to: number];

/** `GET /api/runs/<id>/subtasks`: the workflow's changes with retry reports merged in (and, for a killed run, unfinished ones shown cancelled). */
export interface SubtaskDelta {
  /** Opaque cursor: pass it back as `since`. */
  version: string;
  total: number;
  /** Changed records (a record whose retry report changed counts as changed), retry reports already laid over them. */
  subtasks: SubtaskRecord[];
  next: number | null;
  /** With `pending=ranges`: the subtasks still as the split wrote them, as ranges; their records are not in `subtasks`. */
  pending?: PendingRange[];
}

/** `GET /api/runs/<id>/subtasks/slice?from=&to=`: a run of subtasks' records as the workflow last wrote them (no retry reports). */
export interface SubtaskSlice {
  total: number;
  subtasks: SubtaskRecord[];
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
