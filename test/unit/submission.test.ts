import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LIMITS } from "@/lib/limits";
import { parseSubmission } from "@/lib/run-input";

function errorOf(body: unknown): string {
  const parsed = parseSubmission(body);
  assert.equal(parsed.ok, false, `expected ${JSON.stringify(body)} to be rejected`);
  return parsed.ok ? "" : parsed.error;
}

describe("parseSubmission", () => {
  it("accepts the guide's task with defaults filled in", () => {
    const parsed = parseSubmission({ description: "get out of bed,shower" });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.input, {
      kind: "chores",
      concurrency: LIMITS.defaultConcurrency,
      retry: { maxAttempts: LIMITS.defaultMaxAttempts, initialIntervalMs: LIMITS.defaultInitialIntervalMs },
      onFailure: "continue",
      task: { description: "get out of bed,shower" },
    });
  });

  it("keeps an explicit id, kind, concurrency, retry policy and failure mode", () => {
    const parsed = parseSubmission({
      description: "a",
      kind: "noop",
      concurrency: 7,
      id: "my-run_1",
      retry: { maxAttempts: 5 },
      onFailure: "fail-fast",
    });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.input.retry, { maxAttempts: 5, initialIntervalMs: LIMITS.defaultInitialIntervalMs });
    assert.equal(parsed.input.onFailure, "fail-fast");
    assert.equal(parsed.id, "my-run_1");
    assert.equal(parsed.input.kind, "noop");
    assert.equal(parsed.input.concurrency, 7);
  });

  it("explains each kind of bad input", () => {
    assert.match(errorOf({ description: "" }), /empty/);
    assert.match(errorOf({ description: " , ,, " }), /only commas and spaces/);
    assert.match(errorOf({}), /Task description must be text/);
    assert.match(errorOf({ description: 42 }), /must be text/);
    assert.match(errorOf({ description: "a", concurrency: 0 }), /at least 1/);
    assert.match(errorOf({ description: "a", concurrency: 1.5 }), /whole number/);
    assert.match(errorOf({ description: "a", concurrency: "3" }), /must be a number/);
    assert.match(errorOf({ description: "a", kind: "nope" }), /Unknown task kind/);
    assert.match(errorOf({ description: "a", id: "has space" }), /letters, digits/);
    assert.match(errorOf({ description: "a", id: "x".repeat(65) }), /longer than 64/);
    assert.match(errorOf({ description: "a", retry: { maxAttempts: 0 } }), /Max attempts must be at least 1/);
    assert.match(errorOf({ description: "a", retry: { maxAttempts: 11 } }), /at most 10/);
    assert.match(errorOf({ description: "a", retry: { initialIntervalMs: 5 } }), /at least 100 ms/);
    assert.match(errorOf({ description: "a", retry: "often" }), /Retry must be an object/);
    assert.match(errorOf({ description: "a", onFailure: "explode" }), /continue, fail-fast/);
    assert.match(errorOf([1, 2]), /JSON object/);
    assert.match(errorOf(null), /JSON object/);
  });

  it("enforces the subtask count and length limits", () => {
    const many = Array.from({ length: LIMITS.maxSubtasks + 1 }, (_, i) => `s${i}`).join(",");
    assert.match(errorOf({ description: many }), new RegExp(`limit is ${LIMITS.maxSubtasks}`));
    assert.match(
      errorOf({ description: `ok,${"x".repeat(LIMITS.maxSubtaskLength + 1)}` }),
      /Subtask 2 is \d+ characters long/,
    );
  });
});
