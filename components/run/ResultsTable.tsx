"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useMemo, useRef } from "react";
import { attemptCount, durationOf } from "@/lib/results";
import { SUBTASK_STATUSES, type SubtaskStatus } from "@/lib/status";
import { formatDuration } from "@/lib/ui/format";
import { StatusBadge } from "@/components/status/StatusBadge";
import { outcomeText, RESULT_ORDERS, resultRows, type ResultOrder } from "./results-rows";
import type { PendingRange } from "@/lib/answers";
import { LIMITS } from "@/lib/limits";
import { isStub, NO_LABELS, unlabelledStubs, type StubLabels, type SubtaskSnapshot } from "./subtask-snapshot";
import { useStubsInView } from "./use-stubs-in-view";
import type { RunViewState } from "./view-state";

const ROW_HEIGHT = 36;
const COLUMNS = "grid grid-cols-[4.5rem_7.5rem_5rem_4.5rem_minmax(0,1fr)_minmax(0,1.4fr)] gap-2 px-3";
const ORDER_LABEL: Record<ResultOrder, string> = {
  index: "Index",
  "duration-desc": "Longest first",
  "duration-asc": "Shortest first",
};

interface Props {
  snapshot: SubtaskSnapshot;
  /** Descriptions of the stubs fetched so far. */
  labels: StubLabels;
  view: RunViewState;
  search: string;
  order: ResultOrder;
  onViewChange: (changes: Record<string, string | number | null>) => void;
  onOpen: (index: number) => void;
  /** Fetches the descriptions (labels) of stubs on screen, or of all of them for a search. */
  onStubsInView?: (range: PendingRange) => void;
}

/**
 * Every subtask as a row: index, status, duration, attempts, input, result or
 * error. Only the rows in view are in the DOM (runs have tens of thousands);
 * the status and error-group filters are the timeline's own (one place in the
 * URL), search and sort are the table's.
 */
export function ResultsTable({ snapshot, labels, view, search, order, onViewChange, onOpen, onStubsInView }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const query = useDeferredValue(search);
  const { status, group } = view;
  // Labels matter only to a search: without one, a fill must not redo the rows of every subtask.
  const searchLabels = query.trim() === "" ? NO_LABELS : labels;
  const rows = useMemo(
    () => resultRows(snapshot.records, snapshot.total, { status, group, search: query, order }, searchLabels),
    [snapshot.records, snapshot.total, status, group, query, order, searchLabels],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  useStubsInView(
    snapshot,
    items.map((item) => rows[item.index]),
    labels,
    onStubsInView,
  );
  // A search needs every description a row could match: it loads the stubs' labels a slice at a
  // time, and says how many it has not looked into yet rather than hide them. Stubs are pending:
  // a filter to another status or to an error group leaves none to look into.
  const stubsCouldMatch = query.trim() !== "" && (status === null || status === "pending") && group === null;
  const unsearched = useMemo(
    () => (stubsCouldMatch ? unlabelledStubs(snapshot, labels) : { count: 0, first: null }),
    [stubsCouldMatch, snapshot, labels],
  );
  const nextToSearch = unsearched.first;
  useEffect(() => {
    if (nextToSearch === null) return;
    onStubsInView?.([nextToSearch, Math.min(nextToSearch + LIMITS.subtaskPageSize, snapshot.total)]);
  }, [nextToSearch, snapshot.total, snapshot.records, onStubsInView]);
  const inputOf = (index: number) => {
    const record = snapshot.records[index]!;
    return isStub(record) ? (labels.get(index) ?? null) : record.description;
  };

  return (
    <section aria-labelledby="results-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="results-heading" className="text-xl font-semibold">
          Results
        </h2>
        <div role="search" aria-label="Results" className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            Status
            <select
              value={status ?? ""}
              onChange={(e) => onViewChange({ status: e.target.value || null })}
              className="rounded-md border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900"
            >
              <option value="">All statuses</option>
              {SUBTASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Search
            <input
              type="search"
              value={search}
              onChange={(e) => onViewChange({ q: e.target.value })}
              placeholder="input, result or error"
              className="w-56 rounded-md border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900"
            />
          </label>
          <label className="flex flex-col gap-1">
            Sort
            <select
              value={order}
              onChange={(e) => onViewChange({ order: e.target.value === "index" ? null : e.target.value })}
              className="rounded-md border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900"
            >
              {RESULT_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {ORDER_LABEL[o]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <p
        className="text-sm tabular-nums text-neutral-600 dark:text-neutral-400"
        role="status"
        data-testid="results-count"
      >
        {rows.length.toLocaleString("en-US")} of {snapshot.total.toLocaleString("en-US")}{" "}
        {snapshot.total === 1 ? "subtask" : "subtasks"}
        {group && <> in the error group “{group}”</>}
        {unsearched.count > 0 && (
          <>
            {" "}
            — still loading the descriptions of {unsearched.count.toLocaleString("en-US")} pending{" "}
            {unsearched.count === 1 ? "subtask" : "subtasks"} to search them
          </>
        )}
      </p>
      <div
        role="table"
        aria-label="Results"
        aria-rowcount={rows.length + 1}
        className="rounded-lg border border-neutral-200 text-sm dark:border-neutral-800"
      >
        <div role="rowgroup">
          <div
            role="row"
            aria-rowindex={1}
            className={`${COLUMNS} border-b border-neutral-200 py-2 font-semibold dark:border-neutral-800`}
          >
            {["#", "Status", "Duration", "Attempts", "Input", "Result or error"].map((name) => (
              <span key={name} role="columnheader">
                {name}
              </span>
            ))}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="max-h-[50vh] overflow-y-auto [scrollbar-gutter:stable]">
          {rows.length === 0 ? (
            <p className="px-3 py-4 text-neutral-600 dark:text-neutral-400">No subtasks match.</p>
          ) : (
            <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const index = rows[item.index];
                const record = snapshot.records[index]!;
                const input = inputOf(index);
                const duration = durationOf(record);
                const outcome = outcomeText(record);
                return (
                  <div
                    key={index}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-index={index}
                    className={`${COLUMNS} absolute inset-x-0 items-center border-b border-neutral-100 hover:bg-neutral-50 dark:border-neutral-900 dark:hover:bg-neutral-900`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell">
                      <button
                        type="button"
                        onClick={() => onOpen(index)}
                        className="text-[#0072B2] underline tabular-nums dark:text-[#56B4E9]"
                        aria-label={`Open subtask ${index + 1}`}
                      >
                        {index + 1}
                      </button>
                    </span>
                    <span role="cell">
                      <StatusBadge status={record.status as SubtaskStatus} />
                    </span>
                    <span role="cell" className="tabular-nums">
                      {duration === null ? "—" : formatDuration(duration)}
                    </span>
                    <span role="cell" className="tabular-nums">
                      {attemptCount(record)}
                    </span>
                    {input === null ? (
                      <span role="cell" className="truncate italic text-neutral-600 dark:text-neutral-400">
                        loading…
                      </span>
                    ) : (
                      <span role="cell" className="truncate" title={input}>
                        {input}
                      </span>
                    )}
                    <span
                      role="cell"
                      className={`truncate ${record.status === "failed" ? "text-[#B34F00] dark:text-[#E07B39]" : ""}`}
                      title={outcome}
                    >
                      {outcome}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
