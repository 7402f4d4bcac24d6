import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { laneLabel, laneNaming } from "@/components/run/lane-text";
import type { StubRecord } from "@/components/run/subtask-snapshot";
import type { SubtaskRecord } from "@/lib/records";

const stub: StubRecord = { index: 12_345, description: "", status: "pending", stub: true };

describe("a lane's name", () => {
  it("is the subtask's description, known", () => {
    const record: SubtaskRecord = { index: 3, description: "resize photo 4", status: "pending" };
    assert.deepEqual(laneNaming(record), { name: "resize photo 4", known: true });
  });

  it("is a pending subtask's number until its description comes, then the description", () => {
    assert.deepEqual(laneNaming(stub), { name: "Subtask 12,346", known: false });
    assert.deepEqual(laneNaming(stub, "row 12346"), { name: "row 12346", known: true });
    assert.equal(laneLabel(stub, 0), "Subtask 12,346: pending");
  });
});
