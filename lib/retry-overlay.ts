import { bucketsChangedSince } from "./ledger";
import type { RetryReport, StatusCounts, SubtaskRecord } from "./status";

/**
 * A subtask that failed an attempt and waits to try again reports it at once
 * (the workflow only hears of it when the subtask finishes). The dashboard
 * lays such a report over the workflow's record, so the lane says
 * "retrying, attempt 2 at 10:04:05, last error …" instead of "running".
 * Pure, so the API and the browser merge the same way.
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

/** Moves the subtasks that are retrying now out of `running`, in a summary's counts. */
export function countRetrying(counts: StatusCounts, retryingNow: number): StatusCounts {
  const retrying = Math.min(retryingNow, counts.running + counts.retrying);
  return { ...counts, running: counts.running + counts.retrying - retrying, retrying };
}

/*
 * Where the reports live: the run's FanlineRunAttempts object, bucketed like
 * the workflow's records so a poll reads only what changed. The object
 * (restate/run-attempts.ts) and the API's reads of its stored state
 * (lib/server/stored-run.ts) derive answers from it with the functions below.
 */
export interface AttemptsMeta {
  version: number;
  bucketVersions: number[];
  /** Subtasks retrying now (reported, not yet settled). */
  retryingNow: number;
}

export const ATTEMPTS_META = "meta";
export const attemptsBucketKey = (bucket: number) => `reports:${bucket}`;

export interface RetryChanges {
  version: number;
  retryingNow: number;
  reports: RetryReport[];
}

export interface RetryQuery {
  /** Reports in buckets that changed after this version… */
  since: number;
  /** …and every report in these buckets, whatever its version (for records being sent again). */
  buckets?: number[];
}

/** The buckets of reports a query needs, in order. */
export function reportBucketsToRead(meta: AttemptsMeta, query: RetryQuery | undefined): number[] {
  const wanted = new Set(bucketsChangedSince(meta.bucketVersions, query?.since ?? 0));
  for (const bucket of query?.buckets ?? []) if (bucket < meta.bucketVersions.length && meta.bucketVersions[bucket] > 0) wanted.add(bucket);
  return [...wanted].sort((a, b) => a - b);
}

/** A query's answer from the stored meta and a reader of report buckets. */
export async function retryChangesOf(
  meta: AttemptsMeta | null,
  query: RetryQuery | undefined,
  read: (bucket: number) => Promise<Record<number, RetryReport> | null>,
): Promise<RetryChanges> {
  if (!meta) return { version: 0, retryingNow: 0, reports: [] };
  const reports: RetryReport[] = [];
  for (const bucket of reportBucketsToRead(meta, query)) reports.push(...Object.values((await read(bucket)) ?? {}));
  return { version: meta.version, retryingNow: meta.retryingNow, reports };
}
