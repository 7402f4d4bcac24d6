import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readRunList, RUN_LIST_SHARDS, type DeepHints } from "@/lib/run-list";
import { entry, forDeepPagesOfSteadyHistory, memoryShards, steadyHistory } from "@/test/support/run-list-shards";

describe("what a page of the sharded runs list costs to read", () => {
  it("reads a bounded number of keys per page, near the top and far down: twenty times the entries, not twenty times the reads", async () => {
    const shards = memoryShards();
    // Deep: past what one round of the newest segments covers, in the failed runs (a tenth) and in all.
    const cost = async (deep: boolean) => {
      shards.takeReads();
      const failed = await readRunList(shards.reader, { offset: deep ? 150 : 0, limit: 20, status: "failed" });
      const all = await readRunList(shards.reader, { offset: deep ? 1500 : 0, limit: 20 });
      assert.equal(failed.entries.length + all.entries.length, 40);
      return shards.takeReads();
    };
    let t = Date.UTC(2026, 0, 1);
    const costs: Record<number, { top: number; deep: number }> = {};
    for (let i = 0; i < 20_000; i++) {
      t += 7;
      await shards.put(entry(i, t, i % 10 === 0 ? "failed" : "succeeded"));
      if (i + 1 === 2000 || i + 1 === 20_000) costs[i + 1] = { top: await cost(false), deep: await cost(true) };
    }
    for (const status of [undefined, "failed", "active"] as const) {
      for (const offset of [0, 20]) {
        shards.takeReads();
        await readRunList(shards.reader, { offset, limit: 20, status });
        assert.equal(
          shards.takeReads(),
          RUN_LIST_SHARDS,
          `the first pages of ${status ?? "all"} read one key per shard`,
        );
      }
    }
    // The trees get deeper (at most LEVELS + 1 nodes on a path) and then stop growing.
    assert.ok(costs[20_000].top <= costs[2000].top * 2, `top page reads: ${JSON.stringify(costs)}`);
    assert.ok(costs[20_000].deep <= costs[2000].deep * 2, `deep page reads: ${JSON.stringify(costs)}`);
  });

  it("reads a deep page in two rounds of shard calls when runs come steadily, at 2,000 as at 20,000 entries", async () => {
    await forDeepPagesOfSteadyHistory(async (shards, { status, offset }, size) => {
      shards.takeCalls();
      const page = await readRunList(shards.reader, { offset, limit: 20, status });
      assert.equal(page.entries.length, 20);
      const calls = shards.takeCalls();
      assert.equal(calls, 2 * RUN_LIST_SHARDS, `${status ?? "all"} at offset ${offset} of ${size}: ${calls} calls`);
    });
  });

  it("answers a deep page's shard calls in one round trip of state reads each (two for a rare status), at 2,000 as at 20,000 entries", async () => {
    const hints: DeepHints = new Map();
    await forDeepPagesOfSteadyHistory(async (shards, { status, offset }, size) => {
      for (const again of [false, true]) {
        shards.takeLongestCall();
        const page = await readRunList(shards.reader, { offset: offset + (again ? 20 : 0), limit: 20, status }, hints);
        assert.equal(page.entries.length, 20);
        const trips = shards.takeLongestCall();
        // A rare status's entries are spread thin, so its page reaches further back.
        const most = status === undefined ? 1 : 2;
        assert.ok(
          trips <= most,
          `${status ?? "all"} at offset ${offset} of ${size}${again ? ", polled" : ""}: ${trips}`,
        );
      }
    });
  });

  it("reads a deep page polled again in one round of shard calls", async () => {
    const shards = await steadyHistory(20_000);
    const hints: DeepHints = new Map();
    for (const [status, offset] of [
      [undefined, 10_000],
      ["failed", 1000],
    ] as const) {
      await readRunList(shards.reader, { offset, limit: 20, status }, hints);
      shards.takeCalls();
      await readRunList(shards.reader, { offset, limit: 20, status }, hints);
      assert.equal(shards.takeCalls(), RUN_LIST_SHARDS, `${status ?? "all"} at offset ${offset}, again`);
      await readRunList(shards.reader, { offset: offset + 20, limit: 20, status }, hints);
      assert.equal(shards.takeCalls(), RUN_LIST_SHARDS, `${status ?? "all"}, the next page`);
    }
  });
});
