import type { RunSummary, SubtaskDelta } from "../lib/answers";
import type { SubtaskRecord } from "../lib/records";
import { VIEW_MAX_AGE_MS } from "../lib/reconcile";
import { runInput } from "../test/support/test-stack";
import { expect, test } from "./fixtures";
import { ownStack } from "./own-stack";
import { lanes } from "./helpers";

// Its own stack: these tests kill invocations in Restate and crash the services.
const stack = ownStack("truth");

const api = <T>(path: string): Promise<T> => fetch(`${stack().webUrl}${path}`).then((r) => r.json() as Promise<T>);

/** A run of `subtasks` no-op subtasks of 30 s each, `concurrency` at a time, submitted straight to Restate. */
const startLongRun = (id: string, subtasks: number, concurrency: number) =>
  stack()
    .run(id)
    .workflowSubmit(
      runInput({
        kind: "noop",
        concurrency,
        description: Array.from({ length: subtasks }, (_, i) => `long ${i} [take 30s]`).join(","),
      }),
    );

/** Kills an invocation from Restate's side, as `restate invocations kill` does. */
async function killInRestate(invocationId: string) {
  expect((await fetch(`${stack().adminUrl}/invocations/${invocationId}/kill`, { method: "PATCH" })).ok).toBe(true);
}

/** Until Restate's own table says the invocation is over. */
async function untilCompletedInRestate(invocationId: string) {
  const status = async () =>
    (await stack().sql<{ status: string }>(`SELECT status FROM sys_invocation WHERE id = '${invocationId}'`))[0]
      ?.status;
  await expect.poll(status).toBe("completed");
}

/** The first subtasks answer a page opened now gets: every record a killed run had is shown ended. */
async function expectFirstLoadEnded(id: string, subtasks: number) {
  const first: SubtaskDelta = await api(`/api/runs/${id}/subtasks?since=0&pending=ranges`);
  expect(first.subtasks.map((r) => r.status)).toEqual(Array(subtasks).fill("cancelled"));
  expect(first.pending ?? []).toEqual([]);
}

/** Every record the API gives from cursor 0, following pages. */
async function allRecords(id: string): Promise<{ records: SubtaskRecord[]; version: string }> {
  const records: SubtaskRecord[] = [];
  let version = "0";
  for (let from: number | null = 0; from !== null;) {
    const page: SubtaskDelta = await api(`/api/runs/${id}/subtasks?since=0&from=${from}`);
    if (from === 0) version = page.version;
    records.push(...page.subtasks);
    from = page.next;
  }
  return { records, version };
}

test("a run killed in Restate shows killed within 5 s, on its page and in the runs list, with no lane left running", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = "killed-in-restate";
  const submission = await startLongRun(id, 20, 5);
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).counts?.running, { timeout: 30_000 })
    .toBe(5);
  await page.goto(`${stack().webUrl}/runs/${id}`);
  await expect(lanes(page).filter({ hasText: "long 0" })).toHaveAttribute("aria-label", /running/);
  const before = await allRecords(id);

  const killedAt = Date.now();
  await killInRestate(submission.invocationId);
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).status, { timeout: 5_000, intervals: [100] })
    .toBe("killed");
  const shownAfter = Date.now() - killedAt;
  console.log(`killed run shown killed ${shownAfter} ms after the kill`);

  const summary = await api<RunSummary>(`/api/runs/${id}`);
  expect(summary.error).toMatch(/Killed in Restate/);
  expect(summary.counts.running + summary.counts.pending + summary.counts.retrying).toBe(0);
  const listed = async () =>
    (await api<{ runs: Array<{ id: string; status: string }> }>(`/api/runs?limit=50`)).runs.find((r) => r.id === id)
      ?.status;
  await expect.poll(listed, { timeout: 5_000 }).toBe("killed");
  // …and its status filter agrees: the list itself recorded it (checked with Restate), not only the page.
  await expect
    .poll(async () => (await api<{ runs: Array<{ id: string }> }>(`/api/runs?status=killed`)).runs.map((r) => r.id), {
      timeout: 5_000,
    })
    .toContain(id);

  // A client holding the old cursor is sent every record again, none of them unfinished.
  const delta: SubtaskDelta = await api(`/api/runs/${id}/subtasks?since=${before.version}`);
  expect(delta.subtasks).toHaveLength(20);
  expect(
    delta.subtasks.every((r) => r.status === "succeeded" || r.status === "failed" || r.status === "cancelled"),
  ).toBe(true);

  await expect(page.getByText(/^\S*\s*killed$/).first()).toBeVisible();
  await expect(page.getByText(/Killed in Restate/).first()).toBeVisible();
  await expect(lanes(page).filter({ hasText: "long 0" })).toHaveAttribute("aria-label", /cancelled/);
  for (const label of await lanes(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) {
    expect(label).not.toMatch(/: (running|pending)/);
  }
});

