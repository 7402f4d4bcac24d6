import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ErrorGroupTally, maskError } from "@/lib/error-groups";

describe("grouping failures by cause", () => {
  it("masks quoted values, ids and numbers, keeping the words", () => {
    assert.equal(maskError('Refused item 17: "please refuse 16"'), 'Refused item <n>: "…"');
    assert.equal(maskError("Refused item 18: 'other text'"), "Refused item <n>: '…'");
    assert.equal(maskError("order 5f1c2a9e-0b7d-4c1e-9a3f-2b6d8e1f0a4c not found"), "order <id> not found");
    assert.equal(maskError("invocation inv_1abcDEF234 timed out after 2.5 s"), "invocation <id> timed out after <n> s");
    assert.equal(maskError("user ab12cd34 over quota (limit 1,000)"), "user <id> over quota (limit <n>)");
    assert.equal(maskError("Quota exceeded for user u2x9z (limit 102)"), "Quota exceeded for user <id> (limit <n>)");
    assert.equal(
      maskError("Simulated failure on attempt 3 (every attempt fails)"),
      "Simulated failure on attempt <n> (every attempt fails)",
    );
    assert.equal(maskError("it's broken, isn't it"), "it's broken, isn't it", "apostrophes are not quotes");
  });

  it("counts each failed subtask once, largest group first, with its lowest index as the sample", () => {
    const tally = new ErrorGroupTally();
    assert.equal(
      tally.add([
        { index: 4, status: "failed", error: "Refused item 4" },
        { index: 1, status: "succeeded" },
      ]),
      true,
    );
    tally.add([
      { index: 2, status: "failed", error: "timeout after 30 s" },
      { index: 3, status: "failed", error: "Refused item 3" },
    ]);
    assert.equal(tally.add([{ index: 4, status: "failed", error: "Refused item 4" }]), false, "the same record again");
    assert.deepEqual(tally.summary(), {
      groups: [
        { error: "Refused item <n>", count: 2, sample: 3 },
        { error: "timeout after <n> s", count: 1, sample: 2 },
      ],
      rest: { groups: 0, count: 0 },
    });
  });

  it("keeps the top groups and counts the rest", () => {
    const tally = new ErrorGroupTally();
    const words = ["alpha", "beta", "gamma", "delta"];
    tally.add(
      words.flatMap((w, g) =>
        Array.from({ length: 4 - g }, (_, i) => ({ index: g * 10 + i, status: "failed", error: `${w} broke` })),
      ),
    );
    const summary = tally.summary(2);
    assert.deepEqual(
      summary.groups.map((g) => [g.error, g.count]),
      [
        ["alpha broke", 4],
        ["beta broke", 3],
      ],
    );
    assert.deepEqual(summary.rest, { groups: 2, count: 3 });
  });
});
