import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUCKET_SIZE, bucketsChangedSince, canTransition, RunLedger } from "@/lib/ledger";

describe("subtask status transitions", () => {
  it("allows pending -> running -> succeeded | failed and cancellation of unfinished work", () => {
    assert.ok(canTransition("pending", "running"));
    assert.ok(canTransition("running", "succeeded"));
    assert.ok(canTransition("running", "failed"));
    assert.ok(canTransition("pending", "cancelled"));
    assert.ok(canTransition("running", "cancelled"));
  });

  it("never leaves a final state or skips running", () => {
    assert.ok(!canTransition("pending", "succeeded"));
    assert.ok(!canTransition("succeeded", "running"));
    assert.ok(!canTransition("failed", "succeeded"));
    assert.ok(!canTransition("cancelled", "running"));
  });
});

describe("RunLedger", () => {
  it("keeps counts in step with every record", () => {
    const ledger = new RunLedger(["a", "b", "c"]);
    assert.deepEqual(ledger.counts, { pending: 3, running: 0, retrying: 0, succeeded: 0, failed: 0, cancelled: 0 });
    ledger.markRunning(0, 10);
    ledger.markRunning(1, 10);
    ledger.markFinished(0, { status: "succeeded", startedAt: 12, finishedAt: 20, result: "DONE" });
    ledger.markFinished(1, { status: "failed", finishedAt: 21, error: "boom" });
    ledger.markCancelled(2, 22);
    assert.deepEqual(ledger.counts, { pending: 0, running: 0, retrying: 0, succeeded: 1, failed: 1, cancelled: 1 });
    assert.equal(ledger.done, 3);
    assert.deepEqual(ledger.records[0], {
      index: 0,
      description: "a",
      status: "succeeded",
      dispatchedAt: 10,
      startedAt: 12,
      finishedAt: 20,
      result: "DONE",
    });
    assert.equal(ledger.records[1].error, "boom");
    assert.deepEqual(ledger.unfinished(), []);
  });

  it("refuses a subtask finishing twice, so nothing is double-counted", () => {
    const ledger = new RunLedger(["a"]);
    ledger.markRunning(0, 1);
    ledger.markFinished(0, { status: "succeeded", finishedAt: 2 });
    assert.throws(() => ledger.markFinished(0, { status: "succeeded", finishedAt: 2 }), /cannot go from succeeded/);
    assert.equal(ledger.counts.succeeded, 1);
  });

  it("commits only the buckets that changed, each tagged with the new version", () => {
    const ledger = new RunLedger(Array.from({ length: BUCKET_SIZE * 3 }, (_, i) => `s${i}`));
    const first = ledger.commit(1);
    assert.equal(first.version, 1);
    assert.deepEqual(
      first.buckets.map(([b]) => b),
      [0, 1, 2],
    );

    ledger.markRunning(BUCKET_SIZE + 1, 5);
    assert.ok(ledger.hasChanges());
    const second = ledger.commit(6);
    assert.equal(second.version, 2);
    assert.deepEqual(
      second.buckets.map(([b]) => b),
      [1],
    );
    assert.equal(second.buckets[0][1].length, BUCKET_SIZE);
    assert.deepEqual(ledger.bucketVersions, [1, 2, 1]);
    assert.ok(!ledger.hasChanges());
  });
});

describe("finish times", () => {
  it("stamps a finish the subtask did not report with the next commit's clock reading", () => {
    const ledger = new RunLedger(["quick", "timed"]);
    ledger.markRunning(0, 100);
    ledger.markRunning(1, 100);
    ledger.markFinished(0, { status: "succeeded", result: "ok" });
    ledger.markFinished(1, { status: "failed", finishedAt: 150, error: "boom" });
    assert.equal(ledger.records[0].finishedAt, undefined);
    ledger.commit(170);
    assert.equal(ledger.records[0].finishedAt, 170);
    assert.equal(ledger.records[1].finishedAt, 150, "a reported finish is kept");
    ledger.commit(400);
    assert.equal(ledger.records[0].finishedAt, 170, "stamped once");
  });

  it("stamps a cancellation without a time the same way", () => {
    const ledger = new RunLedger(["in flight"]);
    ledger.markRunning(0, 100);
    ledger.markCancelled(0);
    ledger.commit(260);
    assert.equal(ledger.records[0].status, "cancelled");
    assert.equal(ledger.records[0].finishedAt, 260);
  });

  it("never stamps a finish before the start", () => {
    const ledger = new RunLedger(["a"]);
    ledger.markRunning(0, 500);
    ledger.markFinished(0, { status: "succeeded" });
    ledger.commit(480);
    assert.equal(ledger.records[0].finishedAt, 500);
  });
});

describe("bucketsChangedSince", () => {
  it("returns what changed after a cursor, from a subtask index on", () => {
    assert.deepEqual(bucketsChangedSince([1, 3, 2, 5], 0), [0, 1, 2, 3]);
    assert.deepEqual(bucketsChangedSince([1, 3, 2, 5], 2), [1, 3]);
    assert.deepEqual(bucketsChangedSince([1, 3, 2, 5], 5), []);
    assert.deepEqual(bucketsChangedSince([1, 3, 2, 5], 2, BUCKET_SIZE * 2), [3]);
  });
});
