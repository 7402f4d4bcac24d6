// The client's copy of a run's subtasks, kept up to date from deltas: each
// answer carries only the subtasks that changed after the cursor we hold,
// whole records as the API merged them. A first load gets the subtasks still
// as the split wrote them as ranges: they stand as stubs (pending, no
// description) until their lanes come on screen and their labels are fetched.
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
 * `onPage`, if given, hears each page but the last as it comes, at cursor
 * `since` (a big run's first load draws its first lanes before the 50th page
 * has arrived); applying each on top of the last costs a page, not all so far.
 */
export async function fetchChangesSince(
  runId: string,
  since: string,
  onPage?: (page: SubtaskDelta) => void,
): Promise<SubtaskDelta> {
  const url = (from: number) =>
    `/api/runs/${encodeURIComponent(runId)}/subtasks?since=${encodeURIComponent(since)}&from=${from}&pending=ranges`;
  const first = await fetchJson<SubtaskDelta>(url(0));
  const subtasks = [...first.subtasks];
  const pending: PendingRange[] = [...(first.pending ?? [])];
  let total = first.total;
  let page = first;
  for (let next = first.next; next !== null;) {
    onPage?.({ ...page, version: since, total });
    page = await fetchJson<SubtaskDelta>(url(next));
    for (const record of page.subtasks) subtasks.push(record);
    for (const range of page.pending ?? []) pending.push(range);
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
 * Descriptions of stubs, by index, fetched for the subtasks on screen. Kept
 * apart from the records: a fill then redraws the lanes it names, and the
 * views computed over all the run's records (the timeline's order and
 * extent, the overview strip) are not redone for it. A subtask's description
 * never changes, so a label cannot go stale; its status comes with the deltas.
 */
export type StubLabels = ReadonlyMap<number, string>;

export const NO_LABELS: StubLabels = new Map();

/**
 * The stubs among `indexes` (subtasks on screen) with no label yet, as the
 * one index range that holds them all, or null when there are none.
 */
export function stubRange(
  snapshot: SubtaskSnapshot,
  indexes: Iterable<number>,
  labels: StubLabels,
): PendingRange | null {
  let range: PendingRange | null = null;
  for (const i of indexes) {
    if (!isStub(snapshot.records[i]) || labels.has(i)) continue;
    range = range ? [Math.min(range[0], i), Math.max(range[1], i + 1)] : [i, i + 1];
  }
  return range;
}

/** How many stubs have no label yet, and the first of them (null when none). */
export function unlabelledStubs(
  snapshot: SubtaskSnapshot,
  labels: StubLabels,
): { count: number; first: number | null } {
  let count = 0;
  let first: number | null = null;
  snapshot.records.forEach((record, index) => {
    if (!isStub(record) || labels.has(index)) return;
    count++;
    first ??= index;
  });
  return { count, first };
}

/** `labels` with the descriptions of `records` (a fetched slice) added; the same map when none is new. */
export function withLabels(labels: StubLabels, records: readonly SubtaskRecord[]): StubLabels {
  const fresh = records.filter((r) => !labels.has(r.index));
  if (fresh.length === 0) return labels;
  const next = new Map(labels);
  for (const record of fresh) next.set(record.index, record.description);
  return next;
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
