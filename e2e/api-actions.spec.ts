import type { APIRequestContext } from "@playwright/test";
import type { RunList, RunSummary, SubtaskDelta } from "../lib/answers";
import type { AttemptRecord, SubtaskRecord } from "../lib/records";
import { expect, test } from "./fixtures";

/** Polls a run's summary until `done` says so. */
async function waitForRun(
  request: APIRequestContext,
  id: string,
  done: (s: RunSummary) => boolean,
): Promise<RunSummary> {
  let summary: RunSummary | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/runs/${id}`);
        summary = response.ok() ? ((await response.json()) as RunSummary) : undefined;
        return summary !== undefined && done(summary);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return summary!;
}

test.describe("run actions through the API", () => {
  test("cancel: in-flight subtasks stop, pending ones never start, finished ones are kept; a second cancel changes nothing", async ({
    request,
  }) => {
    const id = `e2e-cancel-${Date.now()}`;
    const items = Array.from({ length: 10 }, (_, i) => `step ${i} [take 800ms]`).join(",");
    expect(
      (await request.post("/api/runs", { data: { id, kind: "noop", description: items, concurrency: 2 } })).status(),
    ).toBe(201);
    await waitForRun(request, id, (s) => s.counts.succeeded >= 2);

    const cancel = await request.post(`/api/runs/${id}/cancel`);
    expect(cancel.status()).toBe(202);
    const summary = await waitForRun(request, id, (s) => s.status === "cancelled");
    expect(summary.counts.succeeded).toBeGreaterThanOrEqual(2);
    expect(summary.counts.succeeded + summary.counts.cancelled).toBe(10);
    expect(summary.error).toMatch(/Cancelled/);

    const again = await request.post(`/api/runs/${id}/cancel`);
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toMatch(/already cancelled; nothing to cancel/);
    expect((await (await request.get(`/api/runs/${id}`)).json()).counts).toEqual(summary.counts);
  });

  test("re-run failed: a new run of just the failed subtasks, linked both ways", async ({ request }) => {
    const id = `e2e-rerun-${Date.now()}`;
    await request.post("/api/runs", {
      data: { id, kind: "noop", description: "fine,broken [fail permanently],also fine", retry: { maxAttempts: 1 } },
    });
    const done = await waitForRun(request, id, (s) => s.status === "failed");
    expect(done.error).toBe("1 of 3 subtasks failed");
    expect(done.aggregate).toEqual({ succeeded: 2, failed: 1 });

    const rerun = await request.post(`/api/runs/${id}/rerun-failed`);
    expect(rerun.status()).toBe(201);
    const { id: rerunId } = await rerun.json();
    const child = await waitForRun(request, rerunId, (s) => s.status === "failed");
    expect(child.total).toBe(1);
    expect(child.rerunOf).toBe(id);
    const subtasks = (await (await request.get(`/api/runs/${rerunId}/subtasks?since=0`)).json()) as SubtaskDelta;
    expect(subtasks.subtasks.map((s) => s.description)).toEqual(["broken [fail permanently]"]);
    await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).reruns).toEqual([rerunId]);
  });

  test("re-run failed is refused while a run is active or when nothing failed", async ({ request }) => {
    const ok = `e2e-allgood-${Date.now()}`;
    await request.post("/api/runs", { data: { id: ok, kind: "noop", description: "a,b" } });
    await waitForRun(request, ok, (s) => s.status === "succeeded");
    const nothing = await request.post(`/api/runs/${ok}/rerun-failed`);
    expect(nothing.status()).toBe(409);
    expect((await nothing.json()).error).toMatch(/no failed subtasks/);

    const slow = `e2e-slow-${Date.now()}`;
    await request.post("/api/runs", { data: { id: slow, kind: "noop", description: "x [take 5s]" } });
    const early = await request.post(`/api/runs/${slow}/rerun-failed`);
    expect(early.status()).toBe(409);
    expect((await early.json()).error).toMatch(/still (splitting|running)/);
    await request.post(`/api/runs/${slow}/cancel`);
  });

  test("a retrying subtask shows as retrying with its attempt, last error and next try, then its attempts", async ({
    request,
  }) => {
    const id = `e2e-retry-${Date.now()}`;
    await request.post("/api/runs", {
      data: {
        id,
        kind: "noop",
        description: "flaky [fail 1],solid",
        retry: { maxAttempts: 3, initialIntervalMs: 3000 },
      },
    });
    // Follows the delta as the dashboard does: each poll asks only for what changed since the last.
    let cursor = "0";
    let flaky: SubtaskRecord | undefined;
    await expect
      .poll(async () => {
        const delta = (await (await request.get(`/api/runs/${id}/subtasks?since=${cursor}`)).json()) as SubtaskDelta;
        cursor = delta.version;
        flaky = delta.subtasks.find((s) => s.index === 0) ?? flaky;
        return flaky?.status;
      })
      .toBe("retrying");
    flaky = flaky!;
    expect(flaky.nextAttempt).toBe(2);
    expect(flaky.error).toMatch(/Simulated failure on attempt 1/);
    expect(flaky.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
    const summary = await (await request.get(`/api/runs/${id}`)).json();
    expect(summary.counts.retrying).toBe(1);

    const done = await waitForRun(request, id, (s) => s.status === "succeeded");
    expect(done.counts.retrying).toBe(0);
    const detail = await (await request.get(`/api/runs/${id}/subtasks/0`)).json();
    expect(detail.input).toBe("flaky [fail 1]");
    expect(detail.record.attempts.map((a: AttemptRecord) => a.attempt)).toEqual([1, 2]);
    expect(detail.record.attempts[0].error).toMatch(/attempt 1/);
    expect(detail.record.attempts[1].error).toBeUndefined();
    expect((await request.get(`/api/runs/${id}/subtasks/99`)).status()).toBe(404);
  });

  test("the runs list filters by status and pages", async ({ request }) => {
    // Its own runs, one failed and one succeeded, so it depends on no other test.
    const failedId = `e2e-list-failed-${Date.now()}`;
    const okId = `e2e-list-ok-${Date.now()}`;
    await request.post("/api/runs", { data: { id: failedId, kind: "noop", description: "x [fail permanently]" } });
    await request.post("/api/runs", { data: { id: okId, kind: "noop", description: "y" } });
    await waitForRun(request, failedId, (s) => s.status === "failed");
    await waitForRun(request, okId, (s) => s.status === "succeeded");

    const failed = (await (await request.get("/api/runs?status=failed&limit=100")).json()) as RunList;
    expect(failed.runs.map((r) => r.id)).toContain(failedId);
    expect(failed.runs.map((r) => r.id)).not.toContain(okId);
    expect(failed.runs.every((r) => r.status === "failed")).toBe(true);
    const page = (await (await request.get("/api/runs?limit=1&offset=0")).json()) as RunList;
    expect(page.runs).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    const next = (await (await request.get("/api/runs?limit=1&offset=1")).json()) as RunList;
    expect(next.runs).toHaveLength(1);
    expect(next.runs[0].id).not.toBe(page.runs[0].id);
    expect((await request.get("/api/runs?status=exploded")).status()).toBe(400);
  });

  test("pages carry a content security policy with a nonce and no inline script from data", async ({ request }) => {
    const response = await request.get("/");
    const csp = response.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers()["x-frame-options"]).toBe("DENY");
  });
});
