import "server-only";
import { applyRetryReport, countRetrying } from "@/lib/retry-overlay";
import type { RunIndexEntry, RunSummary, SubtaskDelta } from "@/lib/status";
import { runAttemptsClient, runClient, runsList } from "./restate";

/** Well past any version: asks the attempts object for its counters without reports. */
const LATEST = Number.MAX_SAFE_INTEGER;

/**
 * A run's summary as the dashboard shows it: the workflow's own summary, with
 * the subtasks that are retrying right now taken out of "running", and the
 * re-runs it has (the run cannot write once it finished; the index can).
 */
export async function loadSummary(id: string, known?: RunIndexEntry): Promise<RunSummary | null> {
  const [summary, attempts, entry] = await Promise.all([
    runClient(id).summary(),
    runAttemptsClient(id).changes({ since: LATEST }),
    known ?? runsList().get(id),
  ]);
  if (!summary) return null;
  return { ...summary, counts: countRetrying(summary.counts, attempts.retryingNow), reruns: entry?.reruns ?? [] };
}

/** Cursor of `GET /api/runs/<id>/subtasks`: "<workflow version>.<retry reports version>". */
export function parseCursor(value: string | null): { records: number; retries: number } | null {
  const match = (value ?? "0").match(/^(\d+)(?:\.(\d+))?$/);
  if (!match) return null;
  return { records: Number(match[1]), retries: Number(match[2] ?? 0) };
}

/** Subtasks that changed after the cursor, retry reports laid over them. */
export async function loadSubtaskDelta(id: string, cursor: { records: number; retries: number }, from: number): Promise<SubtaskDelta | null> {
  const [changes, attempts] = await Promise.all([
    runClient(id).subtasks({ since: cursor.records, from }),
    runAttemptsClient(id).changes({ since: cursor.retries }),
  ]);
  if (!changes) return null;
  const reports = new Map(attempts.reports.map((r) => [r.index, r]));
  return {
    version: `${changes.version}.${attempts.version}`,
    total: changes.total,
    subtasks: changes.subtasks.map((record) => {
      const report = reports.get(record.index);
      return report ? applyRetryReport(record, report) : record;
    }),
    retries: attempts.reports,
    next: changes.next,
  };
}

/**
 * Waits (briefly) until a just-submitted run answers its summary query, so a
 * client that reads right after a 201 never sees "no such run". A run that
 * does not show up in time is still accepted: Restate starts it once the
 * services are reachable.
 */
export async function awaitRunVisible(id: string, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(runClient(id).summary()).catch(() => null)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
