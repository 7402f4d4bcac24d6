import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInput, type TestStack, useTestStack, waitUntil } from "../support/test-stack";
import { RETRY_REPORTS_OBJECT, RUN_INDEX_OBJECT, RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";

/** A call straight to Restate's ingress, as anyone who reaches it could make. */
async function ingressCall(stack: TestStack, path: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${stack.ingressUrl}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** Restate's answer to a call on the ingress of a handler marked ingressPrivate. */
function assertPrivate(answer: { status: number; text: string }, what: string) {
  assert.equal(answer.status, 400, `${what} answered ${answer.status} ${answer.text}`);
  assert.match(answer.text, /not public/, what);
}

/** Waits until run `id` has finished, and answers its summary. */
function finished(stack: TestStack, id: string) {
  return waitUntil(`run ${id} to finish`, async () => {
    const summary = await stack.run(id).summary();
    return summary && ["succeeded", "failed", "cancelled"].includes(summary.status) ? summary : null;
  });
}

describe("the services' internals on Restate's ingress", () => {
  const stack = useTestStack();

  it("refuses FanlineSubtask/execute and FanlineRetryReports/report: only the services call them", async () => {
    const forgedSubtask = await ingressCall(stack(), `${SUBTASK_SERVICE}/execute`, {
      runId: "forged",
      index: 0,
      kind: "noop",
      description: "x",
      input: "x",
      retry: { maxAttempts: 1, initialIntervalMs: 100 },
      dispatchedAt: 0,
    });
    assertPrivate(forgedSubtask, "execute");
    const forgedReport = await ingressCall(stack(), `${RETRY_REPORTS_OBJECT}/forged/report`, {
      index: 1e9,
      attempts: [],
      nextAttempt: 2,
      nextAttemptAt: 0,
      invocationId: "inv_forged",
    });
    assertPrivate(forgedReport, "report");
    assert.equal((await stack().retryReports("forged").changes({ since: 0 })).version, 0, "no report was recorded");
    const rows = await stack().sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name IN ('${SUBTASK_SERVICE}', '${RETRY_REPORTS_OBJECT}')`,
    );
    assert.equal(Number(rows[0].n), 0, "no invocation was created");
  });

  it("refuses FanlineRunIndex writes (add, finished) while its reads stay open to the dashboard [run-index.ts: the runs-list rewrite must keep add/finished ingressPrivate]", async () => {
    const entry = {
      id: "forged",
      kind: "noop",
      label: "forged",
      createdAt: 0,
      status: "succeeded",
      finishedAt: 0,
      rerunOf: null,
      reruns: [],
    };
    const add = await ingressCall(stack(), `${RUN_INDEX_OBJECT}/all/add`, entry);
    assertPrivate(add, "add");
    const done = await ingressCall(stack(), `${RUN_INDEX_OBJECT}/all/finished`, {
      id: "forged",
      status: "succeeded",
      finishedAt: 0,
    });
    assertPrivate(done, "finished");
    assert.equal(await stack().runIndex().get("forged"), null);
    assert.equal(
      (await stack().runIndex().list({ offset: 0, limit: 10 })).entries.some((e) => e.id === "forged"),
      false,
    );
  });

  it("a run still registers in the index and reports retries through the services (the private handlers work from inside)", async () => {
    await stack()
      .run("inside")
      .workflowSubmit(
        runInput({ kind: "noop", description: "ok,flaky [fail 1]", retry: { maxAttempts: 2, initialIntervalMs: 100 } }),
      );
    const summary = await finished(stack(), "inside");
    assert.equal(summary.status, "succeeded");
    assert.equal((await stack().retryReports("inside").changes({ since: 0 })).reports.length, 1);
    await waitUntil("the index entry", async () => (await stack().runIndex().get("inside"))?.status === "succeeded");
  });
});

describe("the workflow holds its input to the API's schema", () => {
  const stack = useTestStack();

  it("refuses out-of-bounds input sent straight to the ingress, and records the run as failed with the reason", async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        "huge-concurrency",
        { ...runInput({ kind: "noop", description: "a" }), concurrency: 100_000 },
        /Concurrency must be at most 1000/,
      ],
      [
        "huge-retry",
        { ...runInput({ kind: "noop", description: "a" }), retry: { maxAttempts: 1e9, initialIntervalMs: 100 } },
        /Max attempts must be at most 10/,
      ],
      [
        "long-take",
        { ...runInput({ kind: "noop", description: "a" }), task: { description: "a [take 99999999s]" } },
        /10 minutes/,
      ],
      ["no-kind", { concurrency: 1, task: { description: "a" } }, /Kind must be text/],
    ];
    for (const [id, input, message] of cases) {
      const submitted = await ingressCall(stack(), `${RUN_WORKFLOW}/${id}/run/send`, input);
      assert.ok(submitted.status < 300, `${id}: send answered ${submitted.status} ${submitted.text}`);
      const summary = await finished(stack(), id);
      assert.equal(summary.status, "failed", id);
      assert.match(summary.error ?? "", message, id);
      const entry = await waitUntil(`${id} in the runs list`, async () => stack().runIndex().get(id));
      assert.equal(entry.status, "failed", id);
      await assert.rejects(stack().run(id).workflowAttach(), message, `${id}: the invocation ends with the reason`);
    }
    const subtasks = await stack().sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}'`,
    );
    assert.equal(Number(subtasks[0].n), 0, "a refused run starts no subtask");
  });

  it("a simulation past the bounds that reaches a subtask (a re-run of old data) fails it at once instead of retrying forever", async () => {
    const input = {
      ...runInput({ kind: "noop", description: "unused" }),
      rerun: {
        of: "old-run",
        specs: [
          { description: "huge", input: "x [take 1e310ms]" },
          { description: "fine", input: "fine" },
        ],
      },
    };
    await stack().run("old-data").workflowSubmit(input);
    const summary = await finished(stack(), "old-data");
    assert.equal(summary.status, "failed");
    assert.deepEqual([summary.counts.failed, summary.counts.succeeded], [1, 1]);
    const record = (await stack().run("old-data").subtask({ index: 0 }))!.record;
    assert.match(record.error ?? "", /not a simulated time/);
  });
});
