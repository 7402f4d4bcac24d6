import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endedInRestate, endedRecord, needsAttention, reconcileSummary, viewUse } from "@/lib/reconcile";
import type { RunProblem, RunSummary } from "@/lib/answers";
import { emptyCounts } from "@/lib/status";

const running: RunSummary = {
  id: "r",
  kind: "noop",
  label: "a, b, c",
  status: "running",
  total: 3,
  done: 1,
  counts: { ...emptyCounts(), succeeded: 1, running: 1, pending: 1 },
  concurrency: 1,
  retry: { maxAttempts: 3, initialIntervalMs: 1000 },
  onFailure: "continue",
  createdAt: 1,
  finishedAt: null,
  aggregate: null,
  error: null,
  version: 3,
  rerunOf: null,
  reruns: [],
  problems: [],
};

const problem: RunProblem = {
  index: 1,
  invocationId: "inv_1",
  status: "backing-off",
  error: "connection refused",
  retryCount: 4,
  since: 5,
  nextRetryAt: null,
  actions: ["kill"],
};

describe("Restate's view over a summary", () => {
  it("shows a run Restate killed as killed, with nothing left running or pending", () => {
    const killed = reconcileSummary(running, { status: "completed", failure: "[409] killed", completedAt: 99 }, [
      problem,
    ]);
    assert.equal(killed.status, "killed");
    assert.deepEqual(killed.counts, { ...emptyCounts(), succeeded: 1, cancelled: 2 });
    assert.equal(killed.done, 3);
    assert.equal(killed.finishedAt, 99);
    assert.match(killed.error!, /Killed in Restate: \[409\] killed\. 2 unfinished subtasks will not run/);
    assert.deepEqual(killed.problems, [], "a finished run has no problems to act on");
  });

  it("keeps the workflow's word while Restate still runs it, with Restate's problems", () => {
    const live = reconcileSummary(running, { status: "running", failure: null, completedAt: null }, [problem]);
    assert.equal(live.status, "running");
    assert.deepEqual(live.problems, [problem]);
  });

  it("never changes a run the workflow recorded as finished", () => {
    const done = { ...running, status: "succeeded" as const };
    assert.equal(
      reconcileSummary(done, { status: "completed", failure: "[409] killed", completedAt: 9 }, [problem]).status,
      "succeeded",
    );
  });

  it("names how Restate ended it", () => {
    assert.equal(endedInRestate("[409] killed"), "killed");
    assert.equal(endedInRestate("[409] canceled"), "cancelled");
    assert.equal(endedInRestate("[400] Refused: bad input"), "failed");
  });

  it("shows an unfinished record of an ended run as cancelled, and leaves finished ones be", () => {
    const record = endedRecord({ index: 0, description: "a", status: "running", dispatchedAt: 3 }, "killed", 10);
    assert.equal(record.status, "cancelled");
    assert.equal(record.finishedAt, 10);
    assert.match(record.error!, /killed in Restate/);
    const done = { index: 1, description: "b", status: "succeeded" as const, startedAt: 1, finishedAt: 2 };
    assert.equal(endedRecord(done, "killed", 10), done);
  });
});

describe("which of Restate's invocations the dashboard lists as problems", () => {
  it("lists a paused invocation and one failing with an error", () => {
    assert.equal(needsAttention({ status: "paused", last_failure: null }), true);
    assert.equal(needsAttention({ status: "backing-off", last_failure: "[500] connection refused" }), true);
    assert.equal(needsAttention({ status: "running", last_failure: "[500] boom" }), true);
  });

  it("does not list a retry Restate schedules by itself, with no error (a restart, a suspension)", () => {
    assert.equal(needsAttention({ status: "backing-off", last_failure: null }), false);
    assert.equal(needsAttention({ status: "running", last_failure: null }), false);
    // Restate's query API leaves null columns out of a row.
    assert.equal(needsAttention({ status: "running" }), false);
    assert.equal(needsAttention({ status: "backing-off" }), false);
  });

  it("never lists a completed invocation", () => {
    assert.equal(needsAttention({ status: "completed", last_failure: "[500] boom" }), false);
  });
});

describe("how old a view of Restate an answer may show as current", () => {
  it("answers at once from a recent view, refreshing it for the next poll once it is half a second old", () => {
    assert.equal(viewUse(0), "use");
    assert.equal(viewUse(499), "use");
    assert.equal(viewUse(500), "use-and-refresh");
    assert.equal(viewUse(1000), "use-and-refresh");
  });

  it("waits for Restate rather than show a view over a second old (a run killed meanwhile would still look running)", () => {
    assert.equal(viewUse(1200), "wait");
    assert.equal(viewUse(2500), "wait");
  });
});
