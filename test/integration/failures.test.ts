import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RunSummary } from "@/lib/answers";
import { runInput, type TestStack, useTestStack, waitUntil } from "../support/test-stack";
import { RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";

async function subtaskInvocations(stack: TestStack, runId: string): Promise<number> {
  const rows = await stack.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}' AND invoked_by_target LIKE '${RUN_WORKFLOW}/${runId}/%'`,
  );
  return Number(rows[0].n);
}

describe("failures, retries and cancellation", () => {
  const stack = useTestStack();

  it("retries with backoff, reports retrying live, and records every attempt", async () => {
    const run = stack().run("retries");
    await run.workflowSubmit(
      runInput({
        kind: "noop",
        description: "flaky [fail 2],steady,broken [fail]",
        retry: { maxAttempts: 3, initialIntervalMs: 400 },
      }),
    );

    // While "flaky" waits between attempts, the run says so, with the attempt and the error.
    const report = await waitUntil("a retry report", async () => {
      const changes = await stack().retryReports("retries").changes({ since: 0 });
      return changes.retryingNow > 0 && changes.reports.find((r) => r.index === 0 && !r.settled);
    });
    assert.equal(report.nextAttempt, 2);
    assert.match(report.attempts[0].error!, /Simulated failure on attempt 1/);
    assert.ok(report.nextAttemptAt > report.attempts[0].finishedAt!, "the next attempt waits for the backoff");

    await run.workflowAttach();
    const summary = (await run.summary()) as RunSummary;
    assert.equal(summary.status, "failed");
    assert.equal(summary.error, "1 of 3 subtasks failed");
    assert.deepEqual(summary.aggregate, { succeeded: 2, failed: 1 }, "a partial aggregate over what succeeded");

    const { subtasks } = (await run.subtasks({ since: 0 }))!;
    const [flaky, steady, broken] = subtasks;
    assert.equal(flaky.status, "succeeded");
    assert.deepEqual(
      flaky.attempts!.map((a) => Boolean(a.error)),
      [true, true, false],
    );
    const gap = flaky.attempts![1].startedAt - flaky.attempts![0].finishedAt!;
    assert.ok(gap >= 400, `waited ${gap} ms before attempt 2`);
    assert.equal(steady.status, "succeeded");
    assert.equal(steady.attempts, undefined, "a subtask that succeeded at once has one implicit attempt");
    assert.equal(broken.status, "failed");
    assert.equal(broken.attempts!.length, 3);
    assert.match(broken.error!, /Simulated failure on attempt 3/);
    assert.ok(broken.invocationId?.startsWith("inc_") || broken.invocationId?.startsWith("inv_"));

    const settled = await stack().retryReports("retries").changes({ since: 0 });
    assert.equal(settled.retryingNow, 0, "nothing is left retrying once the run is done");
  });

  it("fails a subtask at once on a permanent error, whatever the policy", async () => {
    const run = stack().run("permanent");
    await run.workflowSubmit(
      runInput({ kind: "noop", description: "bad input [fail permanently]", retry: { maxAttempts: 5 } }),
    );
    await run.workflowAttach();
    const { subtasks } = (await run.subtasks({ since: 0 }))!;
    assert.equal(subtasks[0].status, "failed");
    assert.equal(subtasks[0].attempts!.length, 1);
    assert.equal(subtasks[0].error, "Simulated permanent failure");
  });

  it("fail-fast: the first failure cancels the subtasks in flight, and the pending ones never start", async () => {
    const items = ["first [fail permanently]", ...Array.from({ length: 20 }, (_, i) => `slow ${i} [take 3s]`)];
    const run = stack().run("fail-fast");
    await run.workflowSubmit(
      runInput({ kind: "noop", description: items.join(","), concurrency: 3, onFailure: "fail-fast" }),
    );
    await run.workflowAttach();

    const summary = (await run.summary())!;
    assert.equal(summary.status, "failed");
    assert.match(summary.error!, /fail-fast.*first \[fail permanently\]/);
    assert.equal(summary.counts.failed, 1);
    assert.equal(summary.counts.cancelled, 20);
    assert.equal(summary.counts.running + summary.counts.pending, 0);
    assert.ok((await subtaskInvocations(stack(), "fail-fast")) <= 3, "no subtask beyond the first window was started");
  });

  it("cancelling a run cancels what is in flight, never starts what is pending, and keeps what finished", async () => {
    const items = Array.from({ length: 12 }, (_, i) => `step ${i} [take 1s]`);
    const run = stack().run("cancel-me");
    await run.workflowSubmit(runInput({ kind: "noop", description: items.join(","), concurrency: 2 }));
    await waitUntil("two finished subtasks", async () => ((await run.summary())?.counts.succeeded ?? 0) >= 2);

    const [{ id }] = await stack().sql<{ id: string }>(
      `SELECT id FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = 'cancel-me' AND target_handler_name = 'run'`,
    );
    const cancel = await fetch(`${stack().adminUrl}/invocations/${id}/cancel`, { method: "PATCH" });
    assert.ok(cancel.ok, `cancel answered ${cancel.status}`);

    await assert.rejects(run.workflowAttach(), /cancel/i);
    const summary = await waitUntil("the cancelled summary", async () => {
      const s = await run.summary();
      return s?.status === "cancelled" && s;
    });
    assert.ok(summary.counts.succeeded >= 2, "what finished before the cancel is kept");
    assert.equal(summary.counts.succeeded + summary.counts.cancelled, 12);
    assert.equal(summary.counts.running + summary.counts.pending, 0);
    assert.ok(summary.aggregate, "a partial aggregate is kept");
    const started = await subtaskInvocations(stack(), "cancel-me");
    assert.ok(started < 12, `only ${started} of 12 subtasks were ever started`);

    const index = await stack().runIndex().get("cancel-me");
    assert.equal(index?.status, "cancelled");
  });

  it("re-runs just the failed subtasks as a new run, linked both ways", async () => {
    const run = stack().run("has-failures");
    await run.workflowSubmit(
      runInput({ kind: "noop", description: "ok 1,boom [fail permanently],ok 2,bang [fail permanently]" }),
    );
    await run.workflowAttach();
    const specs = (await run.failedSpecs({}))!;
    assert.deepEqual(
      specs.map((s) => s.description),
      ["boom [fail permanently]", "bang [fail permanently]"],
    );

    const summary = (await run.summary())!;
    await stack()
      .run("has-failures-rerun")
      .workflowSubmit({ ...runInput({ kind: "noop", description: "unused" }), rerun: { of: "has-failures", specs } });
    await stack().run("has-failures-rerun").workflowAttach();
    const rerun = (await stack().run("has-failures-rerun").summary())!;
    assert.equal(rerun.total, 2);
    assert.equal(rerun.rerunOf, "has-failures");
    assert.equal(summary.rerunOf, null);
    await waitUntil("the index link", async () =>
      (await stack().runIndex().get("has-failures"))?.reruns.includes("has-failures-rerun"),
    );
  });
});
