// Which rows the results table shows, in which order: pure, so 10,000 rows
// are filtered and sorted in one pass per change, and it is unit-tested.
import { durationOf } from "@/lib/results";
import type { SubtaskRecord } from "@/lib/records";
import type { SubtaskStatus } from "@/lib/status";
import { inGroup } from "./view-state";

export const RESULT_ORDERS = ["index", "duration-desc", "duration-asc"] as const;
export type ResultOrder = (typeof RESULT_ORDERS)[number];

export interface ResultsQuery {
  status: SubtaskStatus | null;
  group: string | null;
  /** Matched case-insensitively against the input label, the error and the result. */
  search: string;
  order: ResultOrder;
}

/** The text a row's result cell shows: the error of a failed subtask, the result as compact JSON, or nothing yet. */
export function outcomeText(record: SubtaskRecord): string {
  if (record.error && record.status !== "succeeded") return record.error;
  if (record.status !== "succeeded") return "";
  if (record.result === undefined || record.result === null) return "—";
  return typeof record.result === "string" ? record.result : JSON.stringify(record.result);
}

export function resultRows(
  records: readonly (SubtaskRecord | undefined)[],
  total: number,
  query: ResultsQuery,
  /** Descriptions of stubs (subtask-snapshot.ts) fetched so far; a stub without one has nothing to match. */
  labels: ReadonlyMap<number, string> = new Map(),
): number[] {
  const needle = query.search.trim().toLowerCase();
  const rows: number[] = [];
  for (let index = 0; index < total; index++) {
    const record = records[index];
    if (!record) continue;
    if (query.status !== null && record.status !== query.status) continue;
    if (query.group !== null && !inGroup(record, query.group)) continue;
    const description = labels.get(index) ?? record.description;
    if (needle && !`${description}\n${outcomeText(record)}`.toLowerCase().includes(needle)) continue;
    rows.push(index);
  }
  if (query.order === "index") return rows;
  // Unfinished subtasks have no duration yet: they go last either way.
  const sign = query.order === "duration-desc" ? -1 : 1;
  const duration = (i: number) => durationOf(records[i]!);
  return rows.sort((a, b) => {
    const x = duration(a);
    const y = duration(b);
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    return sign * (x - y) || a - b;
  });
}
