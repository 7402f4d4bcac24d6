import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SubtaskRecord } from "@/lib/records";
import { outcomeText, resultRows } from "@/components/run/results-rows";

const record = (
  index: number,
  status: SubtaskRecord["status"],
  ms: number | null,
  extra: Partial<SubtaskRecord> = {},
): SubtaskRecord => ({
  index,
  description: `item ${index}`,
  status,
  ...(ms === null ? {} : { startedAt: 1000, finishedAt: 1000 + ms }),
  ...extra,
});

describe("the results table's rows", () => {
  const records = [
    record(0, "succeeded", 300, { result: { words: 3 } }),
    record(1, "failed", 50, { error: "Refused item 1" }),
    record(2, "running", null),
    record(3, "failed", 900, { error: 'Quota exceeded for user "bob"' }),
    record(4, "succeeded", 900, { result: "DONE" }),
  ];
  const all = { status: null, group: null, search: "", order: "index" as const };

  it("filters by status, by error group and by a search over input, result and error", () => {
    assert.deepEqual(resultRows(records, 5, all), [0, 1, 2, 3, 4]);
    assert.deepEqual(resultRows(records, 5, { ...all, status: "failed" }), [1, 3]);
    assert.deepEqual(resultRows(records, 5, { ...all, group: "Refused item <n>" }), [1]);
    assert.deepEqual(resultRows(records, 5, { ...all, search: "QUOTA" }), [3]);
    assert.deepEqual(resultRows(records, 5, { ...all, search: "words" }), [0]);
    assert.deepEqual(resultRows(records, 5, { ...all, search: "item 4" }), [4]);
  });

  it("sorts by duration either way, ties by index, unfinished last", () => {
    assert.deepEqual(resultRows(records, 5, { ...all, order: "duration-desc" }), [3, 4, 0, 1, 2]);
    assert.deepEqual(resultRows(records, 5, { ...all, order: "duration-asc" }), [1, 0, 3, 4, 2]);
  });

  it("shows the error of a failed subtask and the result of a succeeded one", () => {
    assert.equal(outcomeText(records[1]), "Refused item 1");
    assert.equal(outcomeText(records[0]), '{"words":3}');
    assert.equal(outcomeText(records[2]), "");
  });
});
