// What a lane draws: each attempt as its own segment, and the wait before the
// next attempt as a gap segment, so a subtask that retried shows every try.
// Pure, so the lane and the details panel agree on the same attempts.
import type { AttemptRecord, SubtaskRecord } from "@/lib/records";

export type SegmentKind = "succeeded" | "failed" | "running" | "cancelled" | "wait" | "queued";

export interface Segment {
  kind: SegmentKind;
  start: number;
  /** Absent while it is still going (a running attempt, or a wait whose next attempt is due later). */
  end?: number;
  /** 1-based; absent for waits. */
  attempt?: number;
  error?: string;
}

/**
 * When the lane starts: the first attempt's recorded start, or, while the
 * workflow has not heard from the subtask yet, when it was dispatched (it has
 * been in flight since then; whether it waited for Restate shows once it ends).
 */
export function laneStart(record: SubtaskRecord): number | undefined {
  return record.startedAt ?? record.dispatchedAt;
}

/** How long Restate took to start the subtask after the workflow dispatched it; null while unknown. */
export function queuedMs(record: SubtaskRecord): number | null {
  if (record.startedAt === undefined || record.dispatchedAt === undefined) return null;
  return Math.max(0, record.startedAt - record.dispatchedAt);
}

/** The attempts as the details table lists them, including an implicit single or current attempt. */
export function attemptsOf(record: SubtaskRecord, now: number): AttemptRecord[] {
  const listed = record.attempts ?? [];
  if (listed.length === 0) {
    const start = laneStart(record);
    if (start === undefined) return [];
    return [
      {
        attempt: 1,
        startedAt: start,
        finishedAt: record.finishedAt,
        error: record.status === "failed" ? record.error : undefined,
      },
    ];
  }
  const attempts = listed.map((a) => ({ ...a }));
  const last = attempts[attempts.length - 1];
  // A retrying subtask whose next attempt is due has that attempt running now.
  if (
    record.status === "retrying" &&
    record.nextAttempt !== undefined &&
    record.nextAttemptAt !== undefined &&
    record.nextAttemptAt <= now &&
    last.attempt < record.nextAttempt
  ) {
    attempts.push({ attempt: record.nextAttempt, startedAt: record.nextAttemptAt });
  }
  // A subtask that finished after its listed (failed) attempts: the final attempt may be missing from the list.
  if (
    record.finishedAt !== undefined &&
    last.error !== undefined &&
    last.finishedAt !== undefined &&
    record.finishedAt > last.finishedAt &&
    record.status !== "failed"
  ) {
    attempts.push({ attempt: last.attempt + 1, startedAt: last.finishedAt, finishedAt: record.finishedAt });
  }
  return attempts;
}

/** Segments in time order: attempt, wait, attempt, … */
export function segmentsOf(record: SubtaskRecord, now: number): Segment[] {
  const attempts = attemptsOf(record, now);
  if (attempts.length === 0) {
    // Cancelled before it ever started: a sliver at the moment it was cancelled.
    return record.status === "cancelled" && record.finishedAt !== undefined
      ? [{ kind: "cancelled", start: record.finishedAt, end: record.finishedAt }]
      : [];
  }
  const segments: Segment[] = [];
  // Dispatched but not yet started by Restate (a queue, an outage): drawn as its own wait.
  const queued = queuedMs(record);
  if (queued !== null && queued > 0)
    segments.push({ kind: "queued", start: record.dispatchedAt!, end: record.startedAt });
  attempts.forEach((attempt, i) => {
    const previous = attempts[i - 1];
    if (previous?.finishedAt !== undefined && attempt.startedAt > previous.finishedAt) {
      segments.push({ kind: "wait", start: previous.finishedAt, end: attempt.startedAt });
    }
    const isLast = i === attempts.length - 1;
    const end =
      attempt.finishedAt ??
      (isLast && record.status !== "running" && record.status !== "retrying" ? record.finishedAt : undefined);
    segments.push({
      kind: attemptKind(record, attempt, isLast, end),
      start: attempt.startedAt,
      end,
      attempt: attempt.attempt,
      error: attempt.error,
    });
  });
  const last = attempts[attempts.length - 1];
  // Waiting for the next attempt: the gap runs to when it is due (or grows with the clock if that is unknown).
  if (record.status === "retrying" && last.finishedAt !== undefined) {
    segments.push({
      kind: "wait",
      start: last.finishedAt,
      end: record.nextAttemptAt !== undefined && record.nextAttemptAt > now ? record.nextAttemptAt : undefined,
    });
  }
  return segments;
}

function attemptKind(
  record: SubtaskRecord,
  attempt: AttemptRecord,
  isLast: boolean,
  end: number | undefined,
): SegmentKind {
  if (attempt.error !== undefined) return "failed";
  if (!isLast) return "succeeded";
  if (record.status === "cancelled") return "cancelled";
  if (record.status === "failed") return "failed";
  if (end === undefined) return "running";
  return "succeeded";
}

/** Has this subtask ever seen an error (failed now, retrying, or recovered after failed attempts)? */
export function hasError(record: SubtaskRecord | undefined): boolean {
  if (!record) return false;
  return (
    record.status === "failed" ||
    record.status === "retrying" ||
    (record.attempts?.some((a) => a.error !== undefined) ?? false)
  );
}

/** The attempt number a lane shows ("attempt 2"), or null for a subtask on its first try. */
export function currentAttempt(record: SubtaskRecord): number | null {
  if (record.status === "retrying") return record.nextAttempt ?? null;
  const listed = record.attempts;
  if (!listed || listed.length === 0) return null;
  return Math.max(...listed.map((a) => a.attempt));
}
