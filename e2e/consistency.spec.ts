import { RUN_WORKFLOW, SUBTASK_SERVICE } from "../lib/names";
import type { RunSummary, SubtaskDelta } from "../lib/answers";
import type { SubtaskRecord } from "../lib/records";
import { isRunFinished } from "../lib/status";
import { DisagreementClock, disagreements, type ApiRun, type RestateInvocation } from "../test/support/consistency";
import { expect, test } from "./fixtures";
import { ownStack } from "./own-stack";

/*
 * The consistency checker: a mixed workload (uneven durations, retries,
 * permanent failures, fail-fast, a cancel, a kill through Restate's admin
 * API, a SIGKILL of the services process), and every 500 ms a comparison of
 * what the API says about each run and subtask with what Restate says in
 * sys_invocation. A disagreement that lasts more than 2 s fails the test,
 * with the run, the subtask and both views.
 */
const stack = ownStack("consistency");

const GRACE_MS = 2000;
const TICK_MS = 500;

const WORKLOAD: Array<{ id: string; body: Record<string, unknown>; then?: "cancel" | "kill" }> = [
  {
    id: "c-uneven",
    body: {
      concurrency: 20,
      description: Array.from({ length: 80 }, (_, i) => `u${i} [take ${(i * 173) % 3000}ms]`).join(","),
    },
  },
  {
    id: "c-retry",
    body: {
      retry: { maxAttempts: 3, initialIntervalMs: 300 },
      description: Array.from({ length: 20 }, (_, i) =>
        i % 4 === 0 ? `r${i} [fail 2, take 200ms]` : `r${i} [take 400ms]`,
      ).join(","),
    },
  },
  {
    id: "c-perm",
    body: {
      description: Array.from({ length: 10 }, (_, i) =>
        i % 5 === 1 ? `p${i} [fail permanently]` : `p${i} [take 300ms]`,
      ).join(","),
    },
  },
  {
    id: "c-ff",
    body: {
      concurrency: 10,
      onFailure: "fail-fast",
      description: Array.from({ length: 30 }, (_, i) =>
        i === 5 ? `f${i} [take 500ms, fail permanently]` : `f${i} [take 1s]`,
      ).join(","),
    },
  },
  {
    id: "c-cancel",
    body: { concurrency: 5, description: Array.from({ length: 40 }, (_, i) => `x${i} [take 3s]`).join(",") },
    then: "cancel",
  },
  {
    id: "c-kill",
    body: { concurrency: 5, description: Array.from({ length: 40 }, (_, i) => `k${i} [take 3s]`).join(",") },
    then: "kill",
  },
  {
    id: "c-crash",
    body: { concurrency: 10, description: Array.from({ length: 60 }, (_, i) => `s${i} [take 700ms]`).join(",") },
  },
];

interface Tracked {
  cursor: string;
  records: Map<number, SubtaskRecord>;
  summary: RunSummary | null;
}

