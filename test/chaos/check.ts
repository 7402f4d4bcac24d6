import { RUN_INDEX_OBJECT } from "@/lib/names";
import { isDeepStrictEqual } from "node:util";
import { expectedAggregate, expectedResult, expectedWithAttempts, type Outcome, type PlannedRun } from "./plan";
import { dump, runInvocation, subtaskInvocations, unfinishedInvocations, workerRun, type Sql } from "./restate-view";

/** A run as the soak knows it: what it planned, and what the API and Restate said along the way. */
export interface Submitted {
  id: string | null;
  plan: PlannedRun;
  /** The cancel request's answer: 202 accepted, 409 already finished, null not sent or no answer. */
  cancel: number | null;
  /** For a worker run: its idempotency key and the answer it got. */
  worker?: { key: string; answer: unknown };
  rerunOf?: string;
}

export interface Problem {
  runId: string | null;
  subtask?: number;
  what: string;
  /** Restate's view, filled in when the problem is printed. */
  invocationId?: string | null;
}

export interface Verdict {
  runs: number;
  reruns: number;
  subtasks: number;
  lost: number;
  doubled: number;
  stuck: number;
  /** Accepted runs without a final state (each also has its stuck invocation). */
  unfinished: number;
  /** Runs re-run more than once: a re-run request resent after its answer was lost makes a second one. */
  rerunTwice: number;
  problems: Problem[];
}

type Get = <T>(path: string) => Promise<T>;

interface Record {
  index: number;
  description: string;
  status: string;
  result?: unknown;
  invocationId?: string;
}

interface Summary {
  status: string;
  total: number;
  done: number;
  counts: { [status: string]: number };
  aggregate: unknown;
  rerunOf: string | null;
  reruns: string[];
}

async function allRecords(get: Get, id: string): Promise<Record[]> {
  const records: Record[] = [];
  for (let from: number | null = 0; from !== null;) {
    const page: { subtasks: Record[]; next: number | null } = await get(
      `/api/runs/${id}/subtasks?since=0&from=${from}`,
    );
    records.push(...page.subtasks);
    from = page.next;
  }
  return records.sort((a, b) => a.index - b.index);
}

/**
 * Verifies every submitted run against its plan and against Restate's own
 * tables; re-runs found on the way are checked too, as runs of the failures
 * they were made from.
 */
