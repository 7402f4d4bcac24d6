"use client";

import { isRunFinished } from "@/lib/status";
import { isNotFound } from "@/lib/ui/fetch-json";
import { useNow } from "@/lib/ui/use-now";
import { Notice } from "@/components/ui/Notice";
import { AggregateResult } from "./AggregateResult";
import { RunHeader } from "./RunHeader";
import { RunNotFound } from "./RunNotFound";
import { RunSkeleton } from "./RunSkeleton";
import { Timeline } from "./Timeline";
import { useRunSummary } from "./use-run-summary";
import { useSubtasks } from "./use-subtasks";

/** A run's live page: the summary drives everything; subtasks follow its version. */
export function RunView({ id }: { id: string }) {
  const { data: summary, error: summaryError } = useRunSummary(id);
  const finished = summary ? isRunFinished(summary.status) : false;
  const { data: snapshot, error: subtasksError } = useSubtasks(id, {
    enabled: summary !== undefined,
    finished,
    summaryVersion: summary?.version ?? 0,
  });
  const active = summary !== undefined && !finished;
  // Only the clocks tick locally (elapsed time, running bars); data comes from the polls above.
  const now = useNow(1000, active);

  if (!summary && isNotFound(summaryError)) return <RunNotFound id={id} />;
  const unreachable = [summaryError, subtasksError].some((error) => error && !isNotFound(error));

  return (
    <div className="space-y-8">
      {unreachable && (
        <Notice tone="problem">
          Can&apos;t reach Restate — retrying.{summary && " What you see below may be out of date."}
        </Notice>
      )}
      {!summary ? (
        <RunSkeleton />
      ) : (
        <>
          <RunHeader summary={summary} now={now} />
          {finished && summary.aggregate !== null && summary.aggregate !== undefined && (
            <AggregateResult aggregate={summary.aggregate} />
          )}
          {snapshot ? (
            snapshot.total > 0 ? (
              <Timeline summary={summary} snapshot={snapshot} now={now} active={active} />
            ) : (
              <Notice>{summary.status === "splitting" ? "Splitting the task into subtasks…" : "This run has no subtasks."}</Notice>
            )
          ) : (
            <RunSkeleton />
          )}
        </>
      )}
    </div>
  );
}
