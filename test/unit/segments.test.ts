import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { laneStart, queuedMs, segmentsOf } from "@/components/run/segments";
import type { SubtaskRecord } from "@/lib/records";

describe("lane segments", () => {
  it("draws Restate's queueing before the first attempt as its own segment", () => {
    const record: SubtaskRecord = {
      index: 0,
      description: "a",
      status: "succeeded",
      dispatchedAt: 100,
      startedAt: 400,
      finishedAt: 900,
    };
    assert.equal(queuedMs(record), 300);
    assert.deepEqual(
      segmentsOf(record, 1000).map((s) => [s.kind, s.start, s.end]),
      [
        ["queued", 100, 400],
        ["succeeded", 400, 900],
      ],
    );
  });

  it("runs a lane from its dispatch while the workflow has not heard from the subtask", () => {
    const record: SubtaskRecord = { index: 0, description: "a", status: "running", dispatchedAt: 100 };
    assert.equal(laneStart(record), 100);
    assert.equal(queuedMs(record), null, "the wait is unknown until the subtask reports its start");
    assert.deepEqual(
      segmentsOf(record, 500).map((s) => [s.kind, s.start, s.end]),
      [["running", 100, undefined]],
    );
  });

  it("draws every attempt and the waits between them", () => {
    const record: SubtaskRecord = {
      index: 0,
      description: "a",
      status: "succeeded",
      dispatchedAt: 0,
      startedAt: 0,
      finishedAt: 700,
      attempts: [
        { attempt: 1, startedAt: 0, finishedAt: 100, error: "boom" },
        { attempt: 2, startedAt: 600, finishedAt: 700 },
      ],
    };
    assert.deepEqual(
      segmentsOf(record, 1000).map((s) => s.kind),
      ["failed", "wait", "succeeded"],
    );
  });
});
