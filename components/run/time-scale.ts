// The timeline's shared time axis: where it starts and ends, where each bar
// sits on it, and which tick labels to print. Pure, so it is easy to reason
// about with 10,000 subtasks.
import type { RunSummary, SubtaskRecord } from "@/lib/status";
import { formatTick } from "@/lib/ui/format";

export interface TimeScale {
  start: number;
  span: number;
  /** Distance between ticks, also used for the lanes' grid lines. */
  step: number;
  ticks: { offset: number; label: string }[];
}

/** Steps a person can read at a glance: 0.5 s, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 m, ... (the axis spans at least 1 s). */
const STEPS = [500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 21600e3, 43200e3, 86400e3];
const TARGET_TICKS = 6;
const MIN_SPAN = 1000;

/**
 * From the run's creation (or an earlier start, should clocks disagree) to
 * the last thing that happened, or to `now` while the run is active, so
 * running bars grow toward the right edge.
 */
export function timeScale(summary: RunSummary, records: readonly (SubtaskRecord | undefined)[], now: number, active: boolean): TimeScale {
  let start = summary.createdAt;
  let end = summary.finishedAt ?? summary.createdAt;
  for (const record of records) {
    if (!record) continue;
    if (record.startedAt !== undefined && record.startedAt < start) start = record.startedAt;
    if (record.finishedAt !== undefined && record.finishedAt > end) end = record.finishedAt;
  }
  if (active && now > end) end = now;
  const span = Math.max(end - start, MIN_SPAN);
  const step = STEPS.find((s) => span / s <= TARGET_TICKS) ?? Math.ceil(span / TARGET_TICKS);
  const ticks = [];
  for (let offset = 0; offset <= span; offset += step) ticks.push({ offset, label: formatTick(offset, step) });
  return { start, span, step, ticks };
}

/** Percent of the axis, clamped so nothing draws outside its lane. */
export function percentOf(scale: TimeScale, time: number): number {
  return Math.min(100, Math.max(0, ((time - scale.start) / scale.span) * 100));
}

export interface BarExtent {
  left: number;
  width: number;
}

/**
 * Where a subtask's bar goes: from its start to its finish, or to the axis
 * end while it runs. A subtask cancelled before it started gets a sliver at
 * the moment it was cancelled. Pending subtasks have no bar.
 */
export function barExtent(scale: TimeScale, record: SubtaskRecord): BarExtent | null {
  const end = record.finishedAt ?? (record.status === "running" ? scale.start + scale.span : undefined);
  const begin = record.startedAt ?? (record.status === "cancelled" ? record.finishedAt : undefined);
  if (begin === undefined || end === undefined) return null;
  const left = percentOf(scale, begin);
  return { left, width: Math.max(percentOf(scale, end) - left, 0) };
}
