// The one place where run and subtask statuses are defined. The workflow, its
// query handlers, the API routes and the dashboard all import from here, so a
// status cannot be spelled two ways across the network boundary.

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
