import "server-only";
import * as clients from "@restatedev/restate-sdk-clients";
import { endedRecord, purgedSummary, reconcileSummary } from "@/lib/reconcile";
import { countRetrying, withRetryReports } from "@/lib/retry-report";
import { BUCKET_SIZE } from "@/lib/ledger";
import type { RunSummary, SubtaskDelta, SubtaskDetail, SubtaskSlice } from "@/lib/answers";
import type { RunIndexEntry, SubtaskRecord } from "@/lib/records";
import { isRunFinished } from "@/lib/status";
import { retryReportsClient, runClient, runsList } from "./restate";
import { peekRunView, restateRunView } from "./restate-view";
import { storedChanges, storedSummary } from "./stored-run";
import type { SubtaskQuery } from "@/lib/run-state";

/** Well past any version: asks the attempts object for its counters without reports. */
const LATEST = Number.MAX_SAFE_INTEGER;

/**
 * Queries are invocations of the services: while the services are down,
 * Restate holds them until the services are back. Past this, the API reads
 * the run's state from Restate's storage instead (lib/server/stored-run.ts).
 */
const QUERY_TIMEOUT_MS = 2000;
const within = <I, O>() => clients.rpc.opts<I, O>({ timeout: QUERY_TIMEOUT_MS });

function timedOut(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const name = (e as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") return true;
  }
  return false;
}

/** A query's answer, or `fallback`'s when the query did not answer in time. */
async function orStored<T>(query: PromiseLike<T>, fallback: () => Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if (timedOut(error)) return fallback();
    throw error;
  }
}

/** For calls that take no options: the same deadline, as a rejection. */
function inTime<T>(call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error("Restate did not answer in time"), { name: "TimeoutError" })),
      QUERY_TIMEOUT_MS,
    );
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

const NO_REPORTS = { version: 0, retryingNow: 0, reports: [] };

/**
 * A run's summary as the dashboard shows it: the workflow's own summary, with
 * the subtasks retrying right now taken out of "running", the re-runs it has
 * (the run cannot write once it finished; the index can), and Restate's own
 * view laid over it: problems Restate is retrying, and a run Restate ended
 * (killed, purged) shown as ended, whatever the workflow last wrote.
 */
export async function loadSummary(id: string, known?: RunIndexEntry): Promise<RunSummary | null> {
  return (await loadRun(id, known))?.summary ?? null;
}

/** The summary, and whether Restate ended the run without the workflow recording it (its records are then stale). */
async function loadRun(
  id: string,
  known?: RunIndexEntry,
  again = false,
): Promise<{ summary: RunSummary; ended: boolean } | null> {
  const [summary, attempts, entry] = await Promise.all([
    orStored(runClient(id).summary(within()), () => storedSummary(id)),
    orStored(retryReportsClient(id).changes({ since: LATEST }, within()), async () => NO_REPORTS),
    known ?? orStored(inTime(runsList().get(id)), async () => null),
  ]);
  if (!summary) return entry && !isRunFinished(entry.status) ? { summary: purgedSummary(entry), ended: true } : null;
  const merged = {
    ...summary,
    counts: countRetrying(summary.counts, attempts.retryingNow),
    reruns: entry?.reruns ?? [],
  };
  if (isRunFinished(summary.status)) return { summary: reconcileSummary(merged, null, []), ended: false };
  const view = await restateRunView(id);
  // The view can be newer than the summary just read: a run that ended by itself has written its end
  // before Restate marked it completed, so read the summary once more before saying Restate ended it.
  if (view?.workflow?.status === "completed" && !again) return loadRun(id, known, true);
  const reconciled = reconcileSummary(merged, view?.workflow ?? null, view?.problems ?? []);
  const ended = isRunFinished(reconciled.status);
  // The runs list learns of it too (it checks with Restate itself), so its status filters agree.
  if (ended && reconciled.status === "killed" && entry?.status !== "killed")
    void runsList()
      .markKilled(id)
      .catch(() => undefined);
  return { summary: reconciled, ended };
}

/**
 * Cursor of `GET /api/runs/<id>/subtasks`: "<workflow version>.<retry reports
 * version>", and "e" once the client was told that Restate ended the run.
 */
export interface Cursor {
  records: number;
  retries: number;
  ended: boolean;
}

export function parseCursor(value: string | null): Cursor | null {
  const match = (value ?? "0").match(/^(\d+)(?:\.(\d+))?(e)?$/);
  if (!match) return null;
  return { records: Number(match[1]), retries: Number(match[2] ?? 0), ended: match[3] === "e" };
}

const bucketsHolding = (indexes: Iterable<number>) => [
  ...new Set([...indexes].map((i) => Math.floor(i / BUCKET_SIZE))),
];