test("a run killed in Restate before the dashboard ever looked at it: its first subtasks answer has no lane running", async () => {
  test.setTimeout(120_000);
  const id = "killed-unseen";
  const submission = await startLongRun(id, 6, 3);
  // Watched from Restate's side only: the dashboard holds no view of this run.
  await expect.poll(async () => (await stack().run(id).summary())?.counts?.running, { timeout: 30_000 }).toBe(3);
  await killInRestate(submission.invocationId);
  await untilCompletedInRestate(submission.invocationId);
  // A page asks for its subtasks beside its summary: the subtasks may be the first thing asked.
  await expectFirstLoadEnded(id, 6);
});

test("a run killed after the dashboard last looked at it: a page opened again has no lane running on its first answer", async () => {
  test.setTimeout(120_000);
  const id = "killed-seen-earlier";
  const submission = await startLongRun(id, 6, 3);
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).counts?.running, { timeout: 30_000 })
    .toBe(3);
  const lastSeen = Date.now();
  await killInRestate(submission.invocationId);
  await untilCompletedInRestate(submission.invocationId);
  // The dashboard's view of Restate from that look is now older than any it shows as current.
  await expect.poll(() => Date.now() - lastSeen, { intervals: [100] }).toBeGreaterThan(VIEW_MAX_AGE_MS);
  await expectFirstLoadEnded(id, 6);
});

test("a run killed just before the services crash shows killed on the first answer after, not what was last seen", async () => {
  test.setTimeout(120_000);
  const id = "killed-then-crash";
  const submission = await startLongRun(id, 6, 3);
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).counts?.running, { timeout: 30_000 })
    .toBe(3);
  // A page that just polled: the API holds a view of Restate from before the kill.
  expect((await api<RunSummary>(`/api/runs/${id}`)).status).toBe("running");
  await killInRestate(submission.invocationId);
  await stack().crash("services");
  try {
    // The query waits on the services until it times out; the answer that follows must not be the old view.
    const first = await api<RunSummary>(`/api/runs/${id}`);
    expect(first.status).toBe("killed");
    expect(first.counts.running + first.counts.pending + first.counts.retrying).toBe(0);
  } finally {
    await stack().restart("services");
  }
});

