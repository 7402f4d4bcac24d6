import type { FinishedSubtask } from "./kind";

/** An aggregate that only counts outcomes: for kinds whose results speak for themselves (in the results table). */
export interface StatusTally {
  succeeded: number;
  failed: number;
  cancelled?: number;
}

export function tallyStatuses(subtasks: FinishedSubtask[]): StatusTally {
  const count = (status: string) => subtasks.filter((s) => s.status === status).length;
  const cancelled = count("cancelled");
  // "cancelled" only when there were any, so a plain run's aggregate stays {succeeded, failed}.
  return { succeeded: count("succeeded"), failed: count("failed"), ...(cancelled > 0 ? { cancelled } : {}) };
}

export const describeTally = (a: StatusTally) =>
  `${a.succeeded} succeeded, ${a.failed} failed${a.cancelled ? `, ${a.cancelled} cancelled` : ""}`;
