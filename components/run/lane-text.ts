import type { SubtaskRecord } from "@/lib/status";
import { formatDuration } from "@/lib/ui/format";

/** How long a subtask took, or has been running so far; null when it never started. */
export function laneDuration(record: SubtaskRecord, now: number): string | null {
  if (record.startedAt === undefined) return null;
  const end = record.finishedAt ?? (record.status === "running" ? now : undefined);
  return end === undefined ? null : formatDuration(end - record.startedAt);
}

/** What a screen reader hears for a lane, e.g. "make coffee: succeeded, 2.1 s". */
export function laneLabel(record: SubtaskRecord, duration: string | null): string {
  const details = [record.status, duration, record.error].filter(Boolean).join(", ");
  return `${record.description}: ${details}`;
}
