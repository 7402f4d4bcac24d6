"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { RunSummary } from "@/lib/status";
import type { SubtaskSnapshot } from "./subtask-snapshot";
import { timeScale } from "./time-scale";
import { TimelineAxis } from "./TimelineAxis";
import { LANE_HEIGHT, TimelineLane } from "./TimelineLane";

interface Props {
  summary: RunSummary;
  snapshot: SubtaskSnapshot;
  now: number;
  active: boolean;
}

const KEY_STEPS: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  PageDown: (i, last) => Math.min(i + 10, last),
  PageUp: (i) => Math.max(i - 10, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * One lane per subtask on a shared time axis. Only the lanes in view are in
 * the DOM (runs may have 10,000), so the list is one tab stop and the arrow
 * keys move between lanes, scrolling as they go.
 */
export function Timeline({ summary, snapshot, now, active }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const total = snapshot.total;
  const scale = useMemo(() => timeScale(summary, snapshot.records, now, active), [summary, snapshot.records, now, active]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LANE_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  // Focus can only move to a lane once the virtualizer has rendered it.
  useEffect(() => {
    if (pendingFocus === null) return;
    const lane = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus}"]`);
    if (lane) {
      lane.focus({ preventScroll: true });
      setPendingFocus(null);
    }
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = KEY_STEPS[event.key];
    if (!step || total === 0) return;
    event.preventDefault();
    const next = step(focusIndex, total - 1);
    setFocusIndex(next);
    setPendingFocus(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  // If the remembered lane has scrolled out of the DOM, the first lane in view takes the tab stop.
  const tabbable = items.some((item) => item.index === focusIndex) ? focusIndex : items[0]?.index;

  return (
    <section aria-labelledby="timeline-heading" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          Timeline
        </h2>
        <p className="text-sm tabular-nums text-neutral-600 dark:text-neutral-400">
          {total} {total === 1 ? "subtask" : "subtasks"}
          {total > 1 && " · use ↑ ↓ to move between lanes"}
        </p>
      </div>
      <div className="rounded-lg border border-neutral-200 py-2 dark:border-neutral-800">
        <div className="overflow-y-hidden [scrollbar-gutter:stable]">
          <TimelineAxis scale={scale} />
        </div>
        <div ref={scrollRef} className="max-h-[60vh] overflow-y-auto [scrollbar-gutter:stable]">
          <div
            role="list"
            aria-label="Subtasks timeline"
            onKeyDown={onKeyDown}
            className="relative"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => (
              <TimelineLane
                key={item.key}
                index={item.index}
                total={total}
                record={snapshot.records[item.index]}
                scale={scale}
                now={now}
                tabbable={item.index === tabbable}
                top={item.start}
                onFocus={() => setFocusIndex(item.index)}
              />
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
