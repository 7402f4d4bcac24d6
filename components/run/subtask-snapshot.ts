// The client's copy of a run's subtasks, kept up to date from deltas: each
// answer carries only the subtasks that changed after the cursor we hold,
// whole records as the API merged them.
import type { SubtaskDelta } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { fetchJson } from "@/lib/ui/fetch-json";

export interface SubtaskSnapshot {
  runId: string;
  /** Opaque cursor: pass as `since` next time. */
  version: string;
  total: number;
  /** By subtask index; a hole until an answer has included that subtask. */
  records: readonly (SubtaskRecord | undefined)[];
}

export const FIRST_CURSOR = "0";

export function emptySnapshot(runId: string): SubtaskSnapshot {
  return { runId, version: FIRST_CURSOR, total: 0, records: [] };
}

/**
 * Every subtask changed after `since`, following `next` through the pages.
 * The FIRST page's version is the one to resume from: a change that lands
 * while later pages are read is then fetched again, never missed.
 * `onPage`, if given, hears what has come so far after each page but the
 * last, still at cursor `since` (a big run's first load draws its first
 * lanes before the 50th page has arrived).
 */
export async function fetchChangesSince(
  runId: string,
  since: string,
  onPage?: (soFar: SubtaskDelta) => void,
): Promise<SubtaskDelta> {
  const url = (from: number) =>
    `/api/runs/${encodeURIComponent(runId)}/subtasks?since=${encodeURIComponent(since)}&from=${from}`;
  const first = await fetchJson<SubtaskDelta>(url(0));
  const subtasks = [...first.subtasks];
  let total = first.total;
  for (let next = first.next; next !== null;) {
    onPage?.({ version: since, total, subtasks: [...subtasks], next });
    const page = await fetchJson<SubtaskDelta>(url(next));
    for (const record of page.subtasks) subtasks.push(record);
    total = Math.max(total, page.total);
    next = page.next;
  }
  return { version: String(first.version), total, subtasks, next: null };
}

/**
 * Applies a delta fetched from `since`. Only one fetch runs at a time, and an
 * answer is applied only on top of the cursor it was asked from, so a slow
 * request cannot roll statuses back.
 */
export function applyChanges(snapshot: SubtaskSnapshot, since: string, changes: SubtaskDelta): SubtaskSnapshot {
  if (since !== snapshot.version) return snapshot;
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

/** SWR's default deep compare would walk 10,000 records every poll; the cursor says it all. */
export function sameSnapshot(a: SubtaskSnapshot | undefined, b: SubtaskSnapshot | undefined): boolean {
  return (
    a === b ||
    (a !== undefined &&
      b !== undefined &&
      a.runId === b.runId &&
      a.version === b.version &&
      a.total === b.total &&
      a.records === b.records)
  );
}
