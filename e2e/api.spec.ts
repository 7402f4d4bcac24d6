import { expect, test } from "./fixtures";

/** Invocations of the run workflow Restate knows of, from its admin SQL (server-side; the browser never sees it). */
async function runInvocations(): Promise<number> {
  const response = await fetch(`${process.env.FANLINE_ADMIN_URL}/query`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      query: "SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = 'FanlineRun'",
    }),
  });
  return Number(((await response.json()) as { rows: Array<{ n: number }> }).rows[0].n);
}

test.describe("the runs API", () => {
  test("bad input is a 400 with a message a person understands, and creates no run", async ({ request }) => {
    const before = (await (await request.get("/api/runs")).json()).total;
    const invocationsBefore = await runInvocations();
    const cases: Array<[unknown, RegExp]> = [
      [{ description: "" }, /empty/],
      [{ description: " ,, , " }, /only commas and spaces/],
      [{ description: 5 }, /must be text/],
      [{ description: "a", kind: "nope" }, /Unknown task kind/],
      [{ description: "a", concurrency: 100000 }, /at most 1000/],
      [{ description: "a", id: "../etc" }, /letters, digits/],
      [{ description: "a", id: "x".repeat(65) }, /longer than 64/],
      [{ description: Array.from({ length: 100_001 }, (_, i) => `s${i}`).join(",") }, /limit is 100000/],
      [{ description: `ok,${"x".repeat(501)}` }, /Subtask 2 is 501 characters long/],
      [{ description: "a", retry: { maxAttempts: 50 } }, /Max attempts must be at most 10/],
      [{ description: "a", retry: { initialIntervalMs: 1 } }, /at least 100 ms/],
      [{ description: "a", onFailure: "panic" }, /continue, fail-fast/],
      [{ kind: "word-count", text: "   " }, /Text is empty/],
      [
        { kind: "noop", description: "a,b [take 99999999s]" },
        /Subtask 2: "\[take 99999999s\]" is longer than the 10 minutes/,
      ],
      [{ kind: "noop", description: "a [take 1e310ms]" }, /Subtask 1: "\[take 1e310ms\]" is not a simulated time/],
      [{ description: "a", retry: { initialIntervalMs: 45_000 } }, /at most 30000 ms: waits are capped at 30 s/],
    ];
    for (const [body, message] of cases) {
      const response = await request.post("/api/runs", { data: body });
      expect(response.status(), JSON.stringify(body)).toBe(400);
      const json = await response.json();
      expect(json.error).toMatch(message);
      expect(Array.isArray(json.issues)).toBe(true);
    }
    const notJson = await request.post("/api/runs", {
      data: Buffer.from("{nope"),
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error).toMatch(/not valid JSON/);

    // POST /api/runs takes items, so its bodies may be up to 20 MiB.
    const huge = await request.post("/api/runs", {
      data: Buffer.from(JSON.stringify({ description: "x".repeat(20 * 1024 * 1024 + 10) })),
      headers: { "content-type": "application/json" },
    });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error).toMatch(/larger than/);

    expect((await (await request.get("/api/runs")).json()).total).toBe(before);
    expect(await runInvocations()).toBe(invocationsBefore);
  });

  test("the same id twice is one run: 201, then 200 with the same id", async ({ request }) => {
    const id = `e2e-same-${Date.now()}`;
    const first = await request.post("/api/runs", { data: { description: "a,b", kind: "noop", id } });
    expect(first.status()).toBe(201);
    expect((await first.json()).id).toBe(id);
    const second = await request.post("/api/runs", { data: { description: "a,b", kind: "noop", id } });
    expect(second.status()).toBe(200);
    expect((await second.json()).id).toBe(id);

    await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).status).toBe("succeeded");
    const list = await (await request.get("/api/runs?limit=100")).json();
    expect(list.runs.filter((r: { id: string }) => r.id === id)).toHaveLength(1);
    const summary = await (await request.get(`/api/runs/${id}`)).json();
    expect(summary).toMatchObject({
      id,
      status: "succeeded",
      total: 2,
      counts: { succeeded: 2 },
      aggregate: { succeeded: 2, failed: 0 },
    });
    expect(summary.finishedAt).toBeGreaterThanOrEqual(summary.createdAt);
  });

  test("subtasks come as deltas after a version cursor", async ({ request }) => {
    const id = `e2e-delta-${Date.now()}`;
    await request.post("/api/runs", { data: { description: "p,q,r", kind: "noop", id } });
    await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).status).toBe("succeeded");
    const all = await (await request.get(`/api/runs/${id}/subtasks?since=0`)).json();
    expect(all.subtasks.map((s: { description: string }) => s.description)).toEqual(["p", "q", "r"]);
    const idle = await (await request.get(`/api/runs/${id}/subtasks?since=${all.version}`)).json();
    expect(idle.subtasks).toEqual([]);
    expect((await request.get(`/api/runs/${id}/subtasks?since=-1`)).status()).toBe(400);
  });

  test("an unknown run is a 404", async ({ request }) => {
    expect((await request.get("/api/runs/does-not-exist")).status()).toBe(404);
    expect((await request.get("/api/runs/does-not-exist/subtasks")).status()).toBe(404);
    expect((await request.get("/api/runs/bad%20id")).status()).toBe(404);
  });
});
