// Compares what Fanline's API says about runs and subtasks with what Restate
// says (its sys_invocation table). Pure: the consistency test feeds it both
// views every tick and fails on any disagreement that outlives its grace.
import { needsAttention } from "@/lib/reconcile";
import type { RunSummary } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { isRunFinished } from "@/lib/status";

export interface RestateInvocation {
  id: string;
  /** "run" for a run's workflow, or a subtask. */
  kind: "run" | "subtask";
  runId: string;
  /** The subtask's index (null for the workflow). */
  index: number | null;
  status: string;
  completion_result: string | null;
  completion_failure: string | null;
  last_failure: string | null;
}

export interface ApiRun {
  summary: RunSummary;
  records: ReadonlyMap<number, SubtaskRecord>;
}

export interface Disagreement {
  /** Stable across ticks, so its age can be tracked. */
  key: string;
  runId: string;
  index: number | null;
  what: string;
  api: unknown;
  restate: unknown;
}

const FINAL = new Set(["succeeded", "failed", "cancelled"]);

/**
 * Where the API and Restate disagree. While the API lists problems for a run
 * (Restate is retrying its workflow or subtasks: the services are down, say),
 * the run page says so, and its records may lag what Restate completed until
 * the workflow runs again: record checks wait for that.
 */
export function disagreements(
  runs: ReadonlyMap<string, ApiRun>,
  invocations: readonly RestateInvocation[],
): Disagreement[] {
  const found: Disagreement[] = [];
  const byRun = new Map<string, RestateInvocation[]>();
  for (const inv of invocations) byRun.set(inv.runId, [...(byRun.get(inv.runId) ?? []), inv]);

  for (const [runId, run] of runs) {
    const mine = byRun.get(runId) ?? [];
    const workflow = mine.find((i) => i.kind === "run");
    const add = (index: number | null, what: string, api: unknown, restate: unknown) =>
      found.push({ key: `${runId}/${index ?? "run"}/${what}`, runId, index, what, api, restate });
    const apiFinished = isRunFinished(run.summary.status);
    const restateEnded = workflow?.status === "completed";
    if (restateEnded && !apiFinished)
      add(null, "Restate ended the run, the API shows it unfinished", run.summary.status, workflow);
    if (apiFinished && workflow && !restateEnded)
      add(null, "the API shows the run finished, Restate still runs it", run.summary.status, workflow);
    if (run.summary.status === "killed" && !/kill/.test(workflow?.completion_failure ?? ""))
      add(null, "the API shows killed, Restate did not kill it", run.summary.status, workflow);

    const successes = new Map<number, number>();
    const troubled = run.summary.problems.length > 0;
    for (const inv of mine.filter((i) => i.kind === "subtask" && i.index !== null)) {
      const index = inv.index!;
      const record = run.records.get(index);
      if (inv.status === "completed" && inv.completion_result === "success")
        successes.set(index, (successes.get(index) ?? 0) + 1);
      if (inv.status === "completed" && !troubled) {
        const expected = inv.completion_result === "success" ? ["succeeded", "failed"] : ["cancelled"];
        if (!record || !expected.includes(record.status))
          add(
            index,
            `Restate completed it (${inv.completion_result}), the API shows ${record?.status ?? "nothing"}`,
            record,
            inv,
          );
      } else if (inv.status !== "completed") {
        if (record && FINAL.has(record.status) && !(run.summary.status === "killed" && record.status === "cancelled")) {
          add(index, `the API shows ${record.status}, Restate still has it ${inv.status}`, record, inv);
        }
        const stuck = needsAttention(inv);
        if (stuck && !apiFinished && !run.summary.problems.some((p) => p.invocationId === inv.id)) {
          add(index, `Restate is retrying it (${inv.status}), the API lists no problem`, run.summary.problems, inv);
        }
      }
    }
    for (const [index, count] of successes)
      if (count > 1) add(index, `${count} successful subtask invocations`, null, count);
    for (const [index, record] of run.records) {
      if ((record.status === "succeeded" || record.status === "failed") && !successes.has(index)) {
        add(
          index,
          `the API shows ${record.status}, Restate has no completed invocation for it`,
          record,
          mine.filter((i) => i.index === index),
        );
      }
    }
    for (const problem of apiFinished ? [] : run.summary.problems) {
      const inv = mine.find((i) => i.id === problem.invocationId);
      if (!inv || !needsAttention(inv))
        add(problem.index, "the API lists a problem Restate does not have", problem, inv ?? null);
    }
  }
  return found;
}

/** Tracks how long each disagreement has lasted; answers those older than `graceMs`. */
export class DisagreementClock {
  private readonly since = new Map<string, number>();

  constructor(private readonly graceMs: number) {}

  observe(now: number, current: readonly Disagreement[]): Array<Disagreement & { forMs: number }> {
    const keys = new Set(current.map((d) => d.key));
    for (const key of this.since.keys()) if (!keys.has(key)) this.since.delete(key);
    const lasting: Array<Disagreement & { forMs: number }> = [];
    for (const d of current) {
      const start = this.since.get(d.key) ?? now;
      this.since.set(d.key, start);
      if (now - start > this.graceMs) lasting.push({ ...d, forMs: now - start });
    }
    return lasting;
  }
}
