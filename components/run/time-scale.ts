// The timeline's time axis: the run's full extent, the window on it that is
// in view (zoomed, panned, or following the live edge), the ticks to print,
// and where a moment falls in the window. Pure.
import type { RunSummary } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { formatTick } from "@/lib/ui/format";

/** From the run's start to the last thing recorded; computed once per data change, not per clock tick. */
export interface Extent {
  start: number;
  end: number;
}

export function runExtent(summary: RunSummary, records: readonly (SubtaskRecord | undefined)[]): Extent {
  let start = summary.createdAt;
  let end = summary.finishedAt ?? summary.createdAt;
  for (const record of records) {
    if (!record) continue;
    const first = record.dispatchedAt ?? record.startedAt;
    if (first !== undefined && first < start) start = first;
    const last = record.finishedAt ?? record.nextAttemptAt;
    if (last !== undefined && last > end) end = last;
  }
  return { start, end };
}

export interface TimeScale {
  /** The window in view, epoch ms. */
  start: number;
  span: number;
  step: number;
  ticks: { offset: number; percent: number; label: string }[];
  /** Where the run began: tick labels count from here. */
  origin: number;
  /** The whole run, for the "fit" zoom and pan limits. */
  fullSpan: number;
}

export interface ViewOptions {
  /** 1 = the whole run; 2 = half of it; … */
  zoom: number;
  /** Window start, ms after the run's start (ignored when following). */
  at: number;
  /** Keep the live edge in view. */
  follow: boolean;
}

const STEPS = [
  100, 200, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 21600e3,
  43200e3, 86400e3,
];
const TARGET_TICKS = 6;
const MIN_SPAN = 1000;
export const MAX_ZOOM = 256;

export function timeScale(extent: Extent, now: number, active: boolean, view: ViewOptions): TimeScale {
  const end = active ? Math.max(extent.end, now) : extent.end;
  const fullSpan = Math.max(end - extent.start, MIN_SPAN);
  const zoom = Math.min(Math.max(view.zoom, 1), MAX_ZOOM);
  const span = Math.max(fullSpan / zoom, 100);
  const maxAt = Math.max(fullSpan - span, 0);
  const at = view.follow && active ? maxAt : Math.min(Math.max(view.at, 0), maxAt);
  const start = extent.start + at;
  const step = STEPS.find((s) => span / s <= TARGET_TICKS) ?? Math.ceil(span / TARGET_TICKS);
  const ticks = [];
  for (let offset = Math.ceil(at / step) * step; offset <= at + span; offset += step) {
    ticks.push({ offset, percent: ((offset - at) / span) * 100, label: formatTick(offset, step) });
  }
  return { start, span, step, ticks, origin: extent.start, fullSpan };
}

/** Percent of the window; may fall outside 0–100 for moments out of view. */
export function percentOf(scale: TimeScale, time: number): number {
  return ((time - scale.start) / scale.span) * 100;
}

/** A segment's place in the window, clipped to it; null when it is entirely out of view. */
export function placeOf(scale: TimeScale, start: number, end: number): { left: number; width: number } | null {
  const left = percentOf(scale, start);
  const right = percentOf(scale, end);
  if (right < 0 || left > 100) return null;
  const clippedLeft = Math.max(left, 0);
  return { left: clippedLeft, width: Math.max(Math.min(right, 100) - clippedLeft, 0) };
}
