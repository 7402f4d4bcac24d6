// The client's copy of a run's subtasks, kept up to date from deltas: each
// answer carries only the subtasks that changed after the cursor we hold,
// whole records as the API merged them. A first load gets the subtasks still
// as the split wrote them as ranges: they stand as stubs (pending, no
// description) until their lanes come on screen and `fillStubs` has them.
import type { PendingRange, SubtaskDelta } from "@/lib/answers";
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

/** A subtask known from a pending range: pending since the split; its description not fetched yet. */
export interface StubRecord extends SubtaskRecord {
  stub: true;
}

export function isStub(record: SubtaskRecord | undefined): record is StubRecord {
  return (record as StubRecord | undefined)?.stub === true;
}

const stubOf = (index: number): StubRecord => ({ index, description: "", status: "pending", stub: true });

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
    `/api/runs/${encodeURIComponent(runId)}/subtasks?since=${encodeURIComponent(since)}&from=${from}&pending=ranges`;
  const first = await fetchJson<SubtaskDelta>(url(0));
  const subtasks = [...first.subtasks];
  const pending: PendingRange[] = [...(first.pending ?? [])];
  let total = first.total;
  for (let next = first.next; next !== null;) {
    onPage?.({ version: since, total, subtasks: [...subtasks], next, pending: [...pending] });
    const page = await fetchJson<SubtaskDelta>(url(next));
    for (const record of page.subtasks) subtasks.push(record);
    pending.push(...(page.pending ?? []));
    total = Math.max(total, page.total);
    next = page.next;
  }
  return { version: String(first.version), total, subtasks, next: null, pending };
}

/**
 * Applies a delta fetched from `since`. Only one fetch runs at a time, and an
 * answer is applied only on top of the cursor it was asked from, so a slow
 * request cannot roll statuses back.
 */
export function applyChanges(snapshot: SubtaskSnapshot, since: string, changes: SubtaskDelta): SubtaskSnapshot {
  if (since !== snapshot.version) return snapshot;
  const ranges = changes.pending ?? [];
  if (changes.subtasks.length === 0 && ranges.length === 0 && changes.total === snapshot.total) {
    return changes.version === snapshot.version ? snapshot : { ...snapshot, version: changes.version };
  }
  const records = snapshot.records.slice(0, changes.total);
  records.length = changes.total;
  for (const [from, to] of ranges) {
    for (let i = Math.max(0, from); i < Math.min(to, changes.total); i++) if (!records[i]) records[i] = stubOf(i);
  }
  for (const record of changes.subtasks) {
    if (record.index >= 0 && record.index < changes.total) records[record.index] = record;
  }
  return { runId: snapshot.runId, version: changes.version, total: changes.total, records };
}

/**
 * The stubs among `indexes` (lanes on screen), as the one index range that
 * holds them all, or null when there are none.
 */
export function stubRange(snapshot: SubtaskSnapshot, indexes: Iterable<number>): PendingRange | null {
  let range: PendingRange | null = null;
  for (const i of indexes) {
    if (!isStub(snapshot.records[i])) continue;
    range = range ? [Math.min(range[0], i), Math.max(range[1], i + 1)] : [i, i + 1];
  }
  return range;
}

/**
 * Lays current records (a slice fetched for the lanes on screen) over the
 * stubs they stand for, and nothing else: a record the snapshot already holds
 * came from a delta at least as new, while a stub means no delta since the
 * first load has touched it, so any record read after that is as new or newer.
 * The cursor stays: a later change to these subtasks still comes as a delta.
 */
export function fillStubs(snapshot: SubtaskSnapshot, records: readonly SubtaskRecord[]): SubtaskSnapshot {
  const fills = records.filter((r) => isStub(snapshot.records[r.index]));
  if (fills.length === 0) return snapshot;
  const next = snapshot.records.slice();
  for (const record of fills) next[record.index] = record;
  return { ...snapshot, records: next };
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