test("with the services down, Restate's retries show on the run and its lanes, and clear once they are back", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const id = "services-down";
  await stack()
    .run(id)
    .workflowSubmit(
      runInput({
        kind: "noop",
        concurrency: 3,
        description: Array.from({ length: 6 }, (_, i) => `part ${i} [take 6s]`).join(","),
      }),
    );
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).counts?.running, { timeout: 30_000 })
    .toBe(3);
  await page.goto(`${stack().webUrl}/runs/${id}`);

  await stack().crash("services");
  try {
    await expect
      .poll(
        async () =>
          (await api<RunSummary>(`/api/runs/${id}`)).problems.filter(
            (p) => p.index !== null && /connection refused/i.test(p.error ?? ""),
          ).length,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThanOrEqual(1);
    const summary = await api<RunSummary>(`/api/runs/${id}`);
    expect(summary.status).toBe("running");
    for (const problem of summary.problems.filter((p) => p.index !== null)) {
      expect(problem.retryCount).toBeGreaterThan(0);
      expect(problem.actions).toContain("kill");
    }
    await expect(page.getByTestId("restate-problems")).toContainText(
      /Restate is retrying: connection refused, attempt \d+/,
    );
    await expect(lanes(page).filter({ hasText: "part 0" })).toHaveAttribute(
      "aria-label",
      /Restate is retrying: connection refused/,
    );
  } finally {
    await stack().restart("services");
  }
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).problems.length, { timeout: 30_000 })
    .toBe(0);
  await expect(page.getByTestId("restate-problems")).toHaveCount(0, { timeout: 15_000 });
  await expect
    .poll(async () => (await api<RunSummary>(`/api/runs/${id}`)).status, { timeout: 60_000 })
    .toBe("succeeded");
});

test("a retrying lane never flips back to running in a delta while its neighbours change", async () => {
  test.setTimeout(120_000);
  const id = "retry-flip";
  const neighbours = Array.from({ length: 30 }, (_, i) => `n${i} [take ${200 + i * 150}ms]`);
  const body = {
    id,
    kind: "noop",
    concurrency: 31,
    retry: { maxAttempts: 4, initialIntervalMs: 1200 },
    description: ["flaky [fail 3]", ...neighbours].join(","),
  };
  const created = await fetch(`${stack().webUrl}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(created.status).toBe(201);

  // Poll the delta as the dashboard does, and note every status the client would hold for "flaky".
  const seen: string[] = [];
  let cursor = "0";
  let record: SubtaskRecord | undefined;
  for (let tick = 0; tick < 600 && record?.status !== "succeeded"; tick++) {
    const delta: SubtaskDelta = await api(`/api/runs/${id}/subtasks?since=${cursor}`);
    cursor = delta.version;
    const changed = delta.subtasks.find((r) => r.index === 0);
    if (changed) record = changed;
    if (record && seen[seen.length - 1] !== record.status) seen.push(record.status);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(record?.status).toBe("succeeded");
  const firstRetry = seen.indexOf("retrying");
  expect(firstRetry, `statuses seen: ${seen.join(" → ")}`).toBeGreaterThanOrEqual(0);
  // From the first failure to the last attempt, "retrying" the whole time: at most one "running" (the final attempt, once settled) before "succeeded".
  const after = seen.slice(firstRetry);
  expect(after.filter((s) => s === "retrying").length, `statuses seen: ${seen.join(" → ")}`).toBe(1);
});

test("a subtask failing an attempt shows as retrying in the delta though nothing else in its run changes", async () => {
  test.setTimeout(60_000);
  const id = "retry-alone";
  const created = await fetch(`${stack().webUrl}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id,
      kind: "noop",
      retry: { maxAttempts: 3, initialIntervalMs: 1500 },
      description: "alone [fail 2, take 1s]",
    }),
  });
  expect(created.status).toBe(201);
  // The workflow's own record says "running" until the subtask ends: only its retry report can say otherwise.
  const seen: string[] = [];
  let cursor = "0";
  await expect
    .poll(
      async () => {
        const delta: SubtaskDelta = await api(`/api/runs/${id}/subtasks?since=${cursor}`);
        cursor = delta.version;
        const status = delta.subtasks.find((r) => r.index === 0)?.status;
        if (status && seen[seen.length - 1] !== status) seen.push(status);
        return status;
      },
      { timeout: 30_000, intervals: [100] },
    )
    .toBe("succeeded");
  // Seen running first (the attempt takes a second), so "retrying" can only have come with a later report.
  expect(seen[0], `statuses seen: ${seen.join(" → ")}`).toBe("running");
  expect(seen, `statuses seen: ${seen.join(" → ")}`).toContain("retrying");
});
