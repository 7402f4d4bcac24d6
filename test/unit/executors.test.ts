import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TASK_KINDS } from "@/lib/kinds";
import { EXECUTORS, findExecutor } from "@/restate/kinds";

describe("kinds and their executors", () => {
  it("every kind the API accepts has exactly one executor in the services, and no executor is orphaned", () => {
    for (const kind of TASK_KINDS) assert.ok(findExecutor(kind.name), `no executor for kind '${kind.name}'`);
    assert.deepEqual(EXECUTORS.map((e) => e.kind).sort(), TASK_KINDS.map((k) => k.name).sort());
  });
});
