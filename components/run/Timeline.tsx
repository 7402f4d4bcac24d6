"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { PendingRange, RunSummary } from "@/lib/answers";
import { OverviewStrip } from "./OverviewStrip";
import { problemsByIndex } from "./problem-text";
import type { StubLabels, SubtaskSnapshot } from "./subtask-snapshot";
import { runExtent, timeScale } from "./time-scale";
import { TimelineAxis } from "./TimelineAxis";
import { TimelineControls } from "./TimelineControls";
import { LANE_HEIGHT, TimelineLane } from "./TimelineLane";
import { useStubsInView } from "./use-stubs-in-view";
import { visibleLanes, whyFiltered, type RunViewState } from "./view-state";

interface Props {
  summary: RunSummary;
  snapshot: SubtaskSnapshot;
  /** Descriptions of the stubs fetched so far. */
  labels: StubLabels;
  now: number;
  active: boolean;
  view: RunViewState;
  onViewChange: (changes: Record<string, string | number | null>) => void;
  onOpen: (index: number) => void;
  /** Fetches the descriptions (labels) of stubs on screen: pending lanes the first load sent as ranges. */
  onStubsInView?: (range: PendingRange) => void;
}

/** Runs this big get the overview strip: below it, the lanes already show everything at a glance. */
const OVERVIEW_FROM = 20;

const KEY_STEPS: Record<string, (position: number, last: number) => number> = {
  ArrowDown: (p, last) => Math.min(p + 1, last),
  j: (p, last) => Math.min(p + 1, last),
  ArrowUp: (p) => Math.max(p - 1, 0),
  k: (p) => Math.max(p - 1, 0),
  PageDown: (p, last) => Math.min(p + 10, last),
  PageUp: (p) => Math.max(p - 10, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * One lane per subtask on a shared time axis. Only the lanes in view are in
 * the DOM (runs may have 10,000), so the list is one tab stop and the arrow
 * keys (or j/k) move between lanes, scrolling as they go; Enter opens one.
 */
export function Timeline({ summary, snapshot, labels, now, active, view, onViewChange, onOpen, onStubsInView }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusPosition, setFocusPosition] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const total = snapshot.total;

  // Everything that walks all 10,000 records happens once per data change, never per clock tick.
  const extent = useMemo(() => runExtent(summary, snapshot.records), [summary, snapshot.records]);
  const { status, errorsOnly, problemsFirst, group } = view;
  const order = useMemo(
    () => visibleLanes(snapshot.records, total, { status, errorsOnly, problemsFirst, group }),
    [snapshot.records, total, status, errorsOnly, problemsFirst, group],
  );
  const scale = timeScale(extent, now, active, view);
  const problems = useMemo(() => problemsByIndex(summary.problems ?? []), [summary.problems]);
  const shown = order.length;
  const why = whyFiltered(view);

  const virtualizer = useVirtualizer({
    count: shown,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LANE_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  useStubsInView(
    snapshot,
    items.map((item) => order[item.index]),
    labels,
    onStubsInView,
  );

  // Focus can only move to a lane once the virtualizer has rendered it: after
  // every render, until it has.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (pendingFocus === null) return;
    const lane = scrollRef.current?.querySelector<HTMLElement>(`[data-position="${pendingFocus}"]`);
    if (lane) {
      lane.focus({ preventScroll: true });
      setPendingFocus(null);
    }
  });

  const moveTo = useCallback(
    (position: number) => {
      setFocusPosition(position);
      setPendingFocus(position);
      virtualizer.scrollToIndex(position, { align: "auto" });
    },
    [virtualizer],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || shown === 0) return;
    if (event.key === "Enter" || event.key === " ") {
      const index = order[focusPosition];
      if (index === undefined) return;
      event.preventDefault();
      onOpen(index);
      return;
    }
    const step = KEY_STEPS[event.key];
    if (!step) return;
    event.preventDefault();
    moveTo(step(focusPosition, shown - 1));
  }

  const pick = useCallback(
    (index: number) => {
      const position = order.indexOf(index);
      if (position >= 0) moveTo(position);
      onOpen(index);
    },
    [order, moveTo, onOpen],
  );

  // If the remembered lane has scrolled out of the DOM, the first lane in view takes the tab stop.
  const tabbable = items.some((item) => item.index === focusPosition) ? focusPosition : items[0]?.index;

  return (
    <section aria-labelledby="timeline-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          Timeline
        </h2>
        <p className="text-sm tabular-nums text-neutral-600 dark:text-neutral-400" data-testid="lanes-shown">
          {shown === total ? (
            <>
              All {total.toLocaleString("en-US")} {total === 1 ? "subtask" : "subtasks"} shown
            </>
          ) : (
            <>
              <strong className="font-semibold text-neutral-900 dark:text-neutral-100">
                {shown.toLocaleString("en-US")} of {total.toLocaleString("en-US")} shown
              </strong>
              {why ? ` — ${why}` : " — the rest are still loading"}
              {why && (
                <button
                  type="button"
                  onClick={() => onViewChange({ status: null, errors: null, group: null })}
                  className="ml-2 text-[#0072B2] underline dark:text-[#56B4E9]"
                >
                  Show all
                </button>
              )}
            </>
          )}
          {shown > 1 && <span className="hidden sm:inline"> · ↑ ↓ or j k to move, Enter opens</span>}
        </p>
      </div>
      {total >= OVERVIEW_FROM && (
        <OverviewStrip records={snapshot.records} total={total} counts={summary.counts} onPick={pick} />
      )}
      <TimelineControls view={view} scale={scale} active={active} onChange={onViewChange} />
      <div className="rounded-lg border border-neutral-200 py-2 dark:border-neutral-800">
        <div className="overflow-y-hidden [scrollbar-gutter:stable]">
          <TimelineAxis scale={scale} />
        </div>
        <div ref={scrollRef} className="max-h-[60vh] overflow-y-auto [scrollbar-gutter:stable]">
          {shown === 0 ? (
            <p className="px-3 py-4 text-sm text-neutral-600 dark:text-neutral-400">
              No subtasks match{why ? ` (${why})` : ""}.
            </p>
          ) : (
            <div
              role="list"
              aria-label="Subtasks timeline"
              onKeyDown={onKeyDown}
              className="relative"
              style={{ height: virtualizer.getTotalSize() }}
            >
              {items.map((item) => {
                const index = order[item.index];
                return (
                  <TimelineLane
                    key={index}
                    index={index}
                    position={item.index}
                    shown={shown}
                    record={snapshot.records[index]}
                    label={labels.get(index)}
                    problem={problems.get(index)}
                    scale={scale}
                    now={now}
                    tabbable={item.index === tabbable}
                    selected={view.selected === index}
                    top={item.start}
                    onFocusLane={setFocusPosition}
                    onOpen={onOpen}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
