import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkLocally } from "@/components/runs/start-run";
import { LIMITS } from "@/lib/limits";
import { parseMaxSubtasks } from "@/lib/max-subtasks";
import { FailureLimiter } from "@/lib/rate-limit";
import { parseSubmission } from "@/lib/run-input";
import { readStackEnv } from "@/scripts/stack/env";

describe("FANLINE_MAX_SUBTASKS", () => {
  it("is the default when unset, the number when it is one", () => {
    assert.equal(parseMaxSubtasks(undefined), 100_000);
    assert.equal(parseMaxSubtasks(""), 100_000);
    assert.equal(parseMaxSubtasks("250"), 250);
  });

  it("stops the start with a message when it is not a whole number of at least 1", () => {
    for (const raw of ["lots", "10k", "0", "-5", "2.5", "NaN", "Infinity"]) {
      assert.throws(() => parseMaxSubtasks(raw), new RegExp(`FANLINE_MAX_SUBTASKS=${raw} is not a whole number`), raw);
      assert.throws(
        () => readStackEnv({ ...process.env, FANLINE_MAX_SUBTASKS: raw }),
        /FANLINE_MAX_SUBTASKS/,
        `the stack's start refuses ${raw}`,
      );
    }
  });
});

describe("the form checks against the server's limits", () => {
  const fields = ["description", "form"];
  const many = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`).join(",");

  it("uses the limit the server sent, not the bundle's default", () => {
    assert.equal(
      checkLocally({ kind: "noop", description: many(LIMITS.maxSubtasks + 5) }, fields, {
        maxSubtasks: LIMITS.maxSubtasks * 2,
      }),
      null,
    );
    assert.match(
      checkLocally({ kind: "noop", description: many(60) }, fields, { maxSubtasks: 50 })?.description ?? "",
      /60 subtasks; the limit is 50/,
    );
    assert.match(
      checkLocally({ kind: "word-count", text: "a ".repeat(30), chunkSize: 1 }, ["text", "chunkSize"], {
        maxSubtasks: 10,
      })?.chunkSize ?? "",
      /make 30 subtasks; the limit is 10/,
    );
  });

  it("leaves the decision to the server until it knows the server's limits", () => {
    assert.equal(checkLocally({ kind: "noop", description: many(LIMITS.maxSubtasks + 5) }, fields, undefined), null);
  });
});

describe("the first retry wait", () => {
  it("is refused above the cap on every wait, instead of being silently shortened", () => {
    assert.equal(LIMITS.maxInitialIntervalMs, LIMITS.maxRetryIntervalMs);
    const over = parseSubmission({ description: "a", retry: { initialIntervalMs: LIMITS.maxRetryIntervalMs + 1 } });
    assert.ok(!over.ok);
    assert.match(over.error, /at most 30000 ms: waits are capped at 30 s/);
    assert.ok(parseSubmission({ description: "a", retry: { initialIntervalMs: LIMITS.maxRetryIntervalMs } }).ok);
  });
});

describe("the sign-in rate limit", () => {
  it("refuses attempts after 10 failures in a minute, until the oldest leaves the window", () => {
    let now = 0;
    const limiter = new FailureLimiter(10, 60_000, () => now);
    for (let i = 0; i < 10; i++) {
      assert.equal(limiter.retryAfterMs(), 0, `attempt ${i + 1}`);
      limiter.fail();
      now += 1000;
    }
    assert.equal(limiter.retryAfterMs(), 50_000);
    now = 60_000;
    assert.equal(limiter.retryAfterMs(), 0, "the first failure left the window");
  });
});
