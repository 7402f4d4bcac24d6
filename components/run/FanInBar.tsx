"use client";

import type { RunSummary } from "@/lib/answers";
import { isRunFinished, type SubtaskStatus } from "@/lib/status";
import { formatDuration } from "@/lib/ui/format";
import { StackedProgress } from "@/components/progress/StackedProgress";
import { StatusCountList } from "./StatusCountList";

interface FanInProps {
  summary: RunSummary;
  now: number;
  filter: SubtaskStatus | null;
  onFilter: (status: SubtaskStatus | null) => void;
}

/**
 * The fan-in: counts per state (each one filters the lanes), progress and
 * pace. It sticks to the top of the window, so it stays in sight while the
 * lanes scroll under it.
 */
export function FanInBar({ summary, now, filter, onFilter }: FanInProps) {
  const finished = isRunFinished(summary.status);
  const elapsed = Math.max((summary.finishedAt ?? now) - summary.createdAt, 0);
  return (
    <div className="sticky top-0 z-20 -mx-4 space-y-2 border-b border-neutral-200 bg-white/95 px-4 py-2 backdrop-blur dark:border-neutral-800 dark:bg-neutral-950/95">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-lg font-semibold tabular-nums">
          {summary.done.toLocaleString("en-US")} of {summary.total.toLocaleString("en-US")} done
        </p>
        <p className="flex flex-wrap gap-x-4 text-sm tabular-nums text-neutral-600 dark:text-neutral-400">
          <span>
            {finished ? "Took" : "Elapsed"} {formatDuration(elapsed)}
          </span>
          {summary.status !== "cancelled" && <Pace summary={summary} elapsed={elapsed} finished={finished} />}
        </p>
      </div>
      <StackedProgress counts={summary.counts} total={summary.total} done={summary.done} label="Run progress" />
      <StatusCountList counts={summary.counts} active={filter} onSelect={onFilter} />
    </div>
  );
}

/**
 * Subtasks finished per second so far, and when the rest should be done at
 * that pace. The pace says nothing about subtasks already in flight (one of
 * them may take 30 s where the rest took 100 ms), so once none wait to start,
 * the estimate gives way to what the end waits for.
 */
function Pace({ summary, elapsed, finished }: { summary: RunSummary; elapsed: number; finished: boolean }) {
  if (elapsed < 500 || summary.done === 0) return finished ? null : <span>throughput —</span>;
  const perSecond = summary.done / (elapsed / 1000);
  const rate = perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
  const remaining = summary.total - summary.done;
  const inFlight = summary.counts.running + summary.counts.retrying;
  return (
    <>
      <span>{rate} subtasks/s</span>
      {!finished && remaining > 0 && summary.counts.pending > 0 && (
        <span>ETA {formatDuration((remaining / perSecond) * 1000)}</span>
      )}
      {!finished && remaining > 0 && summary.counts.pending === 0 && inFlight > 0 && (
        <span>
          ETA: when the last {inFlight === 1 ? "subtask" : `${inFlight} subtasks`} in flight finish
          {inFlight === 1 ? "es" : ""}
        </span>
      )}
    </>
  );
}
