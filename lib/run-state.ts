// The run's durable state, as the workflow writes it and every reader reads
// it: the workflow's own query handlers, and the API when it has to read the
// state from Restate's storage directly (the services are down, so queries
// cannot run). One layout, one way to turn it into answers.
import { BUCKET_SIZE, bucketsChangedSince } from "./ledger";
import { LIMITS } from "./limits";
import type { ErrorGroupsSummary } from "./error-groups";
import type { RunSummary, SubtaskChanges } from "./answers";
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
 * row took seconds a page.
 */
export async function changesOf(
  meta: RunMeta,
  query: SubtaskQuery | undefined,
  readBuckets: (buckets: number[]) => Promise<(SubtaskRecord[] | null)[]>,
): Promise<SubtaskChanges> {
  // A page fills after pageSize / BUCKET_SIZE full buckets; one more tells whether there is a next page.
  const wanted = bucketsToRead(meta, query);
  const buckets = wanted.slice(0, Math.ceil(LIMITS.subtaskPageSize / BUCKET_SIZE) + 1);
  const contents = buckets.length > 0 ? await readBuckets(buckets) : [];
  const subtasks: SubtaskRecord[] = [];
  let next: number | null = null;
  for (const records of contents) {
    if (subtasks.length >= LIMITS.subtaskPageSize) {
      next = subtasks[subtasks.length - 1].index + 1;
      break;
    }
    subtasks.push(...(records ?? []));
  }
  // Buckets short of their size (only a run's last one is) could leave some unread: the next page has them.
  if (next === null && buckets.length < wanted.length && subtasks.length > 0)
    next = subtasks[subtasks.length - 1].index + 1;
  return { version: meta.version, total: meta.total, subtasks, next };
}