test("what the API shows agrees with Restate, within 2 s, through failures, a cancel, a kill and a services crash", async () => {
  test.setTimeout(300_000);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${stack().webUrl}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json() as Promise<T>;
  };
  for (const { id, body } of WORKLOAD) {
    const response = await fetch(`${stack().webUrl}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "noop", id, ...body }),
    });
    expect(response.status, await response.text()).toBe(201);
  }
  const tracked = new Map<string, Tracked>(
    WORKLOAD.map((w) => [w.id, { cursor: "0", records: new Map(), summary: null }]),
  );
  const indexOf = new Map<string, number | null>();
  const clock = new DisagreementClock(GRACE_MS);
  const started = Date.now();
  const actions = [
    {
      at: 3000,
      done: false,
      act: () =>
        fetch(`${stack().webUrl}/api/runs/c-cancel/cancel`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
    },
    {
      at: 3500,
      done: false,
      act: async () => {
        const [row] = await stack().sql<{ id: string }>(
          `SELECT id FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = 'c-kill' AND target_handler_name = 'run'`,
        );
        await fetch(`${stack().adminUrl}/invocations/${row.id}/kill`, { method: "PATCH" });
      },
    },
    { at: 4000, done: false, act: () => stack().crash("services") },
    { at: 8000, done: false, act: () => stack().restart("services") },
  ];
  let agreedSince: number | null = null;
  let ticks = 0;

  while (Date.now() - started < 240_000) {
    for (const action of actions) {
      if (!action.done && Date.now() - started >= action.at) {
        action.done = true;
        await action.act();
      }
    }
    // Restate before and after the API's answers: a disagreement counts only if it holds against both,
    // so the time the API takes to answer is not mistaken for a lag.
    const before = await restateViewOf(new Set(tracked.keys()), indexOf);
    // The API, as a run page polls it.
    const apiRuns = new Map<string, ApiRun>();
    await Promise.all(
      [...tracked].map(async ([id, t]) => {
        t.summary = await get<RunSummary>(`/api/runs/${id}`);
        let first: string | null = null;
        for (let from: number | null = 0; from !== null;) {
          const delta: SubtaskDelta = await get(`/api/runs/${id}/subtasks?since=${t.cursor}&from=${from}`);
          first ??= delta.version;
          for (const r of delta.subtasks) t.records.set(r.index, r);
          from = delta.next;
        }
        t.cursor = first!;
        apiRuns.set(id, { summary: t.summary, records: t.records });
      }),
    );
    const after = await restateViewOf(new Set(tracked.keys()), indexOf);
    const now = Date.now();
    const againstAfter = new Set(disagreements(apiRuns, after).map((d) => d.key));
    const current = disagreements(apiRuns, before).filter((d) => againstAfter.has(d.key));
    const invocations = after;
    const lasting = clock.observe(now, current);
    if (lasting.length > 0) {
      const report = lasting
        .slice(0, 5)
        .map(
          (d) =>
            `run ${d.runId}, subtask ${d.index ?? "-"}: ${d.what} for ${d.forMs} ms\n  API: ${JSON.stringify(d.api)}\n  Restate: ${JSON.stringify(d.restate)}`,
        );
      throw new Error(
        `The API and Restate disagree for more than ${GRACE_MS} ms (tick ${ticks}):\n${report.join("\n")}`,
      );
    }
    ticks += 1;
    const allFinished =
      [...tracked.values()].every((t) => t.summary && isRunFinished(t.summary.status)) &&
      invocations.every((i) => i.status === "completed");
    if (allFinished && current.length === 0) {
      agreedSince ??= now;
      if (now - agreedSince > 3000) break;
    } else agreedSince = null;
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  expect(agreedSince, "every run finished and both sides agreed for 3 s").not.toBeNull();
  const statuses = Object.fromEntries([...tracked].map(([id, t]) => [id, t.summary?.status]));
  console.log(
    `consistency: ${ticks} ticks over ${Math.round((Date.now() - started) / 1000)} s, statuses ${JSON.stringify(statuses)}`,
  );
  expect(statuses).toEqual({
    "c-uneven": "succeeded",
    "c-retry": "succeeded",
    "c-perm": "failed",
    "c-ff": "failed",
    "c-cancel": "cancelled",
    "c-kill": "killed",
    "c-crash": "succeeded",
  });
});

/** Restate's view of the tracked runs' invocations, from its own table. */
async function restateViewOf(
  tracked: ReadonlySet<string>,
  indexOf: Map<string, number | null>,
): Promise<RestateInvocation[]> {
  const rows = await stack().sql<{
    id: string;
    target_service_name: string;
    target_service_key: string | null;
    invoked_by_id: string | null;
    status: string;
    completion_result: string | null;
    completion_failure: string | null;
    last_failure: string | null;
  }>(
    `SELECT id, target_service_name, target_service_key, invoked_by_id, status, completion_result, completion_failure, last_failure FROM sys_invocation WHERE (target_service_name = '${RUN_WORKFLOW}' AND target_handler_name = 'run') OR target_service_name = '${SUBTASK_SERVICE}'`,
  );
  const runOf = new Map(
    rows.filter((r) => r.target_service_name === RUN_WORKFLOW).map((r) => [r.id, r.target_service_key!]),
  );
  const unknown = rows
    .filter((r) => r.target_service_name === SUBTASK_SERVICE && !indexOf.has(r.id))
    .map((r) => `'${r.id}'`);
  if (unknown.length > 0) {
    for (const j of await stack().sql<{ id: string; entry_json: string }>(
      `SELECT id, entry_json FROM sys_journal WHERE index = 0 AND id IN (${unknown.join(",")})`,
    )) {
      const payload = JSON.parse(j.entry_json).Command?.Input?.payload as number[] | undefined;
      indexOf.set(j.id, payload ? (JSON.parse(Buffer.from(payload).toString()).index as number) : null);
    }
  }
  const invocations: RestateInvocation[] = rows.flatMap((r) => {
    const runId = r.target_service_name === RUN_WORKFLOW ? r.target_service_key! : runOf.get(r.invoked_by_id ?? "");
    if (!runId || !tracked.has(runId)) return [];
    return [
      {
        ...r,
        kind: r.target_service_name === RUN_WORKFLOW ? ("run" as const) : ("subtask" as const),
        runId,
        index: indexOf.get(r.id) ?? null,
      },
    ];
  });

  return invocations;
}
