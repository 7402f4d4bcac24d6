import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PermanentError } from "@/lib/kinds/errors";
import { failIfSimulated, parseSimulation, simulationProblem } from "@/lib/kinds/simulation";
import { parseSubmission } from "@/lib/run-input";

describe("simulated failures and latency", () => {
  it("reads nothing from a plain description", () => {
    assert.equal(parseSimulation("make coffee"), null);
    assert.equal(parseSimulation("make coffee [extra hot]"), null);
  });

  it("reads failures, permanence and time, combined", () => {
    assert.deepEqual(parseSimulation("a [fail 2]"), { failAttempts: 2, permanent: false, takeMs: null });
    assert.deepEqual(parseSimulation("a [fail]"), { failAttempts: Infinity, permanent: false, takeMs: null });
    assert.deepEqual(parseSimulation("a [fail permanently]"), { failAttempts: 0, permanent: true, takeMs: null });
    assert.deepEqual(parseSimulation("a [fail 1, take 2s]"), { failAttempts: 1, permanent: false, takeMs: 2000 });
    assert.deepEqual(parseSimulation("a [take 250ms]"), { failAttempts: 0, permanent: false, takeMs: 250 });
  });

  it("fails exactly the planned attempts", () => {
    const twice = parseSimulation("x [fail 2]");
    assert.throws(() => failIfSimulated(twice, 1), /attempt 1 \(2 planned\)/);
    assert.throws(() => failIfSimulated(twice, 2), /attempt 2/);
    assert.doesNotThrow(() => failIfSimulated(twice, 3));
    assert.throws(() => failIfSimulated(parseSimulation("x [fail]"), 9), /every attempt fails/);
    assert.throws(() => failIfSimulated(parseSimulation("x [fail permanently]"), 1), PermanentError);
  });

  it("bounds simulated time to 10 minutes, in validation and in the subtask", () => {
    assert.deepEqual(parseSimulation("a [take 600s]"), { failAttempts: 0, permanent: false, takeMs: 600_000 });
    for (const text of ["a [take 99999999s]", "a [take 600001ms]"]) {
      assert.match(simulationProblem(text) ?? "", /longer than the 10 minutes/, text);
      assert.throws(() => parseSimulation(text), PermanentError, text);
    }
    for (const text of ["a [take 1e310ms]", "a [take forever]", `a [take ${"9".repeat(400)}ms]`]) {
      assert.match(simulationProblem(text) ?? "", /not a simulated time|longer than/, text);
      assert.throws(() => parseSimulation(text), PermanentError, text);
    }
    const refused = parseSubmission({ kind: "noop", description: "fine,slow [take 99999999s]" });
    assert.ok(!refused.ok);
    assert.match(refused.error, /Subtask 2: "\[take 99999999s\]" is longer than the 10 minutes/);
  });
});
