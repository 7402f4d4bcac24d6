import { memo, type CSSProperties } from "react";
import type { RunProblem } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { StatusIcon } from "@/components/status/StatusIcon";
import { statusStyle } from "@/components/status/status-style";
import { laneDuration, laneLabel, laneNaming, retryText } from "./lane-text";
import { problemText } from "./problem-text";
import { segmentsOf, type SegmentKind } from "./segments";
import { placeOf, type TimeScale } from "./time-scale";

export const LANE_HEIGHT = 32;
/** Label, track and duration columns; the axis uses the same template so ticks line up with bars. */
export const LANE_COLUMNS =
  "grid grid-cols-[9rem_minmax(0,1fr)_5.5rem] sm:grid-cols-[16rem_minmax(0,1fr)_7.5rem] gap-x-3";

/** Attempts in their outcome's colour; the wait between attempts is a hatched outline, not a bar. */
const SEGMENT_CLASS: Record<SegmentKind, string> = {
  succeeded: statusStyle("succeeded").fill,
  failed: statusStyle("failed").fill,
  running: `${statusStyle("running").fill} stripes`,
  cancelled: `${statusStyle("cancelled").fill} stripes`,
  wait: "wait-gap",
  queued: "queued-gap",
};

interface Props {
  index: number;
  position: number;
  shown: number;
  record: SubtaskRecord | undefined;
  /** A stub's description, once fetched. */
  label?: string;
  /** What Restate says is wrong with this subtask's invocation, if anything. */
  problem?: RunProblem;
  scale: TimeScale;
  now: number;
  tabbable: boolean;
  selected: boolean;
  /** Absolute position from the virtualizer. */
  top: number;
  onFocusLane: (position: number) => void;
  onOpen: (index: number) => void;
}

/**
 * One subtask's lane: each attempt its own segment, waits between attempts
 * drawn as hatched gaps. One focusable list item whose accessible name says
 * the description, status, attempt and error, since the bars alone say
 * nothing to a screen reader.
 */
export const TimelineLane = memo(function TimelineLane({
  index,
  position,
  shown,
  record,
  label,
  problem,
  scale,
  now,
  tabbable,
  selected,
  top,
  onFocusLane,
  onOpen,
}: Props) {
  const box: CSSProperties = { position: "absolute", top, left: 0, right: 0, height: LANE_HEIGHT };
  const common = {
    role: "listitem",
    "aria-setsize": shown,
    "aria-posinset": position + 1,
    "data-index": index,
    "data-position": position,
    tabIndex: tabbable ? 0 : -1,
    onFocus: () => onFocusLane(position),
    style: box,
  } as const;
  if (!record) {
    return (
      <div
        {...common}
        aria-label={`Subtask ${index + 1}: loading`}
        className={`${LANE_COLUMNS} items-center px-2 focus-visible:-outline-offset-2`}
      >
        <span className="h-3 w-24 rounded bg-neutral-200 dark:bg-neutral-800" />
      </div>
    );
  }
  const live = record.status === "running" || record.status === "retrying";
  const retry = retryText(record, now);
  const trouble = problem ? problemText(problem) : null;
  const naming = laneNaming(record, label);
  return (
    <div
      {...common}
      aria-label={trouble ? `${laneLabel(record, now, label)}; ${trouble}` : laneLabel(record, now, label)}
      aria-current={selected ? "true" : undefined}
      onClick={() => onOpen(index)}
      title={[naming.name, record.error, trouble].filter(Boolean).join("\n")}
      data-problem={problem ? problem.status : undefined}
      className={`${LANE_COLUMNS} cursor-pointer items-center rounded px-2 focus-visible:-outline-offset-2 hover:bg-neutral-100 focus-visible:bg-neutral-100 dark:hover:bg-neutral-900 dark:focus-visible:bg-neutral-900 ${selected ? "bg-[#0072B2]/10 dark:bg-[#56B4E9]/15" : ""}`}
    >
      <span className="flex min-w-0 items-center gap-1.5 text-sm">
        <StatusIcon status={record.status} />
        {trouble && (
          <span aria-hidden="true" className="text-[#9A6A00] dark:text-[#E69F00]">
            ⚠
          </span>
        )}
        <span className={`truncate ${naming.known ? "" : "italic text-neutral-600 dark:text-neutral-400"}`}>
          {naming.name}
        </span>
      </span>
      <span className="relative h-4 overflow-hidden rounded-sm bg-neutral-100 dark:bg-neutral-900">
        {scale.ticks.map((tick) => (
          <span
            key={tick.offset}
            aria-hidden="true"
            className="absolute inset-y-0 w-px bg-[var(--grid)]"
            style={{ left: `${tick.percent}%` }}
          />
        ))}
        {segmentsOf(record, now).map((segment, i) => {
          const place = placeOf(
            scale,
            segment.start,
            segment.end ?? (live ? Math.max(now, segment.start) : segment.start),
          );
          if (!place) return null;
          return (
            <span
              key={i}
              data-segment={segment.kind}
              data-attempt={segment.attempt}
              className={`absolute inset-y-0 min-w-[3px] ${segment.kind === "wait" || segment.kind === "queued" ? "" : "rounded-sm"} ${SEGMENT_CLASS[segment.kind]}`}
              // The min() keeps a 3 px sliver at the very end (cancelled before it started) inside the track.
              style={{ left: `min(${place.left}%, calc(100% - 3px))`, width: `${place.width}%` }}
            />
          );
        })}
      </span>
      <span
        className={`truncate text-right text-xs tabular-nums ${record.status === "retrying" || trouble ? statusStyle("retrying").text : "text-neutral-600 dark:text-neutral-400"}`}
      >
        {trouble ?? retry ?? laneDuration(record, now) ?? record.status}
      </span>
    </div>
  );
});
