import type { RunLedger } from "./ledger";
import type { RunStatus } from "./status";
import { checkTolerance, type Tolerance } from "./tolerance";

/**
 * How a run that got through its fan-out ends: a stop (the tolerance crossed,
 * or fail-fast at `stoppedBy`), within the tolerance, or by whether anything
 * failed. Pure, so every ending has a test.
 */
export function runOutcome(
  ledger: Pick<RunLedger, "counts" | "total" | "records">,
  tolerance: Tolerance | null,
  stoppedBy: number | null,
): { status: RunStatus; error: string | null } {
  const failed = ledger.counts.failed;
  const crossed = tolerance ? checkTolerance(tolerance, failed, ledger.total) : null;
  if (stoppedBy !== null && crossed?.stop) return { status: "failed", error: `Stopped: ${crossed.message}` };
  if (stoppedBy !== null) {
    const culprit = ledger.records[stoppedBy];
    return {
      status: "failed",
      error: `Stopped at the first failure (fail-fast): "${culprit.description}": ${culprit.error}`,
    };
  }
  // Within the tolerance: the run succeeds; its failures stay counted, grouped and downloadable.
  if (crossed && !crossed.stop) return { status: "succeeded", error: null };
  return failed > 0
    ? { status: "failed", error: `${failed} of ${ledger.total} subtasks failed` }
    : { status: "succeeded", error: null };
}
