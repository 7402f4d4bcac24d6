import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runOutcome } from "@/lib/run-outcome";
import type { SubtaskRecord } from "@/lib/records";
import { emptyCounts } from "@/lib/status";

const ledger = (failed: number, total: number) => ({
  counts: { ...emptyCounts(), failed, succeeded: total - failed },
  total,
  records: Array.from({ length: total }, (_, i): SubtaskRecord => ({
    index: i,
    description: `s${i}`,
    status: i < failed ? "failed" : "succeeded",
    error: i < failed ? "boom" : undefined,
  })),
});

describe("how a run ends after its fan-out", () => {
  it("succeeds when nothing failed, and fails naming how many did otherwise", () => {
    assert.deepEqual(runOutcome(ledger(0, 5), null, null), { status: "succeeded", error: null });
    assert.deepEqual(runOutcome(ledger(2, 5), null, null), { status: "failed", error: "2 of 5 subtasks failed" });
  });

  it("fails at the first failure under fail-fast, naming the subtask and its error", () => {
    assert.deepEqual(runOutcome(ledger(1, 5), null, 0), {
      status: "failed",
      error: 'Stopped at the first failure (fail-fast): "s0": boom',
    });
  });

  it("succeeds within a tolerance and fails, saying why, once it is crossed", () => {
    assert.deepEqual(runOutcome(ledger(2, 10), { count: 2 }, null), { status: "succeeded", error: null });
    const crossed = runOutcome(ledger(3, 10), { count: 2 }, 2);
    assert.equal(crossed.status, "failed");
    assert.match(crossed.error ?? "", /^Stopped: /);
  });
});