/**
 * Subtasks that changed after the cursor, each with its current retry report
 * laid over it (a record re-sent because a neighbour in its bucket changed
 * still says "retrying"). A record whose report changed while the workflow's
 * record did not is sent again too, so the client only ever replaces
 * records. Once Restate has ended the run, every record is sent again once,
 * with what had not finished shown as such (as records: never as ranges).
 * With `pendingRanges`, subtasks unchanged since the split come as ranges.
 */
export async function loadSubtaskDelta(
  id: string,
  cursor: Cursor,
  from: number,
  pendingRanges = false,
): Promise<SubtaskDelta | null> {
  const asked = { since: cursor.records, from, pendingRanges };
  // Only a run Restate says is over can have ended behind the workflow's back. The summary poll keeps
  // that view fresh, so a delta only looks at it; a first load's first page, which the page asks for
  // beside the summary, asks for a view fresh enough to show (the summary's read, when both are under
  // way), while the records are read.
  const [view, answered] = await Promise.all([
    cursor.records === 0 && from === 0 ? restateRunView(id) : peekRunView(id),
    readSubtasks(id, asked),
  ]);
  const run = view?.workflow?.status === "completed" ? await loadRun(id) : null;
  const ended = run?.ended ?? false;
  const since = ended && !cursor.ended ? { records: 0, retries: 0 } : cursor;
  // A run Restate ended is sent whole once, as records: read again unless that is what was read.
  const query = { since: since.records, from, pendingRanges: pendingRanges && !ended };
  const same = query.since === asked.since && query.pendingRanges === asked.pendingRanges;
  const changes = same ? answered : await readSubtasks(id, query);
  if (!changes) return null;
  const sent = new Set(changes.subtasks.map((r) => r.index));
  const attempts = await orStored(
    retryReportsClient(id).changes({ since: since.retries, buckets: bucketsHolding(sent) }, within()),
    async () => NO_REPORTS,
  );
  // The first page also carries the records whose report changed on its own.
  const reported = new Set(from === 0 ? attempts.reports.map((r) => r.index).filter((i) => !sent.has(i)) : []);
  const again = reported.size > 0 ? await recordsInBuckets(id, bucketsHolding(reported)) : null;
  const records = [...changes.subtasks, ...(again?.subtasks ?? []).filter((r) => reported.has(r.index))];
  const at = run?.summary.finishedAt ?? null;
  return {
    version: `${changes.version}.${attempts.version}${ended ? "e" : ""}`,
    total: changes.total,
    subtasks: withRetryReports(records, attempts.reports).map((record) =>
      ended ? endedRecord(record, run!.summary.status, at) : record,
    ),
    next: changes.next,
    ...(changes.pending ? { pending: changes.pending } : {}),
  };
}

/** The workflow's answer to a subtasks query, or the stored run's once Restate no longer holds it. */
const readSubtasks = (id: string, query: SubtaskQuery) =>
  orStored(runClient(id).subtasks(query, within()), () => storedChanges(id, query));

/** The current records of these buckets, whatever their version, a page at a time; null when there is no such run. */
async function recordsInBuckets(id: string, buckets: number[]): Promise<SubtaskSlice | null> {
  const records: SubtaskRecord[] = [];
  let total = 0;
  for (let page: number | null = 0; page !== null;) {
    const query: SubtaskQuery = { since: LATEST, buckets, from: page };
    const more = await readSubtasks(id, query);
    if (!more) return null;
    records.push(...more.subtasks);
    total = more.total;
    page = more.next;
  }
  return { total, subtasks: records };
}

/**
 * Subtasks `from` to `to - 1` as the workflow last wrote them, without retry
 * reports: what a run page asks for the descriptions of the pending lanes on
 * screen, which its first load received as ranges. Their live status is the
 * delta's to tell.
 */
export async function loadSubtaskSlice(id: string, from: number, to: number): Promise<SubtaskSlice | null> {
  const first = Math.floor(from / BUCKET_SIZE);
  const buckets = Array.from({ length: Math.ceil(to / BUCKET_SIZE) - first }, (_, i) => first + i);
  const slice = await recordsInBuckets(id, buckets);
  return slice && { total: slice.total, subtasks: slice.subtasks.filter((r) => r.index >= from && r.index < to) };
}

/** One subtask with its input and its live retry report, for the details panel. */
export async function loadSubtaskDetail(id: string, index: number): Promise<SubtaskDetail | null> {
  const [detail, attempts] = await Promise.all([
    runClient(id).subtask({ index }),
    retryReportsClient(id).changes({ since: LATEST, buckets: bucketsHolding([index]) }),
  ]);
  if (!detail) return null;
  return { ...detail, record: withRetryReports([detail.record], attempts.reports)[0] };
}

/**
 * Waits (briefly) until a just-submitted run answers its summary query, so a
 * client that reads right after a 201 never sees "no such run". A run that
 * does not show up in time is still accepted: Restate starts it once the
 * services are reachable.
 */
export async function awaitRunVisible(id: string, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(runClient(id).summary()).catch(() => null)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
