// The one place where run and subtask statuses are defined. The workflow, its
// query handlers, the API routes and the dashboard all import from here, so a
// status cannot be spelled two ways across the network boundary.

export const SUBTASK_STATUSES = ["pending", "running", "succeeded", "failed", "cancelled"] as const;
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

export const RUN_STATUSES = ["splitting", "running", "aggregating", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];
export const FINISHED_SUBTASK_STATUSES: readonly SubtaskStatus[] = ["succeeded", "failed", "cancelled"];

export function isRunFinished(status: RunStatus): boolean {
  return FINISHED_RUN_STATUSES.includes(status);
}

export function isSubtaskFinished(status: SubtaskStatus): boolean {
  return FINISHED_SUBTASK_STATUSES.includes(status);
}

export type StatusCounts = Record<SubtaskStatus, number>;

export function emptyCounts(): StatusCounts {
  return { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
}

/** One subtask as the workflow records it and the dashboard draws it. */
export interface SubtaskRecord {
  index: number;
  description: string;
  status: SubtaskStatus;
  /** Epoch ms: when the workflow dispatched it (at most `concurrency` are in flight, so it starts at once). */
  startedAt?: number;
  finishedAt?: number;
  result?: unknown;
  error?: string;
}

/** What a subtask invocation reports back to the workflow (its start is the workflow's dispatch time). */
export interface SubtaskOutcome {
  status: "succeeded" | "failed";
  finishedAt: number;
  result?: unknown;
  error?: string;
}

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
  createdAt: number;
  finishedAt: number | null;
  aggregate: unknown | null;
  error: string | null;
  /** Increases every time the recorded subtask statuses change. */
  version: number;
}

/** A page of subtasks that changed after `since`: answered by the `subtasks` query. */
export interface SubtaskChanges {
  version: number;
  total: number;
  subtasks: SubtaskRecord[];
  /** Pass as `from` (with the same `since`) to get the next page; null when this was the last. */
  next: number | null;
}

/** An entry of the durable runs index. */
export interface RunIndexEntry {
  id: string;
  kind: string;
  label: string;
  createdAt: number;
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
