import type { SubtaskRecord } from "@/lib/records";
import { formatDuration } from "@/lib/ui/format";
import { currentAttempt, laneStart } from "./segments";
import { isStub } from "./subtask-snapshot";

/**
 * What a subtask is called: its description (a stub's label, once fetched),
 * or its number until then; `known` is false while it goes by its number.
 */
export function laneNaming(record: SubtaskRecord, label?: string): { name: string; known: boolean } {
  if (!isStub(record)) return { name: record.description, known: true };
  if (label !== undefined) return { name: label, known: true };
  return { name: `Subtask ${(record.index + 1).toLocaleString("en-US")}`, known: false };
}

export const laneName = (record: SubtaskRecord, label?: string): string => laneNaming(record, label).name;

/** How long a subtask took (from its first attempt's start), or has been in flight so far; null when it never started. */
export function laneDuration(record: SubtaskRecord, now: number): string | null {
  const start = laneStart(record);
  if (start === undefined) return null;
  const live = record.status === "running" || record.status === "retrying";
  const end = record.finishedAt ?? (live ? now : undefined);
  return end === undefined ? null : formatDuration(end - start);
}

/** "attempt 2 in 1.4 s", "attempt 2 running": what a retrying lane is waiting for. */
export function retryText(record: SubtaskRecord, now: number): string | null {
  if (record.status !== "retrying" || record.nextAttempt === undefined) return null;
  if (record.nextAttemptAt === undefined || record.nextAttemptAt <= now) return `attempt ${record.nextAttempt} running`;
  return `attempt ${record.nextAttempt} in ${formatDuration(record.nextAttemptAt - now)}`;
}

/** What a screen reader hears for a lane, e.g. "make coffee: retrying, attempt 2 in 1.0 s, 2.1 s, Simulated failure". */
export function laneLabel(record: SubtaskRecord, now: number, label?: string): string {
  const attempt = currentAttempt(record);
  const details = [
    record.status,
    retryText(record, now) ?? (attempt && attempt > 1 ? `attempt ${attempt}` : null),
    laneDuration(record, now),
    record.error,
  ].filter(Boolean);
  return `${laneName(record, label)}: ${details.join(", ")}`;
}
