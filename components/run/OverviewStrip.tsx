"use client";

import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { StatusCounts, SubtaskRecord, SubtaskStatus } from "@/lib/status";

/** The same Okabe–Ito hues as the status styles, as canvas colours. */
const COLOURS: Record<SubtaskStatus | "unknown", string> = {
  pending: "#a3a3a3",
  running: "#0072B2",
  retrying: "#E69F00",
  succeeded: "#009E73",
  failed: "#D55E00",
  cancelled: "#CC79A7",
  unknown: "#d4d4d4",
};
const MAX_CELL = 12;
const MAX_GRID_HEIGHT = 48;
/** Above the grid, a rail with a tall mark for every failed (and retrying) subtask, so one failure in 10,000 is seen. */
const RAIL = 8;

interface Props {
  records: readonly (SubtaskRecord | undefined)[];
  total: number;
  counts: StatusCounts;
  onPick: (index: number) => void;
}

/**
 * The whole run at a glance: one mark per subtask in split order, on a canvas
 * (10,000 DOM nodes would cost more than the lanes). Failures get a second,
 * taller mark on the rail above. Clicking a mark opens that subtask.
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
    for (let index = 0; index < total; index++) {
      const colour = COLOURS[records[index]?.status ?? "unknown"];
      let list = byColour.get(colour);
      if (!list) byColour.set(colour, (list = []));
      list.push(index);
    }
    for (const [colour, indexes] of byColour) {
      ctx.fillStyle = colour;
      for (const index of indexes) {
        const col = index % grid.cols;
        const row = Math.floor(index / grid.cols);
        ctx.fillRect(col * grid.cell, RAIL + row * grid.cell, grid.cell - gap, grid.cell - gap);
      }
    }
    for (const status of ["retrying", "failed"] as const) {
      ctx.fillStyle = COLOURS[status];
      for (let index = 0; index < total; index++) {
        if (records[index]?.status !== status) continue;
        const x = (index / Math.max(total, 1)) * width;
        ctx.fillRect(Math.min(x, width - 2), 0, 2, RAIL - 2);
      }
    }
  }, [records, total, width, grid.cell, grid.cols, grid.rows]);

  function onClick(event: MouseEvent<HTMLCanvasElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const index =
      y < RAIL
        ? Math.floor((x / box.width) * total)
        : Math.floor((y - RAIL) / grid.cell) * grid.cols + Math.floor(x / grid.cell);
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
        Overview: all {total.toLocaleString("en-US")} subtasks, one mark each, in split order
        {problems > 0 && "; marks above the grid point at failed and retrying ones"}. Click a mark to open it.
      </p>
    </div>
  );
}

/** Square cells as big as fit (up to 12 px) while the grid stays under 48 px tall. */
function layout(width: number, total: number): { cell: number; cols: number; rows: number } {
  if (width === 0 || total === 0) return { cell: MAX_CELL, cols: 1, rows: 1 };
  let cell = MAX_CELL;
  while (cell > 1 && Math.ceil(total / Math.floor(width / cell)) * cell > MAX_GRID_HEIGHT) cell--;
  const cols = Math.max(1, Math.floor(width / cell));
  return { cell, cols, rows: Math.ceil(total / cols) };
}
