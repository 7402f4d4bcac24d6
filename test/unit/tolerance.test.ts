import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTolerance } from "@/lib/tolerance";

describe("tolerated failures", () => {
  it("a count: up to n failures go on, the next one stops with the limit in words", () => {
    assert.deepEqual(checkTolerance({ count: 2 }, 2, 10), { stop: false, message: null });
    assert.deepEqual(checkTolerance({ count: 2 }, 3, 10), {
      stop: true,
      message: "3 of 10 subtasks failed: more than the 2 failed subtasks tolerated",
    });
    assert.deepEqual(checkTolerance({ count: 0 }, 1, 10), {
      stop: true,
      message: "1 of 10 subtasks failed: more than the 0 failed subtasks tolerated",
    });
    assert.equal(
      checkTolerance({ count: 1 }, 2, 10).message,
      "2 of 10 subtasks failed: more than the 1 failed subtask tolerated",
    );
  });

  it("a percent of all the run's subtasks: at the limit goes on, past it stops", () => {
    assert.equal(checkTolerance({ percent: 10 }, 4, 40).stop, false);
    assert.deepEqual(checkTolerance({ percent: 10 }, 5, 40), {
      stop: true,
      message: "5 of 40 subtasks failed (12.5%): more than the 10% tolerated",
    });
    assert.equal(checkTolerance({ percent: 100 }, 40, 40).stop, false);
    assert.equal(checkTolerance({ percent: 0 }, 1, 3).stop, true);
  });
});
