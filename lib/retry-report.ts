import type { RetryReport, SubtaskRecord } from "./records";
import type { StatusCounts } from "./status";

/**
 * A subtask that failed an attempt and waits to try again reports it at once
 * (the workflow only hears of it when the subtask finishes). The API lays
 * such a report over the workflow's record (withRetryReports), so the lane
 * says "retrying, attempt 2 at 10:04:05, last error …" instead of "running".
 */
export function applyRetryReport(record: SubtaskRecord, report: RetryReport): SubtaskRecord {
  // The workflow's record is final once the subtask finished, and a report
  // older than what the record already holds says nothing new.
  if (record.status !== "running" && record.status !== "retrying") return record;
  if (report.settled) return record.status === "retrying" ? { ...record, status: "running" } : record;
  if ((record.attempts?.length ?? 0) > report.attempts.length) return record;
  const last = report.attempts[report.attempts.length - 1];
  return {
    ...record,
    status: "retrying",
    attempts: report.attempts,
    error: last?.error,
    nextAttempt: report.nextAttempt,
    nextAttemptAt: report.nextAttemptAt,
    invocationId: report.invocationId,
  };
}

/** Lays each record's live retry report (if any) over it: the one merge of the workflow's records and the reports, done by the API. */
export function withRetryReports(records: SubtaskRecord[], reports: readonly RetryReport[]): SubtaskRecord[] {
  if (reports.length === 0) return records;
  const byIndex = new Map(reports.map((r) => [r.index, r]));
  return records.map((record) => {
    const report = byIndex.get(record.index);
    return report ? applyRetryReport(record, report) : record;
  });
}

/** Moves the subtasks that are retrying now out of `running`, in a summary's counts. */
export function countRetrying(counts: StatusCounts, retryingNow: number): StatusCounts {
  const retrying = Math.min(retryingNow, counts.running + counts.retrying);
  return { ...counts, running: counts.running + counts.retrying - retrying, retrying };
}
