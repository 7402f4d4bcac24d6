import type { CSSProperties } from "react";
import type { SubtaskRecord } from "@/lib/status";
import { StatusIcon } from "@/components/status/StatusIcon";
import { statusStyle } from "@/components/status/status-style";
import { laneDuration, laneLabel } from "./lane-text";
import { barExtent, type TimeScale } from "./time-scale";

export const LANE_HEIGHT = 32;
/** Label, track and duration columns; the axis uses the same template so ticks line up with bars. */
export const LANE_COLUMNS = "grid grid-cols-[9rem_minmax(0,1fr)_4.5rem] sm:grid-cols-[16rem_minmax(0,1fr)_5rem] gap-x-3";

interface Props {
  index: number;
  total: number;
  record: SubtaskRecord | undefined;
  scale: TimeScale;
  now: number;
  tabbable: boolean;
  /** Absolute position from the virtualizer. */
  top: number;
  onFocus: () => void;
}

/**
 * One subtask's lane. It is one focusable list item whose accessible name
 * carries the description, status and duration, since the bar alone says
 * nothing to a screen reader.
 */
export function TimelineLane({ index, total, record, scale, now, tabbable, top, onFocus }: Props) {
  const position: CSSProperties = { position: "absolute", top, left: 0, right: 0, height: LANE_HEIGHT };
  if (!record) {
    return (
      <div role="listitem" aria-label={`Subtask ${index + 1}: loading`} aria-setsize={total} aria-posinset={index + 1}
        data-index={index} tabIndex={tabbable ? 0 : -1} onFocus={onFocus} style={position} className={`${LANE_COLUMNS} items-center px-2 focus-visible:-outline-offset-2`}>
        <span className="h-3 w-24 rounded bg-neutral-200 dark:bg-neutral-800" />
      </div>
    );
  }
  const duration = laneDuration(record, now);
  const bar = barExtent(scale, record);
  const style = statusStyle(record.status);
  return (
    <div
      role="listitem"
      aria-label={laneLabel(record, duration)}
      aria-setsize={total}
      aria-posinset={index + 1}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      onFocus={onFocus}
      title={record.error ? `${record.description}\n${record.error}` : record.description}
      style={position}
      className={`${LANE_COLUMNS} items-center rounded px-2 focus-visible:-outline-offset-2 hover:bg-neutral-100 focus-visible:bg-neutral-100 dark:hover:bg-neutral-900 dark:focus-visible:bg-neutral-900`}
    >
      <span className="flex min-w-0 items-center gap-1.5 text-sm">
        <StatusIcon status={record.status} />
        <span className="truncate">{record.description}</span>
      </span>
      <span
        className="relative h-4 rounded-sm bg-neutral-100 dark:bg-neutral-900"
        style={{
          // Grid lines at every axis tick, drawn as one background instead of an element per tick per lane.
          backgroundImage: "linear-gradient(to right, var(--grid) 1px, transparent 1px)",
          backgroundSize: `${(scale.step / scale.span) * 100}% 100%`,
        }}
      >
        {bar && (
          <span
            className={`absolute inset-y-0 min-w-[3px] rounded-sm ${style.fill} ${style.pattern} ${record.status === "running" ? "motion-safe:animate-pulse" : ""}`}
            // The min() keeps a 3 px sliver at the very end (cancelled before it started) inside the track.
            style={{ left: `min(${bar.left}%, calc(100% - 3px))`, width: `${bar.width}%` }}
          />
        )}
      </span>
      <span className="text-right text-xs tabular-nums text-neutral-600 dark:text-neutral-400">
        {duration ?? record.status}
      </span>
    </div>
  );
}
