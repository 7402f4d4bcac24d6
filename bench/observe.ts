// Watches a run in flight the way the dashboard does: the summary every
// ~100 ms (through the ingress `summary` query and through GET /api/runs/<id>),
// and the `since` delta of subtasks, to see how soon a finished subtask shows.
import type { BenchStack } from "./stack";
import { percentile, round, sleep } from "./stats";

interface Sample {
  /** Epoch ms when the answer arrived. */
  at: number;
  latencyMs: number;
  done: number;
  total: number;
  status: string;
}

export interface ProgressReport {
  polls: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  distinctProgressValues: number;
  /** Longest time between two changes of `done`, from the first change until done = total. */
  maxProgressGapMs: number;
  /** From submit to the first answer with done > 0. */
  firstProgressMs: number | null;
  errors: number;
}

export interface VisibilityReport {
  /** Subtasks whose finish was seen through the delta poll (every one finishing after polling began). */
  sampled: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The largest delay that is certain (a poll that started after the finish did not show it yet). */
  lowerBoundMaxMs: number;
  polls: number;
}

const POLL_EVERY_MS = 100;

interface SummaryAnswer {
  done: number;
  total: number;
  status: string;
  version: number;
}

interface DeltaPage {
  version: string;
  subtasks: { index: number; finishedAt?: number; invocationId?: string }[];
  next: number | null;
}

/** How the bench reads a run: through the API when the dashboard runs (as a page does), else the same queries on the ingress. */
function runReader(stack: BenchStack, id: string) {
  const web = stack.webUrl;
  const path = `${web}/api/runs/${encodeURIComponent(id)}`;
  const ingressSummary = async (): Promise<SummaryAnswer | null> => stack.run(id).summary();
  const apiSummary = web
    ? async (): Promise<SummaryAnswer | null> => {
        const response = await fetch(path);
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }
    : null;
  return {
    via: web ? ("api" as const) : ("ingress" as const),
    ingressSummary,
    apiSummary,
    summary: apiSummary ?? ingressSummary,
    async delta(since: string, from: number): Promise<DeltaPage> {
      if (web) {
        const response = await fetch(`${path}/subtasks?since=${encodeURIComponent(since)}&from=${from}&pending=ranges`);
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }
      // The ingress query knows only the records' version ("<version>" of the API's "<version>.<reports>").
      const changes = await stack.run(id).subtasks({ since: Number(since.split(".")[0]), from, pendingRanges: true });
      if (!changes) throw new Error("no run yet");
      return { ...changes, version: String(changes.version) };
    },
  };
}

/** Calls `poll` every ~100 ms (never two at once) until `stop` is set. */
async function loop(stopped: () => boolean, poll: () => Promise<void>): Promise<void> {
  while (!stopped()) {
    const started = performance.now();
    await poll();
    await sleep(Math.max(0, POLL_EVERY_MS - (performance.now() - started)));
  }
}

const sampleOf = (s: SummaryAnswer, started: number): Sample => ({
  at: Date.now(),
  latencyMs: performance.now() - started,
  done: s.done,
  total: s.total,
  status: s.status,
});

export function progressReport(samples: Sample[], submittedAt: number, errors: number): ProgressReport {
  const latencies = samples.map((s) => s.latencyMs);
  const changes: number[] = [];
  let last = -1;
  for (const s of samples) {
    if (s.done !== last) {
      if (last !== -1 || s.done > 0) changes.push(s.at);
      last = s.done;
    }
  }
  let maxGap = 0;
  for (let i = 1; i < changes.length; i++) maxGap = Math.max(maxGap, changes[i] - changes[i - 1]);
  const first = samples.find((s) => s.done > 0);
  return {
    polls: samples.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(Math.max(0, ...latencies)),
    distinctProgressValues: new Set(samples.map((s) => s.done)).size,
    maxProgressGapMs: round(maxGap),
    firstProgressMs: first ? first.at - submittedAt : null,
    errors,
  };
}

/** Polls a summary source until the run is finished (done = total and status final) or `stop` is called. */
function pollSummary(fetchSummary: () => Promise<SummaryAnswer | null>) {
  const samples: Sample[] = [];
  let errors = 0;
  let stopped = false;
  const running = loop(
    () => stopped,
    async () => {
      const started = performance.now();
      try {
        const summary = await fetchSummary();
        if (summary) samples.push(sampleOf(summary, started));
      } catch {
        errors++;
      }
    },
  );
  return {
    async stop(submittedAt: number): Promise<ProgressReport> {
      stopped = true;
      await running;
      return progressReport(samples, submittedAt, errors);
    },
  };
}

/**
 * Follows `since` deltas from the version the summary shows once the first
 * subtasks finished (so the poller never pays for a full download, which a
 * dashboard does once, not per change). For each subtask first seen finished
 * in the poll that started at s(k) and answered at r(k): it was visible by
 * r(k), and not yet at s(k-1) if it had finished by then. The report gives
 * the upper bound r(k) − finishedAt (it includes up to one poll interval and
 * the poll's own duration) and, as `lowerBoundMaxMs`, the largest s(k-1) − finishedAt.
 */
