"use client";

import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { SubtaskRecord } from "@/lib/records";
import type { StatusCounts, SubtaskStatus } from "@/lib/status";
import { statusStyle } from "@/components/status/status-style";
import { layout, markRuns } from "./overview-layout";

/** A subtask the page has not loaded yet: no status to show. */
const NOT_LOADED = "#d4d4d4";
const colourOf = (status: SubtaskStatus | undefined) => (status ? statusStyle(status).hex : NOT_LOADED);
/** Above the grid, a rail with a tall mark for every failed (and retrying) subtask, so one failure in 10,000 is seen. */
const RAIL = 8;

interface Props {
  records: readonly (SubtaskRecord | undefined)[];
  total: number;
  counts: StatusCounts;
  onPick: (index: number) => void;
}

/** Which status a mark standing for several subtasks shows: the most pressing among them. */
const PRECEDENCE: readonly (SubtaskStatus | "unknown")[] = [
  "failed",
  "retrying",
  "running",
  "cancelled",
  "pending",
  "unknown",
  "succeeded",
];
const RANK = new Map(PRECEDENCE.map((status, rank) => [status, rank]));

/** The subtask of mark `mark` whose status the mark shows (the first most pressing one). */
function decidingIndex(records: Props["records"], total: number, per: number, mark: number): number {
  let best = mark * per;
  let bestRank = Infinity;
  for (let index = mark * per; index < Math.min(total, (mark + 1) * per); index++) {
    const rank = RANK.get(records[index]?.status ?? "unknown")!;
    if (rank < bestRank) [best, bestRank] = [index, rank];
  }
  return best;
}

/**
 * The whole run at a glance: one mark per subtask in split order, on a canvas
 * (10,000 DOM nodes would cost more than the lanes). When there are more
 * subtasks than fit at a pixel each, a mark stands for several and shows the
 * most pressing status among them, and the caption says how many. Failures
 * get a second, taller mark on the rail above. Clicking a mark opens its
 * subtask (for a shared mark, the one whose status it shows).
 */
export function OverviewStrip({ records, total, counts, onPick }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  const grid = layout(width, total);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = RAIL + grid.rows * grid.cell;
    canvas.width = Math.floor(width * ratio);
    canvas.height = Math.floor(height * ratio);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const gap = grid.cell >= 4 ? 1 : 0;
    // One fillStyle change per colour, not per cell.
    const byColour = new Map<string, number[]>();
    const marks = Math.ceil(total / grid.per);
    for (let mark = 0; mark < marks; mark++) {
      const colour = colourOf(records[decidingIndex(records, total, grid.per, mark)]?.status);
      let list = byColour.get(colour);
      if (!list) byColour.set(colour, (list = []));
      list.push(mark);
    }
    for (const [colour, indexes] of byColour) {
      ctx.fillStyle = colour;
      for (const [mark, length] of markRuns(indexes, grid.cols, gap === 0)) {
        const col = mark % grid.cols;
        const row = Math.floor(mark / grid.cols);
        ctx.fillRect(col * grid.cell, RAIL + row * grid.cell, length * grid.cell - gap, grid.cell - gap);
      }
    }
    for (const status of ["retrying", "failed"] as const) {
      ctx.fillStyle = colourOf(status);
      for (let index = 0; index < total; index++) {
        if (records[index]?.status !== status) continue;
        const x = (index / Math.max(total, 1)) * width;
        ctx.fillRect(Math.min(x, width - 2), 0, 2, RAIL - 2);
      }
    }
  }, [records, total, width, grid.cell, grid.cols, grid.rows, grid.per]);

  function onClick(event: MouseEvent<HTMLCanvasElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const mark = Math.floor((y - RAIL) / grid.cell) * grid.cols + Math.floor(x / grid.cell);
    const index = y < RAIL ? Math.floor((x / box.width) * total) : decidingIndex(records, total, grid.per, mark);
    if (index >= 0 && index < total) onPick(index);
  }

  const problems = counts.failed + counts.retrying;
  return (
    <div className="space-y-1">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Overview of all ${total} subtasks: ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.retrying} retrying, ${counts.running} running, ${counts.pending} pending, ${counts.cancelled} cancelled.`}
        onClick={onClick}
        className="block w-full cursor-pointer"
        style={{ height: RAIL + grid.rows * grid.cell }}
      />
      <p className="text-xs tabular-nums text-neutral-600 dark:text-neutral-400">
        Overview: all {total.toLocaleString("en-US")} subtasks in split order,{" "}
        {grid.per === 1
          ? "one mark each"
          : `${grid.per.toLocaleString("en-US")} to a mark, each showing the most pressing status among them (failed, retrying, running, cancelled, pending, succeeded)`}
        {problems > 0 && "; marks above the grid point at failed and retrying ones"}. Click a mark to open it.
      </p>
    </div>
  );
}
