// The run's durable state as the workflow's `run` handler writes it: the
// `meta` key, the records and inputs by bucket, the error groups, the
// aggregate promise, and the run's entry in the runs index. Only `run`
// writes; restate/run-queries.ts reads the same keys (lib/run-state.ts).
import type * as restate from "@restatedev/restate-sdk";
import type { FinishedSubtask, SubtaskSpec, TaskKind } from "@/lib/kinds";
import { runLabel } from "@/lib/label";
import { BUCKET_SIZE, RunLedger } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { ErrorGroupTally } from "@/lib/error-groups";
import { AGGREGATE_PROMISE, bucketStateKey, inputBucketStateKey, STATE_ERROR_GROUPS, STATE_META } from "@/lib/names";
import type { RunInput } from "@/lib/run-input";
import type { RunMeta } from "@/lib/run-state";
import type { RunIndexEntry } from "@/lib/records";
import { emptyCounts, type RunStatus } from "@/lib/status";
import { runIndex } from "./run-index";

/** The run's entry in the runs list, as the run itself reports it. */
export function indexEntry(meta: RunMeta, status: RunStatus, finishedAt: number | null): RunIndexEntry {
  const { id, kind, label, createdAt, rerunOf } = meta;
  return { id, kind, label, createdAt, status, finishedAt, rerunOf, reruns: [] };
}

function bucketsOf<T>(items: readonly T[]): T[][] {
  const buckets: T[][] = [];
  for (let i = 0; i < items.length; i += BUCKET_SIZE) buckets.push(items.slice(i, i + BUCKET_SIZE));
  return buckets;
}

export class RunWriter {
  readonly meta: RunMeta;
  ledger = new RunLedger([]);
  private readonly errorGroups = new ErrorGroupTally();
  private listed = false;
  private aggregated = false;

  /** Visible as "splitting" at once, so the run exists for queries before its split step. */
  constructor(
    private readonly ctx: restate.WorkflowContext,
    private readonly kind: TaskKind,
    input: RunInput,
    createdAt: number,
  ) {
    this.meta = {
      id: ctx.key,
      kind: kind.name,
      label: "",
      status: "splitting",
      total: 0,
      counts: emptyCounts(),
      concurrency: input.concurrency ?? LIMITS.defaultConcurrency,
      retry: input.retry,
      onFailure: input.onFailure ?? "continue",
      createdAt,
      finishedAt: null,
      error: null,
      version: 0,
      rerunOf: input.rerun?.of ?? null,
      fingerprint: input.fingerprint ?? null,
      kindContext: (input.rerun ? input.kindContext : kind.context?.(input.task)) ?? null,
      tolerance: input.tolerance ?? null,
      bucketVersions: [],
    };
    ctx.set(STATE_META, this.meta);
  }

  /** The subtasks are known: their inputs are stored, the run is listed, every lane shows pending. */
  split(specs: SubtaskSpec[]): void {
    bucketsOf(specs.map((s) => s.input)).forEach((inputs, b) => this.ctx.set(inputBucketStateKey(b), inputs));
    this.ledger = new RunLedger(specs.map((s) => s.description));
    Object.assign(this.meta, {
      label: runLabel(specs.map((s) => s.description)),
      status: "running",
      total: specs.length,
      counts: this.ledger.counts,
      bucketVersions: this.ledger.bucketVersions,
    });
    this.list();
    this.persist(this.meta.createdAt);
  }

  /** Writes the buckets whose records changed, the error groups if they did, and the meta. */
  readonly persist = (now: number, status: RunStatus = this.meta.status): void => {
    const commit = this.ledger.commit(now);
    let groupsChanged = false;
    for (const [bucket, records] of commit.buckets) {
      this.ctx.set(bucketStateKey(bucket), records);
      groupsChanged = this.errorGroups.add(records) || groupsChanged;
    }
    if (groupsChanged) this.ctx.set(STATE_ERROR_GROUPS, this.errorGroups.summary());
    this.meta.status = status;
    this.meta.version = commit.version;
    this.ctx.set(STATE_META, this.meta);
  };

  /** The aggregate of what finished (a cancelled or failed run still shows its partial result), resolved once. */
  async aggregate(): Promise<unknown> {
    const finished: FinishedSubtask[] = this.ledger.records.map((r) => ({
      description: r.description,
      status: r.status as FinishedSubtask["status"],
      result: r.result,
      error: r.error,
    }));
    const aggregate = this.kind.aggregate(finished);
    if (!this.aggregated) {
      this.aggregated = true;
      await this.ctx.promise(AGGREGATE_PROMISE).resolve(aggregate);
      this.ctx.console.info(`Aggregated result: ${this.kind.describeAggregate(aggregate)}`);
    }
    return aggregate;
  }

  async finish(status: RunStatus, error: string | null): Promise<void> {
    this.meta.finishedAt = await this.ctx.date.now();
    this.meta.error = error;
    this.persist(this.meta.finishedAt, status);
    this.list();
    this.index().finished({ id: this.meta.id, status, finishedAt: this.meta.finishedAt });
  }

  /** A cancel: what had not finished is cancelled, the rest kept, and the run recorded as cancelled. */
  async cancel(): Promise<void> {
    for (const i of this.ledger.unfinished()) this.ledger.markCancelled(i);
    await this.aggregate();
    const finished = this.ledger.done - this.ledger.counts.cancelled;
    await this.finish("cancelled", `Cancelled with ${finished} of ${this.ledger.total} subtasks finished`);
  }

  private index() {
    return this.ctx.objectSendClient(runIndex, this.meta.id);
  }

  private list(): void {
    if (this.listed) return;
    this.listed = true;
    this.index().add(indexEntry(this.meta, "running", null));
  }
}
