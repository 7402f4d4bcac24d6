import "server-only";
import type { ErrorGroupsSummary } from "@/lib/error-groups";
import { BUCKET_SIZE } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import {
  AGGREGATE_PROMISE,
  bucketStateKey,
  RUN_ATTEMPTS_OBJECT,
  RUN_INDEX_ENTRY,
  RUN_INDEX_OBJECT,
  RUN_WORKFLOW,
  STATE_ERROR_GROUPS,
  STATE_META,
} from "@/lib/names";
import { ATTEMPTS_META, attemptsBucketKey, reportBucketsToRead, retryChangesOf, type AttemptsMeta, type RetryChanges, type RetryQuery } from "@/lib/retry-overlay";
import { bucketsToRead, changesOf, summaryOf, type RunMeta, type SubtaskQuery } from "@/lib/run-state";
import { isRunFinished, type RetryReport, type RunIndexEntry, type RunSummary, type SubtaskChanges, type SubtaskRecord } from "@/lib/status";
import { adminSql } from "./admin";

/*
 * What the dashboard polls, read from Restate's storage through the admin
 * API rather than through the run's query handlers. A query handler is an
 * invocation: it waits in Restate's invoker and in the services process
 * behind the run's own subtasks, so mid-run its latency grows with the work
 * in flight (bench/README.md), and while the services are down Restate holds
 * it until they are back. A read of the state table waits for neither and
 * sees the same committed state. One SQL round trip reads a run's summary,
 * its retry counters and its list entry; a delta is two. The derivations are
 * the handlers' own (lib/run-state.ts, lib/retry-overlay.ts).
 */

function safeKey(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Refusing to query Restate for run ${JSON.stringify(id)}`);
  return id;
}

const quoted = (values: Iterable<string>) => [...values].map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");

type Wanted = Partial<Record<string, string[]>>;

/** The values of the keys wanted, per service, of the objects keyed `id`: `<service>/<key>` → value. */
async function stateOf(id: string, wanted: Wanted): Promise<Map<string, unknown>> {
  const services = Object.keys(wanted).filter((s) => wanted[s]!.length > 0);
  if (services.length === 0) return new Map();
  const keys = new Set(services.flatMap((s) => wanted[s]!));
  const rows = await adminSql<{ service_name: string; key: string; value_utf8?: string }>(
    `SELECT service_name, key, value_utf8 FROM state WHERE service_key = '${safeKey(id)}' AND service_name IN (${quoted(services)}) AND key IN (${quoted(keys)})`,
  );
  const values = new Map<string, unknown>();
  for (const row of rows) {
    if (typeof row.value_utf8 === "string" && wanted[row.service_name]?.includes(row.key)) values.set(`${row.service_name}/${row.key}`, JSON.parse(row.value_utf8));
  }
  return values;
}

async function aggregateOf(id: string): Promise<unknown> {
  const [promise] = await adminSql<{ completion_success_value_utf8?: string }>(
    `SELECT completion_success_value_utf8 FROM sys_promise WHERE service_name = '${RUN_WORKFLOW}' AND service_key = '${safeKey(id)}' AND key = '${AGGREGATE_PROMISE}'`,
  );
  return promise?.completion_success_value_utf8 ? JSON.parse(promise.completion_success_value_utf8) : null;
}

export interface StoredRun {
  /** The workflow's summary; null before the run has started (or after Restate purged it). */
  summary: RunSummary | null;
  /** Subtasks retrying right now, from the run's retry reports. */
  retryingNow: number;
  /** The run's entry in the runs list. */
  entry: RunIndexEntry | null;
}

/** A run's summary, retry counters and list entry, in one read (plus one for the aggregate of a finished run). */
export async function storedRun(id: string): Promise<StoredRun> {
  const values = await stateOf(id, {
    [RUN_WORKFLOW]: [STATE_META, STATE_ERROR_GROUPS],
    [RUN_ATTEMPTS_OBJECT]: [ATTEMPTS_META],
    [RUN_INDEX_OBJECT]: [RUN_INDEX_ENTRY],
  });
  const meta = values.get(`${RUN_WORKFLOW}/${STATE_META}`) as RunMeta | undefined;
  const attempts = values.get(`${RUN_ATTEMPTS_OBJECT}/${ATTEMPTS_META}`) as AttemptsMeta | undefined;
  const entry = (values.get(`${RUN_INDEX_OBJECT}/${RUN_INDEX_ENTRY}`) as RunIndexEntry | undefined) ?? null;
  const groups = (values.get(`${RUN_WORKFLOW}/${STATE_ERROR_GROUPS}`) as ErrorGroupsSummary | undefined) ?? null;
  // The aggregate is resolved only as the run finishes.
  const summary = meta ? summaryOf(meta, isRunFinished(meta.status) ? await aggregateOf(id) : null, groups) : null;
  return { summary, retryingNow: attempts?.retryingNow ?? 0, entry };
}

export interface StoredDelta {
  changes: SubtaskChanges;
  retries: RetryChanges;
}

/**
 * The records that changed after `query.since` (a page of them, from
 * `query.from`), and the retry reports that changed after `retries.since`
 * plus those in the records' buckets: the workflow's `subtasks` query and the
 * attempts object's `changes`, in two reads.
 */
export async function storedDelta(id: string, query: SubtaskQuery, retries: RetryQuery): Promise<StoredDelta | null> {
  const metas = await stateOf(id, { [RUN_WORKFLOW]: [STATE_META], [RUN_ATTEMPTS_OBJECT]: [ATTEMPTS_META] });
  const meta = metas.get(`${RUN_WORKFLOW}/${STATE_META}`) as RunMeta | undefined;
  if (!meta) return null;
  const attempts = (metas.get(`${RUN_ATTEMPTS_OBJECT}/${ATTEMPTS_META}`) as AttemptsMeta | undefined) ?? null;
  // A page fills after pageSize / BUCKET_SIZE full buckets; one more tells whether there is a next page.
  const recordBuckets = bucketsToRead(meta, query).slice(0, Math.ceil(LIMITS.subtaskPageSize / BUCKET_SIZE) + 1);
  const reportQuery = { ...retries, buckets: [...new Set([...(retries.buckets ?? []), ...recordBuckets])] };
  const reportBuckets = attempts ? reportBucketsToRead(attempts, reportQuery) : [];
  const values = await stateOf(id, {
    [RUN_WORKFLOW]: recordBuckets.map(bucketStateKey),
    [RUN_ATTEMPTS_OBJECT]: reportBuckets.map(attemptsBucketKey),
  });
  const changes = await changesOf(meta, query, async (b) => (values.get(`${RUN_WORKFLOW}/${bucketStateKey(b)}`) as SubtaskRecord[] | undefined) ?? null);
  // Reports only for the buckets of the records on this page, and those that changed.
  const onPage = new Set(changes.subtasks.map((r) => Math.floor(r.index / BUCKET_SIZE)));
  const retryChanges = await retryChangesOf(attempts, { ...retries, buckets: [...onPage, ...(retries.buckets ?? [])] }, async (b) =>
    (values.get(`${RUN_ATTEMPTS_OBJECT}/${attemptsBucketKey(b)}`) as Record<number, RetryReport> | undefined) ?? null,
  );
  return { changes, retries: retryChanges };
}