export async function verify(submitted: Submitted[], get: Get, sql: Sql): Promise<Verdict> {
  const verdict: Verdict = {
    runs: 0,
    reruns: 0,
    subtasks: 0,
    lost: 0,
    doubled: 0,
    stuck: 0,
    unfinished: 0,
    rerunTwice: 0,
    problems: [],
  };
  const problem = (p: Problem) => verdict.problems.push(p);
  const expectedIds = new Map<string, string>();
  const queue = [...submitted];

  for (const worker of submitted.filter((s) => s.worker)) {
    const { worker: calls, runIds } = await workerRun(sql, worker.worker!.key);
    if (calls.length !== 1 || runIds.length !== 1) {
      problem({
        runId: null,
        what: `worker/run with idempotency key ${worker.worker!.key}: ${calls.length} invocations, ${runIds.length} runs (want 1 and 1)`,
        invocationId: calls[0]?.id,
      });
      if (runIds.length === 0) verdict.lost += 1;
      else verdict.doubled += runIds.length - 1;
    }
    worker.id = runIds[0] ?? null;
  }

  while (queue.length > 0) {
    const run = queue.shift()!;
    if (!run.id) continue;
    const id = run.id;
    verdict.runs += 1;
    if (run.rerunOf) verdict.reruns += 1;
    const summary = await get<Summary | null>(`/api/runs/${id}`).catch(() => null);
    const invocation = await runInvocation(sql, id);
    if (!summary || !invocation) {
      verdict.lost += 1;
      problem({
        runId: id,
        what: `accepted but ${summary ? "" : "no summary"}${!summary && !invocation ? ", " : ""}${invocation ? "" : "no run invocation in Restate"}`,
        invocationId: invocation?.id,
      });
      continue;
    }
    const status = summary.status;
    expectedIds.set(id, status);
    if (!["succeeded", "failed", "cancelled"].includes(status)) {
      verdict.unfinished += 1;
      problem({
        runId: id,
        what: `not finished: ${status}, ${summary.done} of ${summary.total} done`,
        invocationId: invocation.id,
      });
      continue;
    }
    const records = await allRecords(get, id);
    const plan = run.plan;
    verdict.subtasks += records.length;
    if (records.length !== plan.subtasks.length || summary.total !== plan.subtasks.length) {
      problem({
        runId: id,
        what: `${records.length} records, total ${summary.total}; submitted ${plan.subtasks.length} subtasks`,
        invocationId: invocation.id,
      });
      continue;
    }
    const cancelMayApply =
      run.cancel !== 409 && run.cancel !== null ? true : run.cancel === null && plan.cancelAfterMs !== null;
    const outcomes: Outcome[] = [];
    records.forEach((record, i) => {
      const planned = plan.subtasks[i];
      const matches =
        plan.kind === "word-count"
          ? record.description.startsWith(planned.description)
          : record.description === planned.description;
      if (record.index !== i || !matches)
        problem({
          runId: id,
          subtask: i,
          what: `record ${record.index} "${record.description}" where "${planned.description}" was submitted`,
        });
      const outcome = record.status as Outcome;
      outcomes.push(outcome);
      if (outcome === "cancelled") {
        if (!cancelMayApply && !plan.failFast)
          problem({ runId: id, subtask: i, what: "cancelled, but nothing cancelled this run" });
      } else if (outcome !== planned.expected) {
        problem({
          runId: id,
          subtask: i,
          what: `${outcome}, but its input means ${planned.expected} (max attempts ${plan.maxAttempts})`,
          invocationId: record.invocationId,
        });
      } else if (
        outcome === "succeeded" &&
        !isDeepStrictEqual(record.result, expectedResult(plan.kind, planned.words))
      ) {
        problem({
          runId: id,
          subtask: i,
          what: `result ${JSON.stringify(record.result)?.slice(0, 200)} is not what its input gives`,
          invocationId: record.invocationId,
        });
      }
    });

    const anyFailed = outcomes.includes("failed");
    const anyCancelled = outcomes.includes("cancelled");
    const statusOk =
      status === "cancelled"
        ? cancelMayApply
        : anyCancelled
          ? plan.failFast && anyFailed && status === "failed"
          : status === (anyFailed ? "failed" : "succeeded");
    if (!statusOk) {
      problem({
        runId: id,
        what: `status ${status} with subtasks ${JSON.stringify(count(outcomes))}${cancelMayApply ? ", cancel sent" : ""}${plan.failFast ? ", fail-fast" : ""}`,
        invocationId: invocation.id,
      });
    }
    const aggregate = expectedAggregate(
      plan.kind,
      records.map((r, i) => ({ description: r.description, words: plan.subtasks[i].words, outcome: outcomes[i] })),
    );
    if (!isDeepStrictEqual(summary.aggregate, aggregate)) {
      problem({
        runId: id,
        what: `aggregate ${JSON.stringify(summary.aggregate)?.slice(0, 300)}; its subtasks give ${JSON.stringify(aggregate).slice(0, 300)}`,
        invocationId: invocation.id,
      });
    }
    if (run.worker && run.worker.answer !== undefined && !isDeepStrictEqual(run.worker.answer, summary.aggregate)) {
      problem({
        runId: id,
        what: `worker/run answered ${JSON.stringify(run.worker.answer).slice(0, 300)}, the run's aggregate is ${JSON.stringify(summary.aggregate).slice(0, 300)}`,
      });
    }
    const counted = count(outcomes);
    for (const s of ["succeeded", "failed", "cancelled"]) {
      if ((summary.counts[s] ?? 0) !== (counted[s] ?? 0))
        problem({ runId: id, what: `counts.${s} = ${summary.counts[s]}, records say ${counted[s] ?? 0}` });
    }

    // Restate's view: each finished subtask is one completed invocation of this run, and no invocation finished twice.
    const invocations = new Map((await subtaskInvocations(sql, invocation.id)).map((row) => [row.id, row]));
    const used = new Set<string>();
    records.forEach((record, i) => {
      if (record.status === "cancelled") {
        if (record.invocationId) used.add(record.invocationId);
        return;
      }
      const row = record.invocationId ? invocations.get(record.invocationId) : undefined;
      if (!row || row.status !== "completed" || row.completion_result !== "success" || used.has(row.id)) {
        verdict.lost += row ? 0 : 1;
        problem({
          runId: id,
          subtask: i,
          what: `${record.status}, but Restate has ${row ? `its invocation ${row.status}/${row.completion_result}${used.has(row.id) ? ", shared with another subtask" : ""}` : "no invocation of it for this run"}`,
          invocationId: record.invocationId ?? invocation.id,
        });
      }
      if (row) used.add(row.id);
    });
    for (const row of invocations.values()) {
      if (used.has(row.id)) continue;
      // A subtask cancelled in flight may not have reported its invocation; one that completed successfully always has.
      if (row.completion_result === "success" || !(anyCancelled || cancelMayApply)) {
        verdict.doubled += 1;
        problem({
          runId: id,
          what: `subtask invocation ${row.id} (${row.status}/${row.completion_result}) belongs to no subtask: a second execution`,
          invocationId: row.id,
        });
      }
    }

    if (run.rerunOf && summary.rerunOf !== run.rerunOf)
      problem({ runId: id, what: `a re-run of ${run.rerunOf}, but its summary says rerunOf ${summary.rerunOf}` });
    if (summary.reruns.length > 1) verdict.rerunTwice += 1;
    for (const rerunId of summary.reruns) {
      const failed = records.filter((r) => r.status === "failed");
      const subtasks = failed.map((r) => ({
        description: r.description,
        expected: expectedWithAttempts(r.description, plan.maxAttempts),
        words: plan.subtasks[r.index].words,
      }));
      queue.push({
        id: rerunId,
        plan: { ...plan, subtasks, cancelAfterMs: null, rerun: false },
        cancel: null,
        rerunOf: id,
      });
    }
  }

  // The runs list holds exactly these runs, with the statuses their pages show.
  const listed = new Map<string, string>();
  for (let offset = 0; ;) {
    const page = await get<{ runs: Array<{ id: string; status: string }>; total: number }>(
      `/api/runs?offset=${offset}&limit=100`,
    );
    for (const r of page.runs) listed.set(r.id, r.status);
    offset += page.runs.length;
    if (page.runs.length === 0 || offset >= page.total) break;
  }
  for (const [id, status] of expectedIds) {
    if (!listed.has(id)) problem({ runId: id, what: "missing from the runs list" });
    else if (listed.get(id) !== status)
      problem({ runId: id, what: `the runs list says ${listed.get(id)}, the run says ${status}` });
  }
  for (const id of listed.keys())
    if (!expectedIds.has(id)) problem({ runId: id, what: "in the runs list but never submitted" });

  for (const row of await unfinishedInvocations(sql)) {
    // Each finished run schedules its own expiry at the retention (restate/run-index.ts): waiting by design.
    if (row.status === "scheduled" && row.target.startsWith(`${RUN_INDEX_OBJECT}/`) && row.target.endsWith("/expire"))
      continue;
    verdict.stuck += 1;
    problem({
      runId: null,
      what: `stuck: ${row.target} is ${row.status} (retries ${row.retry_count}, last failure ${row.last_failure ?? "none"})`,
      invocationId: row.id,
    });
  }
  return verdict;
}

function count(outcomes: string[]): { [status: string]: number } {
  const counts: { [status: string]: number } = {};
  for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
  return counts;
}

/** One problem with Restate's view of it, for the soak's report. */
export async function describe(problem: Problem, sql: Sql): Promise<string> {
  const head = `run ${problem.runId ?? "-"}${problem.subtask !== undefined ? ` subtask ${problem.subtask}` : ""}: ${problem.what}`;
  const view = await dump(
    sql,
    problem.invocationId ?? null,
    problem.subtask === undefined ? (problem.runId ?? undefined) : undefined,
  ).catch((e) => `  (Restate's view unavailable: ${(e as Error).message})`);
  return `${head}\n${view}`;
}
