// The run page's view, read from and written to the URL:
//   ?subtask=12          details of subtask 12 open
//   &status=failed       only lanes in that state (a count was clicked)
//   &errors=1            only lanes that ever hit an error
//   &group=<error group> only failed lanes of that error group (lib/error-groups.ts)
//   &q=<text>&order=duration  the results table's search and sort
//   &sort=problems       failed, retrying and running lanes first
//   &zoom=4&at=1500      a quarter of the run in view, from 1.5 s in
//   &follow=0            stop following the live edge
import { errorGroupOf } from "@/lib/error-groups";
import type { SubtaskRecord } from "@/lib/records";
import { SUBTASK_STATUSES, type SubtaskStatus } from "@/lib/status";
import { hasError } from "./segments";
import { MAX_ZOOM } from "./time-scale";

export interface RunViewState {
  selected: number | null;
  status: SubtaskStatus | null;
  errorsOnly: boolean;
  group: string | null;
  problemsFirst: boolean;
  zoom: number;
  at: number;
  follow: boolean;
}

export function readViewState(params: URLSearchParams): RunViewState {
  const selected = Number.parseInt(params.get("subtask") ?? "", 10);
  const status = params.get("status");
  const zoom = Number(params.get("zoom") ?? 1);
  const at = Number(params.get("at") ?? 0);
  return {
    selected: Number.isInteger(selected) && selected >= 0 ? selected : null,
    status: SUBTASK_STATUSES.includes(status as SubtaskStatus) ? (status as SubtaskStatus) : null,
    errorsOnly: params.get("errors") === "1",
    group: params.get("group") || null,
    problemsFirst: params.get("sort") === "problems",
    zoom: Number.isFinite(zoom) ? Math.min(Math.max(zoom, 1), MAX_ZOOM) : 1,
    at: Number.isFinite(at) && at > 0 ? at : 0,
    follow: params.get("follow") !== "0",
  };
}

/** Failed first, then retrying, then running; the rest in split order. */
const PROBLEM_RANK: Record<SubtaskStatus, number> = {
  failed: 0,
  retrying: 1,
  running: 2,
  pending: 3,
  succeeded: 3,
  cancelled: 3,
};

/**
 * The subtask indexes to draw, in order. One pass over the records (10,000
 * of them is well under a millisecond); subtasks not loaded yet are shown
 * only when nothing is filtered out.
 */
export function visibleLanes(
  records: readonly (SubtaskRecord | undefined)[],
  total: number,
  view: Pick<RunViewState, "status" | "errorsOnly" | "problemsFirst"> & Partial<Pick<RunViewState, "group">>,
): number[] {
  const group = view.group ?? null;
  const filtered = view.status !== null || view.errorsOnly || group !== null;
  const buckets: number[][] = view.problemsFirst ? [[], [], [], []] : [[]];
  for (let index = 0; index < total; index++) {
    const record = records[index];
    if (filtered) {
      if (!record) continue;
      if (view.status !== null && record.status !== view.status) continue;
      if (view.errorsOnly && !hasError(record)) continue;
      if (group !== null && !inGroup(record, group)) continue;
    }
    buckets[view.problemsFirst && record ? PROBLEM_RANK[record.status] : buckets.length - 1].push(index);
  }
  return buckets.length === 1 ? buckets[0] : buckets.flat();
}

export function inGroup(record: SubtaskRecord, group: string): boolean {
  return record.status === "failed" && errorGroupOf(record.error) === group;
}

/** Why lanes are missing, in words, or null when every lane is shown. */
export function whyFiltered(
  view: Pick<RunViewState, "status" | "errorsOnly"> & Partial<Pick<RunViewState, "group">>,
): string | null {
  const reasons = [];
  if (view.status !== null) reasons.push(`only ${view.status}`);
  if (view.errorsOnly) reasons.push("only subtasks with errors");
  if (view.group) reasons.push(`only the error group “${view.group}”`);
  return reasons.length > 0 ? reasons.join(", ") : null;
}
