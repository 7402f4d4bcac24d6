"use client";

import { useCallback } from "react";
import { isRunFinished, type SubtaskStatus } from "@/lib/status";
import { isNoResponse, isNotFound } from "@/lib/ui/fetch-json";
import { useNow } from "@/lib/ui/use-now";
import { useUrlParams } from "@/lib/ui/use-url-params";
import { Notice } from "@/components/ui/Notice";
import { AggregateResult } from "./AggregateResult";
import { Downloads } from "./Downloads";
import { ErrorGroups } from "./ErrorGroups";
import { LiveAnnouncer } from "./LiveAnnouncer";
import { FanInBar } from "./FanInBar";
import { RunHeader } from "./RunHeader";
import { RunNotFound } from "./RunNotFound";
import { RestateProblems } from "./RestateProblems";
import { RunSkeleton } from "./RunSkeleton";
import { SubtaskDetails } from "./SubtaskDetails";
import { Timeline } from "./Timeline";
import { usePartsHealth } from "./use-parts-health";
import { useRunSummary } from "./use-run-summary";
import { useSubtasks } from "./use-subtasks";
import { RESULT_ORDERS, type ResultOrder } from "./results-rows";
import { ResultsTable } from "./ResultsTable";
import { readViewState } from "./view-state";

/** A run's live page: the summary drives everything; subtasks follow its version; the view lives in the URL. */
export function RunView({ id }: { id: string }) {
  const { data: summary, error: summaryError, mutate: refreshSummary } = useRunSummary(id);
  const finished = summary ? isRunFinished(summary.status) : false;
  const {
    data: snapshot,
    error: subtasksError,
    labels,
    loadStubs,
  } = useSubtasks(id, {
    // Beside the summary, not after it: the first lanes wait for whichever comes last, not both in turn.
    enabled: !isNotFound(summaryError),
    finished,
    summaryVersion: summary?.version ?? 0,
  });
  const active = summary !== undefined && !finished;
  const { data: health } = usePartsHealth(!finished);
  const [params, setParams] = useUrlParams();
  const view = readViewState(params);
  // Only the clocks tick locally (elapsed time, running bars, retry countdowns); data comes from the polls above.
  const now = useNow(1000, active);

  const open = useCallback((index: number) => setParams({ subtask: index }), [setParams]);
  const close = useCallback(() => setParams({ subtask: null }), [setParams]);
  const filter = useCallback((status: SubtaskStatus | null) => setParams({ status }), [setParams]);
  const pickGroup = useCallback((group: string | null) => setParams({ group }), [setParams]);
  const order = (RESULT_ORDERS as readonly string[]).includes(params.get("order") ?? "")
    ? (params.get("order") as ResultOrder)
    : "index";
  const changed = useCallback(() => void refreshSummary(), [refreshSummary]);

  if (!summary && isNotFound(summaryError)) return <RunNotFound id={id} />;
  const errors = [summaryError, subtasksError].filter((error) => error && !isNotFound(error));
  // No HTTP answer at all: it is the dashboard's own server that is gone, not Restate.
  const serverGone = errors.length > 0 && errors.every(isNoResponse);
  const unreachable = health?.restate === "down" || errors.length > 0;

  return (
    <div className="space-y-6">
      {unreachable && (
        <Notice tone="problem">
          {serverGone ? "Can't reach the dashboard server — retrying." : "Can't reach Restate — retrying."}
          {summary && " What you see below may be out of date."}
        </Notice>
      )}
      {!unreachable && health?.services === "down" && (
        <Notice tone="problem">
          The services are down — Restate keeps this run and carries on when they are back.
          {summary && " What you see below may be out of date."}
        </Notice>
      )}
      {!summary ? (
        <RunSkeleton />
      ) : (
        <>
          <LiveAnnouncer summary={summary} />
          <RunHeader summary={summary} onChanged={changed} />
          <FanInBar summary={summary} now={now} filter={view.status} onFilter={filter} />
          <RestateProblems summary={summary} onOpen={open} />
          {finished && summary.aggregate !== null && summary.aggregate !== undefined && (
            <AggregateResult summary={summary} />
          )}
          <ErrorGroups summary={summary} selected={view.group} onSelect={pickGroup} />
          {snapshot ? (
            snapshot.total > 0 ? (
              <>
                <Timeline
                  summary={summary}
                  snapshot={snapshot}
                  labels={labels}
                  now={now}
                  active={active}
                  view={view}
                  onViewChange={setParams}
                  onOpen={open}
                  onStubsInView={loadStubs}
                />
                <Downloads summary={summary} status={view.status} />
                <ResultsTable
                  snapshot={snapshot}
                  labels={labels}
                  view={view}
                  search={params.get("q") ?? ""}
                  order={order}
                  onViewChange={setParams}
                  onOpen={open}
                  onStubsInView={loadStubs}
                />
              </>
            ) : (
              <Notice>
                {summary.status === "splitting" ? "Splitting the task into subtasks…" : "This run has no subtasks."}
              </Notice>
            )
          ) : (
            <RunSkeleton />
          )}
          {view.selected !== null && view.selected < (snapshot?.total ?? summary.total) && (
            <SubtaskDetails
              runId={id}
              index={view.selected}
              record={snapshot?.records[view.selected]}
              problem={summary.problems?.find((p) => p.index === view.selected) ?? null}
              now={now}
              onClose={close}
              onChanged={changed}
            />
          )}
        </>
      )}
    </div>
  );
}
