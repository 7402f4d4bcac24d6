import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OneAtATime } from "@/lib/ui/one-at-a-time";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("polls that resume from a cursor, one at a time", () => {
  it("starts a poll asked for mid-flight only after the last one ended, from the cursor it left", async () => {
    const gate = new OneAtATime();
    let cursor = 0;
    const froms: number[] = [];
    // A poll reads the cursor, takes a while, and moves the cursor on from what it read.
    const poll = () =>
      gate.run(async () => {
        const from = cursor;
        froms.push(from);
        await tick(20);
        cursor = from + 1;
        return cursor;
      });
    const answers = await Promise.all([poll(), poll(), poll()]);
    assert.deepEqual(froms, [0, 1, 2], "each poll resumed where the previous one ended");
    assert.deepEqual(answers, [1, 2, 3]);
  });

  it("goes on after a poll that failed", async () => {
    const gate = new OneAtATime();
    const failed = gate.run(async () => {
      await tick(5);
      throw new Error("network down");
    });
    const next = gate.run(async () => "ok");
    await assert.rejects(failed, /network down/);
    assert.equal(await next, "ok");
  });
});
