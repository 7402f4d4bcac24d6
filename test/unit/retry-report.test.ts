import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countRetrying, withRetryReports } from "@/lib/retry-report";
import type { RetryReport, SubtaskRecord } from "@/lib/records";

const record = (index: number, status: SubtaskRecord["status"], extra: Partial<SubtaskRecord> = {}): SubtaskRecord => ({
  index,
  description: `s${index}`,
  status,
  ...extra,
});
const report = (index: number, extra: Partial<RetryReport> = {}): RetryReport => ({
  index,
  attempts: [{ attempt: 1, startedAt: 1, finishedAt: 2, error: "boom" }],
  nextAttempt: 2,
  nextAttemptAt: 10,
  invocationId: "inv_1",
  ...extra,
});

describe("retry reports laid over the workflow's records", () => {
  it("shows a running subtask with a report as retrying, with its error and next attempt, and leaves the others alone", () => {
    const [retrying, other] = withRetryReports([record(0, "running"), record(1, "running")], [report(0)]);
    assert.equal(retrying.status, "retrying");
    assert.equal(retrying.error, "boom");
    assert.equal(retrying.nextAttempt, 2);
    assert.equal(retrying.invocationId, "inv_1");
    assert.equal(other.status, "running");
  });

  it("lets a finished record win over any report, and a settled report end the retrying", () => {
    const done = record(0, "succeeded", { attempts: [{ attempt: 1, startedAt: 1, finishedAt: 2, error: "boom" }] });
    assert.deepEqual(withRetryReports([done], [report(0)]), [done]);
    assert.equal(withRetryReports([record(0, "retrying")], [report(0, { settled: true })])[0].status, "running");
  });

  it("ignores a report older than the attempts the record already holds", () => {
    const twoAttempts = [
      { attempt: 1, startedAt: 1, finishedAt: 2, error: "a" },
      { attempt: 2, startedAt: 3, finishedAt: 4, error: "b" },
    ];
    const held = record(0, "running", { attempts: twoAttempts });
    assert.equal(withRetryReports([held], [report(0)])[0], held);
  });

  it("moves the subtasks retrying now out of running in a summary's counts, never below zero", () => {
    const counts = { pending: 0, running: 3, retrying: 0, succeeded: 1, failed: 0, cancelled: 0 };
    assert.deepEqual(countRetrying(counts, 2), { ...counts, running: 1, retrying: 2 });
    assert.deepEqual(countRetrying(counts, 9), { ...counts, running: 0, retrying: 3 });
  });
});
