// The client's copy of a run's subtasks, kept up to date from deltas: each
// answer carries only the subtasks that changed after the version we hold.
import type { SubtaskChanges, SubtaskRecord } from "@/lib/status";
import { fetchJson } from "@/lib/ui/fetch-json";

export interface SubtaskSnapshot {
  runId: string;
  /** Pass as `since` next time. */
  version: number;
  total: number;
  /** By subtask index; a hole until an answer has included that subtask. */
  records: readonly (SubtaskRecord | undefined)[];
}

export function emptySnapshot(runId: string): SubtaskSnapshot {
  return { runId, version: 0, total: 0, records: [] };
}

/**
 * Every subtask changed after `since`, following `next` through the pages.
 * The FIRST page's version is the one to resume from: a change that lands
 * while later pages are read is then fetched again, never missed.
 */
export async function fetchChangesSince(runId: string, since: number): Promise<SubtaskChanges> {
  const url = (from: number) => `/api/runs/${encodeURIComponent(runId)}/subtasks?since=${since}&from=${from}`;
  const first = await fetchJson<SubtaskChanges>(url(0));
  const subtasks = [...first.subtasks];
  let total = first.total;
  for (let next = first.next; next !== null; ) {
    const page = await fetchJson<SubtaskChanges>(url(next));
    for (const record of page.subtasks) subtasks.push(record);
    total = Math.max(total, page.total);
    next = page.next;
  }
  return { version: first.version, total, subtasks, next: null };
}

/** Applies a delta. Answers older than what we hold are dropped, so a slow request cannot roll statuses back. */
export function applyChanges(snapshot: SubtaskSnapshot, changes: SubtaskChanges): SubtaskSnapshot {
  if (changes.version < snapshot.version) return snapshot;
  if (changes.subtasks.length === 0 && changes.total === snapshot.total) {
    return changes.version === snapshot.version ? snapshot : { ...snapshot, version: changes.version };
  }
  const records = snapshot.records.slice(0, changes.total);
  records.length = changes.total;
  for (const record of changes.subtasks) {
    if (record.index >= 0 && record.index < changes.total) records[record.index] = record;
  }
  return { runId: snapshot.runId, version: changes.version, total: changes.total, records };
}

/** SWR's default deep compare would walk 10,000 records every poll; the version says it all. */
export function sameSnapshot(a: SubtaskSnapshot | undefined, b: SubtaskSnapshot | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.runId === b.runId && a.version === b.version && a.total === b.total);
}