function pollVisibility(
  startCursor: () => Promise<string | null>,
  fetchDelta: (since: string, from: number) => Promise<DeltaPage>,
) {
  const seen = new Set<number>();
  /** When each subtask was first seen finished, with its invocation, for `finishedToVisible`. */
  const firstSeen: { invocationId: string; seenAt: number }[] = [];
  const delays: number[] = [];
  let lowerBoundMax = 0;
  let cursor: string | null = null;
  let previousStart = 0;
  let polls = 0;
  let stopped = false;
  const running = loop(
    () => stopped,
    async () => {
      try {
        if (cursor === null) {
          cursor = await startCursor();
          previousStart = Date.now();
          return;
        }
        const started = Date.now();
        const first = await fetchDelta(cursor, 0);
        const records = [...first.subtasks];
        for (let next = first.next; next !== null;) {
          const page = await fetchDelta(cursor, next);
          records.push(...page.subtasks);
          next = page.next;
        }
        const now = Date.now();
        polls++;
        for (const r of records) {
          if (r.finishedAt === undefined || seen.has(r.index)) continue;
          seen.add(r.index);
          delays.push(now - r.finishedAt);
          if (r.invocationId) firstSeen.push({ invocationId: r.invocationId, seenAt: now });
          lowerBoundMax = Math.max(lowerBoundMax, previousStart - r.finishedAt);
        }
        cursor = first.version;
        previousStart = started;
      } catch {
        // A failed poll just waits for the next one.
      }
    },
  );
  return {
    async stop(): Promise<VisibilityReport> {
      stopped = true;
      await running;
      return {
        sampled: delays.length,
        p50Ms: round(percentile(delays, 50)),
        p99Ms: round(percentile(delays, 99)),
        maxMs: round(Math.max(0, ...delays)),
        lowerBoundMaxMs: round(lowerBoundMax),
        polls,
      };
    },
    firstSeen,
  };
}

export interface FinishedToVisible {
  sampled: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * A record's finishedAt is the workflow's clock at the status write that
 * recorded it, not the subtask's real end. The real end is Restate's
 * `completed_at` of the subtask's invocation: for every 25th subtask seen,
 * seen − completed_at (an upper bound: it includes up to one poll interval).
 */
async function finishedToVisible(
  stack: BenchStack,
  firstSeen: { invocationId: string; seenAt: number }[],
): Promise<FinishedToVisible | null> {
  const sample = firstSeen.filter((_, i) => i % 25 === 0);
  if (sample.length === 0) return null;
  const delays: number[] = [];
  for (let i = 0; i < sample.length; i += 100) {
    const chunk = sample.slice(i, i + 100);
    const rows = await stack.sql<{ id: string; completed_at: string | number | null }>(
      `SELECT id, completed_at FROM sys_invocation WHERE id IN (${chunk.map((c) => `'${c.invocationId}'`).join(",")})`,
    );
    const completed = new Map(
      rows.map((r) => [r.id, r.completed_at === null ? NaN : new Date(r.completed_at).getTime()]),
    );
    for (const c of chunk) {
      const at = completed.get(c.invocationId);
      if (at !== undefined && Number.isFinite(at)) delays.push(c.seenAt - at);
    }
  }
  return {
    sampled: delays.length,
    p50Ms: round(percentile(delays, 50)),
    p99Ms: round(percentile(delays, 99)),
    maxMs: round(Math.max(0, ...delays)),
  };
}

export interface ObservedRun {
  ingressSummary: ProgressReport;
  apiSummary: ProgressReport | null;
  /** Status write (the record's finishedAt) to visible: through the API when the dashboard runs, else the ingress `subtasks` query. */
  visibility: VisibilityReport & { via: "api" | "ingress" };
  /** The subtask's real end (Restate's completed_at) to visible, for a sample. */
  finishedToVisible: FinishedToVisible | null;
}

/** Starts every poller for run `id`; `finish` stops them once the run has ended. */
export function observeRun(stack: BenchStack, id: string) {
  const reader = runReader(stack, id);
  const ingressSummary = pollSummary(reader.ingressSummary);
  const apiSummary = reader.apiSummary ? pollSummary(reader.apiSummary) : null;
  const visibility = pollVisibility(async () => {
    const summary = await reader.summary();
    // The records cursor alone ("<version>"): retry reports start from 0, and a noop run has none.
    return summary && summary.done > 0 ? String(summary.version) : null;
  }, reader.delta);
  return {
    async finish(submittedAt: number): Promise<ObservedRun> {
      // One last round after the end, so the final progress change is in the samples.
      await sleep(300);
      return {
        ingressSummary: await ingressSummary.stop(submittedAt),
        apiSummary: apiSummary ? await apiSummary.stop(submittedAt) : null,
        visibility: { ...(await visibility.stop()), via: reader.via },
        finishedToVisible: await finishedToVisible(stack, visibility.firstSeen).catch((error) => {
          console.error(`bench: completed_at lookup failed: ${(error as Error).message}`);
          return null;
        }),
      };
    },
  };
}

/**
 * A run page left open, as a user's would be: once a second the summary and
 * the subtask delta since the last answer (every `next` page; the first load
 * with pending ranges, as the page asks for it), through the API
 * when the dashboard runs, else through the same queries on the ingress. The
 * timed runs carry one, so their cost includes being watched.
 */
export function openRunPage(stack: BenchStack, id: string, submittedAt: number): { close(): Promise<ProgressReport> } {
  const reader = runReader(stack, id);
  let closed = false;
  let errors = 0;
  let cursor = "0";
  const samples: Sample[] = [];
  const running = (async () => {
    while (!closed) {
      const started = performance.now();
      try {
        const s = await reader.summary();
        if (s) samples.push(sampleOf(s, started));
        const first = await reader.delta(cursor, 0);
        for (let next = first.next; next !== null && !closed;) next = (await reader.delta(cursor, next)).next;
        cursor = first.version;
      } catch {
        errors++;
      }
      const wait = 1000 - (performance.now() - started);
      for (let left = wait; left > 0 && !closed; left -= 50) await sleep(Math.min(50, left));
    }
  })();
  return {
    async close() {
      closed = true;
      await running;
      return progressReport(samples, submittedAt, errors);
    },
  };
}
