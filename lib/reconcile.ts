import type { RunProblem, RunSummary } from "./answers";
import type { SubtaskRecord } from "./records";
import { emptyCounts, isRunFinished, isSubtaskFinished, type RunStatus } from "./status";

/** How Restate says a run's workflow invocation stands (see lib/server/restate-view.ts). */
export interface WorkflowView {
  status: string;
  /** Restate's completion failure, e.g. "[409] killed". */
  failure: string | null;
  completedAt: number | null;
}

/**
 * Whether an unfinished invocation (a row of Restate's sys_invocation) needs
 * someone's attention: paused, or failing with an error Restate recorded. A
 * backing-off row with no error is a retry Restate schedules by itself (an
 * attempt closed by a restart, or a suspension): it heals without help, so it
 * is not trouble. Restate's query API leaves a null column out of its row,
 * so a missing `last_failure` is no error too.
 */
export function needsAttention(row: { status: string; last_failure?: string | null }): boolean {
  return row.status !== "completed" && (row.status === "paused" || Boolean(row.last_failure));
}

/**
 * How old a cached view of Restate may be when an answer lays it over the
 * workflow's records. A poll answers from the cache, and starts a refresh
 * once the view is half a second old, so a page polling once a second gets a
 * view at most about a second old without waiting for Restate's tables. A
 * view older than that (nobody polled for a while, or the poll itself waited
 * on a query that timed out) is not shown as current: the answer waits for
 * the refresh.
 */
export const VIEW_REFRESH_MS = 500;
export const VIEW_MAX_AGE_MS = 1200;

export function viewUse(ageMs: number): "use" | "use-and-refresh" | "wait" {
  if (ageMs < VIEW_REFRESH_MS) return "use";
  return ageMs < VIEW_MAX_AGE_MS ? "use-and-refresh" : "wait";
}

/** The status a run has when Restate ended its invocation without the workflow recording an end. */
export function endedInRestate(failure: string | null): RunStatus {
  if (failure && /kill/i.test(failure)) return "killed";
  if (failure && /cancel/i.test(failure)) return "cancelled";
  return "failed";
}

/**
 * Lays Restate's own view over the workflow's summary. The workflow's records
 * are right while its code runs; when Restate ended the invocation without it
 * (killed it, or it failed before recording an end), they would say "running"
 * forever, so Restate's word wins: the run is finished, and what had not
 * finished will not. Pure, so it is unit-tested.
 */
export function reconcileSummary(
  summary: RunSummary,
  workflow: WorkflowView | null,
  problems: RunProblem[],
): RunSummary {
  if (isRunFinished(summary.status)) return { ...summary, problems: [] };
  if (workflow?.status !== "completed") return { ...summary, problems };
  const status = endedInRestate(workflow.failure);
  const counts = { ...summary.counts };
  const unfinished = counts.pending + counts.running + counts.retrying;
  Object.assign(counts, { pending: 0, running: 0, retrying: 0, cancelled: counts.cancelled + unfinished });
  const said = workflow.failure ? `: ${workflow.failure}` : "";
  const what = status === "killed" ? "Killed in Restate" : "Ended in Restate";
  return {
    ...summary,
    status,
    counts,
    done: summary.total,
    finishedAt: workflow.completedAt ?? summary.finishedAt,
    error: `${what}${said}. ${unfinished} unfinished subtask${unfinished === 1 ? "" : "s"} will not run.`,
    problems: [],
  };
}

/** A run Restate has no invocation for any more (purged), known only from the runs list. */
export function purgedSummary(
  base: Pick<RunSummary, "id" | "kind" | "label" | "createdAt" | "rerunOf" | "reruns">,
): RunSummary {
  return {
    ...base,
    status: "killed",
    total: 0,
    done: 0,
    counts: emptyCounts(),
    concurrency: 0,
    retry: { maxAttempts: 0, initialIntervalMs: 0 },
    onFailure: "continue",
    finishedAt: null,
    aggregate: null,
    error: "Restate has no record of this run any more: its invocation was killed and purged.",
    version: 0,
    problems: [],
  };
}

/** A record of a run Restate ended: what had not finished is shown cancelled, saying why. */
export function endedRecord(record: SubtaskRecord, status: RunStatus, at: number | null): SubtaskRecord {
  if (isSubtaskFinished(record.status)) return record;
  const { nextAttempt: _n, nextAttemptAt: _a, ...rest } = record;
  return {
    ...rest,
    status: "cancelled",
    finishedAt: at ?? record.dispatchedAt,
    error:
      status === "killed"
        ? "The run was killed in Restate before this subtask finished."
        : "The run ended in Restate before this subtask finished.",
  };
}
