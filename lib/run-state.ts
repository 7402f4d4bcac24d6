// The run's durable state, as the workflow writes it and every reader reads
// it: the workflow's own query handlers, and the API when it has to read the
// state from Restate's storage directly (the services are down, so queries
// cannot run). One layout, one way to turn it into answers.
import { BUCKET_SIZE, bucketsChangedSince, SPLIT_VERSION } from "./ledger";
import { LIMITS } from "./limits";
import type { ErrorGroupsSummary } from "./error-groups";
import type { PendingRange, RunSummary, SubtaskChanges } from "./answers";
import type { SubtaskRecord } from "./records";

/** What `run` keeps in the `meta` state key: the summary less what readers derive or the index holds. */
export interface RunMeta extends Omit<RunSummary, "done" | "aggregate" | "reruns" | "problems"> {
  bucketVersions: number[];
}

export interface SubtaskQuery {
  /** Only subtasks whose bucket changed after this version (0: everything). */
  since?: number;
  /** Continue a paged answer from this subtask index. */
  from?: number;
  /** …and every record in these buckets, whatever their version. */
  buckets?: number[];
  /**
   * Send buckets unchanged since the split (not among `buckets`) as index
   * ranges, unread: a first load of a big run then costs what has happened
   * so far, not its size.
   */
  pendingRanges?: boolean;
}

const NO_GROUPS: ErrorGroupsSummary = { groups: [], rest: { groups: 0, count: 0 } };

export function summaryOf(meta: RunMeta, aggregate: unknown, errorGroups: ErrorGroupsSummary | null): RunSummary {
  const { bucketVersions: _, ...rest } = meta;
  const done = meta.counts.succeeded + meta.counts.failed + meta.counts.cancelled;
  const groups = errorGroups ?? NO_GROUPS;
  // Re-runs are started after this run may have finished, when it can no
  // longer write: the runs index holds them, and the API fills them in, with
  // Restate's own view (problems).
  return {
    ...rest,
    done,
    aggregate: aggregate ?? null,
    reruns: [],
    problems: [],
    errorGroups: groups.groups,
    errorGroupsRest: groups.rest,
  };
}

/** The buckets a query needs, in order: those changed after `since` and those asked for, from the bucket holding subtask `from`. */
export function bucketsToRead(meta: RunMeta, query: SubtaskQuery | undefined): number[] {
  const first = Math.floor((query?.from ?? 0) / BUCKET_SIZE);
  const changed = bucketsChangedSince(meta.bucketVersions, query?.since ?? 0, query?.from ?? 0);
  const asked = (query?.buckets ?? []).filter((b) => b >= first && b < meta.bucketVersions.length);
  return asked.length === 0 ? changed : [...new Set([...changed, ...asked])].sort((a, b) => a - b);
}

/**
 * A page of changed records, at most a page's worth; `next` continues it.
 * The buckets a page can hold are asked for in one call (`readBuckets`), not
 * one after another: in a query handler each read is a round trip to
 * Restate, and mid-run, behind the run's own subtasks, forty of them in a
 * row took seconds a page. Buckets sent as pending ranges are not read and
 * do not count towards the page.
 */
export async function changesOf(
  meta: RunMeta,
  query: SubtaskQuery | undefined,
  readBuckets: (buckets: number[]) => Promise<(SubtaskRecord[] | null)[]>,
): Promise<SubtaskChanges> {
  const asked = new Set(query?.buckets ?? []);
  const untouched = (b: number) =>
    query?.pendingRanges === true && meta.bucketVersions[b] === SPLIT_VERSION && !asked.has(b);
  const budget = Math.ceil(LIMITS.subtaskPageSize / BUCKET_SIZE);
  const toRead: number[] = [];
  const pending: PendingRange[] = [];
  let next: number | null = null;
  for (const b of bucketsToRead(meta, query)) {
    if (untouched(b)) {
      const [from, to] = [b * BUCKET_SIZE, Math.min((b + 1) * BUCKET_SIZE, meta.total)];
      const last = pending[pending.length - 1];
      if (last && last[1] === from) last[1] = to;
      else pending.push([from, to]);
    } else if (toRead.length < budget) {
      toRead.push(b);
    } else {
      next = b * BUCKET_SIZE;
      break;
    }
  }
  const contents = toRead.length > 0 ? await readBuckets(toRead) : [];
  const subtasks = contents.flatMap((records) => records ?? []);
  return {
    version: meta.version,
    total: meta.total,
    subtasks,
    next,
    ...(query?.pendingRanges ? { pending } : {}),
  };
}
