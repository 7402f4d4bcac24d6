import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chores } from "@/lib/kinds/chores";
import { splitCommaList } from "@/lib/kinds/comma-list";
import { findKind } from "@/lib/kinds";
import { shownField } from "@/lib/kinds/kind";
import { noop } from "@/lib/kinds/noop";
import { runLabel } from "@/lib/label";

describe("splitting a comma-separated task", () => {
  it("trims each subtask and drops empty ones, keeping input order", () => {
    assert.deepEqual(splitCommaList(" get out of bed, shower,,make coffee ,"), [
      "get out of bed",
      "shower",
      "make coffee",
    ]);
  });

  it("keeps commas inside square brackets with their subtask", () => {
    assert.deepEqual(splitCommaList("resize [fail 1, take 2s],send"), ["resize [fail 1, take 2s]", "send"]);
  });

  it("gives the chores kind one subtask per chore, labelled with the chore", () => {
    const specs = chores.split({ description: "get out of bed,shower" });
    assert.deepEqual(specs, [
      { description: "get out of bed", input: "get out of bed" },
      { description: "shower", input: "shower" },
    ]);
  });
});

describe("aggregating", () => {
  it("answers the guide's exact string for chores, in input order", () => {
    const aggregate = chores.aggregate(
      ["get out of bed", "shower", "make coffee", "have breakfast"].map((description) => ({
        description,
        status: "succeeded" as const,
        result: "DONE",
      })),
    );
    assert.deepEqual(aggregate, {
      description: "get out of bed: DONE,shower: DONE,make coffee: DONE,have breakfast: DONE",
    });
  });

  it("names failed chores instead of hiding them", () => {
    const aggregate = chores.aggregate([
      { description: "a", status: "succeeded", result: "DONE" },
      { description: "b", status: "failed", error: "boom" },
    ]);
    assert.equal(aggregate.description, "a: DONE,b: FAILED");
  });

  it("counts no-op outcomes", () => {
    assert.deepEqual(
      noop.aggregate([
        { description: "a", status: "succeeded", result: null },
        { description: "b", status: "cancelled" },
      ]),
      { succeeded: 1, failed: 0, cancelled: 1 },
    );
  });
});

describe("run labels", () => {
  it("shows all subtasks when they fit", () => {
    assert.equal(runLabel(["a", "b"]), "a, b");
  });

  it("says how many more there are instead of cutting silently", () => {
    const label = runLabel(Array.from({ length: 100 }, (_, i) => `subtask number ${i}`));
    assert.match(label, /\(\+\d+ more\)$/);
    assert.ok(label.length < 100);
  });
});

describe("a field's hint", () => {
  it("names the server's limit, whatever the bundle's default", () => {
    const description = findKind("noop")!.fields.find((f) => f.name === "description")!;
    assert.match(shownField(description, { maxSubtasks: 300 }).help ?? "", /Up to 300 subtasks\./);
    assert.match(shownField(description, { maxSubtasks: 100_000 }).help ?? "", /Up to 100,000 subtasks\./);
    const items = findKind("call")!.fields.find((f) => f.name === "items")!;
    assert.match(shownField(items, { maxSubtasks: 2500 }).help ?? "", /up to 2,500 items/);
  });
});
