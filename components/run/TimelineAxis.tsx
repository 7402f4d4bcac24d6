import { LANE_COLUMNS } from "./TimelineLane";
import type { TimeScale } from "./time-scale";

/** Tick labels above the lanes, in the same column template so they line up with the bars. */
export function TimelineAxis({ scale }: { scale: TimeScale }) {
  return (
    <div
      aria-hidden="true"
      className={`${LANE_COLUMNS} border-b border-neutral-200 px-2 pb-1 text-xs text-neutral-600 dark:border-neutral-800 dark:text-neutral-400`}
    >
      <span>Subtask</span>
      <span className="relative h-4 overflow-hidden">
        {scale.ticks.map((tick) => {
          // Keep the edge labels inside the track instead of hanging off it.
          const shift = tick.percent < 5 ? "0" : tick.percent > 90 ? "-100%" : "-50%";
          return (
            <span
              key={tick.offset}
              className="absolute whitespace-nowrap tabular-nums"
              style={{ left: `${tick.percent}%`, transform: `translateX(${shift})` }}
            >
              {tick.label}
            </span>
          );
        })}
      </span>
      <span className="text-right">Time</span>
    </div>
  );
}
