import type { SubtaskOutcome, SubtaskRecord } from "./records";
import { emptyCounts, isSubtaskFinished, type StatusCounts, type SubtaskStatus } from "./status";

/**
 * Subtask records are stored in buckets of this many, one Restate state key
 * each: a status change rewrites one small bucket, not the whole run, and a
 * poll reads only the buckets that changed since its cursor.
 */
export const BUCKET_SIZE = 50;

/**
 * The version of a ledger's first commit, the split's, which writes every
 * bucket with only pending records. A bucket still at it has not changed
 * since: all its subtasks are pending, as the split wrote them.
 */
export const SPLIT_VERSION = 1;

// The workflow itself never records "retrying": that comes from live retry
// reports laid over its records (lib/retry-report.ts).
const ALLOWED: Record<SubtaskStatus, readonly SubtaskStatus[]> = {
  pending: ["running", "cancelled"],
  running: ["retrying", "succeeded", "failed", "cancelled"],
  retrying: ["running", "succeeded", "failed", "cancelled"],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: SubtaskStatus, to: SubtaskStatus): boolean {
  return ALLOWED[from].includes(to);
}

export interface LedgerCommit {
  version: number;
  /** Buckets to write: [bucket number, its records]. */
  buckets: Array<[number, SubtaskRecord[]]>;
}

/**
 * The workflow's in-memory book of subtask statuses. It is pure (no Restate
 * calls) so it can be unit-tested; the workflow decides when to `commit` and
 * writes what the commit returns to durable state.
 */
export class RunLedger {
  readonly records: SubtaskRecord[];
  readonly counts: StatusCounts;
  readonly bucketVersions: number[];
  version = 0;
  private readonly dirty = new Set<number>();
  /** Status changes since the last commit. */
  uncommitted = 0;
  /** Finished subtasks whose finish time the next commit stamps. */
  private readonly unstamped: number[] = [];

  constructor(descriptions: readonly string[]) {
    this.records = descriptions.map((description, index) => ({ index, description, status: "pending" }));
    this.counts = emptyCounts();
    this.counts.pending = descriptions.length;
    this.bucketVersions = new Array(Math.ceil(descriptions.length / BUCKET_SIZE)).fill(0);
    for (let b = 0; b < this.bucketVersions.length; b++) this.dirty.add(b);
  }

  get total(): number {
    return this.records.length;
  }

  get done(): number {
    return this.counts.succeeded + this.counts.failed + this.counts.cancelled;
  }

  markRunning(index: number, at: number): void {
    this.transition(index, "running", { dispatchedAt: at });
  }

  /** Records an outcome; one without a finish time gets the time of the next commit. */
  markFinished(index: number, outcome: SubtaskOutcome): void {
    if (outcome.finishedAt === undefined) this.unstamped.push(index);
    this.transition(index, outcome.status, {
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      result: outcome.result,
      error: outcome.error,
      attempts: outcome.attempts,
      invocationId: outcome.invocationId,
    });
  }

  /** Records a cancellation; one without a time gets the time of the next commit. */
  markCancelled(index: number, at?: number): void {
    if (at === undefined) this.unstamped.push(index);
    this.transition(index, "cancelled", { finishedAt: at });
  }

  /** Indexes of subtasks never dispatched. */
  pending(): number[] {
    return this.records.filter((r) => r.status === "pending").map((r) => r.index);
  }

  /** Indexes of subtasks not yet in a final state. */
  unfinished(): number[] {
    return this.records.filter((r) => !isSubtaskFinished(r.status)).map((r) => r.index);
  }

  hasChanges(): boolean {
    return this.dirty.size > 0;
  }

  /** Some record waits for the next commit's clock reading for its finish time. */
  needsClock(): boolean {
    return this.unstamped.length > 0;
  }

  /**
   * Bumps the version and hands back the buckets to persist. `now` (a
   * journaled clock reading) is the finish time of the subtasks recorded
   * without one since the last commit: at most one status flush late.
   */
  commit(now: number): LedgerCommit {
    for (const index of this.unstamped.splice(0)) {
      const record = this.records[index];
      this.records[index] = { ...record, finishedAt: Math.max(now, record.startedAt ?? record.dispatchedAt ?? now) };
    }
    this.version += 1;
    const buckets: Array<[number, SubtaskRecord[]]> = [];
    for (const b of [...this.dirty].sort((x, y) => x - y)) {
      this.bucketVersions[b] = this.version;
      buckets.push([b, this.records.slice(b * BUCKET_SIZE, (b + 1) * BUCKET_SIZE)]);
    }
    this.dirty.clear();
    this.uncommitted = 0;
    return { version: this.version, buckets };
  }

  private transition(index: number, to: SubtaskStatus, fields: Partial<SubtaskRecord>): void {
    const record = this.records[index];
    if (!record) throw new Error(`No subtask ${index} in a run of ${this.records.length}`);
    if (!canTransition(record.status, to)) {
      throw new Error(`Subtask ${index} cannot go from ${record.status} to ${to}`);
    }
    this.counts[record.status] -= 1;
    this.counts[to] += 1;
    const updated: SubtaskRecord = { ...record, ...fields, status: to };
    for (const key of Object.keys(updated) as (keyof SubtaskRecord)[]) {
      if (updated[key] === undefined) delete updated[key];
    }
    this.records[index] = updated;
    this.dirty.add(Math.floor(index / BUCKET_SIZE));
    this.uncommitted += 1;
  }
}

/** Buckets whose records changed after `since`, in index order, starting at the bucket holding subtask `from`. */
export function bucketsChangedSince(bucketVersions: readonly number[], since: number, from = 0): number[] {
  const changed: number[] = [];
  for (let b = Math.floor(from / BUCKET_SIZE); b < bucketVersions.length; b++) {
    if (bucketVersions[b] > since) changed.push(b);
  }
  return changed;
}
