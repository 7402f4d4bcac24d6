// Tolerated failures: a run may lose up to `count` subtasks, or `percent` of
// them, and still succeed; the failure that goes past the limit stops it as
// fail-fast does. Pure, so the workflow's decision is unit-tested here.

export type Tolerance = { count: number } | { percent: number };

export interface ToleranceDecision {
  /** Failures are past the limit: stop the run now. */
  stop: boolean;
  /** Which limit was crossed, in words (when stopping). */
  message: string | null;
}

const GO_ON: ToleranceDecision = { stop: false, message: null };

export function describeTolerance(tolerance: Tolerance): string {
  return "count" in tolerance
    ? `${tolerance.count} failed ${tolerance.count === 1 ? "subtask" : "subtasks"}`
    : `${tolerance.percent}% of subtasks failed`;
}

/** Whether `failed` of `total` subtasks is past the tolerance. */
export function checkTolerance(tolerance: Tolerance, failed: number, total: number): ToleranceDecision {
  if ("count" in tolerance) {
    if (failed <= tolerance.count) return GO_ON;
    return {
      stop: true,
      message: `${failed} of ${total} subtasks failed: more than the ${describeTolerance(tolerance)} tolerated`,
    };
  }
  if (total === 0 || (failed / total) * 100 <= tolerance.percent) return GO_ON;
  const percent = Math.round((failed / total) * 1000) / 10;
  return {
    stop: true,
    message: `${failed} of ${total} subtasks failed (${percent}%): more than the ${tolerance.percent}% tolerated`,
  };
}
