import type { StatusCounts, SubtaskStatus } from "@/lib/status";
import { statusStyle } from "@/components/status/status-style";

/** Finished states first, then retrying and running; pending is the empty track behind them. */
const SEGMENTS: readonly SubtaskStatus[] = ["succeeded", "failed", "cancelled", "retrying", "running"];

interface Props {
  counts: StatusCounts;
  total: number;
  done: number;
  /** Accessible name, e.g. "Run progress". */
  label: string;
  size?: "sm" | "md";
}

/**
 * One bar showing every subtask state at once. Screen readers get the same
 * "N of M done" as the visible text, through aria-valuetext.
 */
export function StackedProgress({ counts, total, done, label, size = "md" }: Props) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done} of ${total} done`}
      className={`flex w-full overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-800 ${size === "sm" ? "h-1.5" : "h-3"}`}
    >
      {total > 0 &&
        SEGMENTS.map((status) =>
          counts[status] > 0 ? (
            <div
              key={status}
              className={`h-full motion-safe:transition-[width] motion-safe:duration-500 ${statusStyle(status).fill} ${statusStyle(status).pattern}`}
              style={{ width: `${(counts[status] / total) * 100}%` }}
            />
          ) : null,
        )}
    </div>
  );
}
