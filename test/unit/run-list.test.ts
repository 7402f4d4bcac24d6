import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  HEAD_LIMIT,
  matches,
  newerFirst,
  putEntry,
  readRunList,
  removeEntry,
  RUN_LIST_SHARDS,
  shardHead,
  shardNode,
  shardOf,
  type DeepHints,
  type RunFilter,
  type ShardReader,
  type ShardState,
} from "@/lib/run-list";
import type { RunIndexEntry } from "@/lib/records";
import { RUN_STATUSES, type RunStatus } from "@/lib/status";
import { memoryShard } from "@/test/support/memory-shard";

/** Shards in memory, counting the reads each page costs. */
function memoryShards() {
  const maps = Array.from({ length: RUN_LIST_SHARDS }, () => new Map<string, unknown>());
  let reads = 0;
  /** Per call, its own count of state round trips: the calls of a round run at once. */
  const state = (s: number, onRoundTrip?: () => void) => memoryShard(maps[s], () => reads++, onRoundTrip);
  let calls = 0;
  /** The most state round trips one shard call took since the last look. */
  let longestCall = 0;
  const counted = async <T>(call: (state: ShardState) => Promise<T>, s: number): Promise<T> => {
    calls++;
    let trips = 0;
    const answer = await call(state(s, () => trips++));
    longestCall = Math.max(longestCall, trips);
    return answer;
  };
  const reader: ShardReader = {
    head: (s, query) => counted((st) => shardHead(st, query), s),
    node: (s, query) => counted((st) => shardNode(st, query), s),
  };
  return {
    put: (e: RunIndexEntry, previous?: RunIndexEntry) => putEntry(state(shardOf(e.id)), e, previous),
    remove: (e: RunIndexEntry) => removeEntry(state(shardOf(e.id)), e),
    reader,
    keys: () => maps.reduce((n, m) => n + m.size, 0),
    takeReads: () => {
      const n = reads;
      reads = 0;
      return n;
    },
    /** As a shard written before the windows and roots keys existed holds it. */
    forgetWindowsAndRoots: () =>
      maps.forEach((m) =>
        [...m.keys()].filter((k) => k.startsWith("windows:") || k === "roots").forEach((k) => m.delete(k)),
      ),
    /** The most state round trips a shard's call took (they run one after another in the handler). */
    takeLongestCall: () => {
      const n = longestCall;
      longestCall = 0;
      return n;
    },
    /** Calls of the shards' handlers (a round of a page reads every shard at once). */
    takeCalls: () => {
      const n = calls;
      calls = 0;
      return n;
    },
  };
}

/** Runs `from`..`to` - 1, one every 6 s (100,000 in a week), a tenth of them failed. */
async function putSteadily(shards: ReturnType<typeof memoryShards>, from: number, to: number) {
  for (let i = from; i < to; i++)
    await shards.put(entry(i, Date.UTC(2026, 0, 1) + i * 6000, i % 10 === 0 ? "failed" : "succeeded"));
}

/**
 * Shards holding a steady history of `size` runs, built once per size for the
 * tests that only read it (building 20,000 entries is most of their time).
 */
const steadyHistories = new Map<number, Promise<ReturnType<typeof memoryShards>>>();
function steadyHistory(size: number): Promise<ReturnType<typeof memoryShards>> {
  let built = steadyHistories.get(size);
  if (!built) {
    const shards = memoryShards();
    built = putSteadily(shards, 0, size).then(() => shards);
    steadyHistories.set(size, built);
  }
  return built;
}

/** Steady histories of 2,000 and of 20,000 runs, and in each a deep page of all runs and one of the failed ones. */
async function forDeepPagesOfSteadyHistory(
  visit: (
    shards: ReturnType<typeof memoryShards>,
    query: { status: RunFilter; offset: number },
    size: number,
  ) => Promise<void>,
) {
  for (const size of [2000, 20_000]) {
    const shards = await steadyHistory(size);
    for (const [status, offset] of [
      [undefined, size / 2],
      ["failed", size / 20],
    ] as const)
      await visit(shards, { status, offset }, size);
  }
}

const entry = (i: number, createdAt: number, status: RunStatus): RunIndexEntry => ({
  id: `run-${i}`,
  kind: "noop",
  label: `run ${i}`,
  createdAt,
  status,
  finishedAt: null,
  rerunOf: null,
  reruns: [],
});

/** A deterministic pseudo-random sequence, so a failure reproduces. */
function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const FILTERS: RunFilter[] = [undefined, "active", ...RUN_STATUSES];
const FINAL: RunStatus[] = ["succeeded", "failed", "cancelled", "killed"];

describe("the sharded runs list", () => {
  it("pages exactly like one sorted array, for every filter, shallow and deep, as entries are added, finished and removed", async () => {
    const shards = memoryShards();
    const rand = random(12);
    const model = new Map<string, RunIndexEntry>();
    // Bursts (many runs in one millisecond), a steady trickle, and gaps of hours, over a week.
    let t = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3000; i++) {
      const gap = rand();
      t +=
        gap < 0.5 ? Math.floor(rand() * 3) : gap < 0.99 ? Math.floor(rand() * 300) : Math.floor(rand() * 4 * 3600_000);
      const e = entry(i, t, "running");
      model.set(e.id, e);
      await shards.put(e);
      if (rand() < 0.8) {
        const done = { ...e, status: FINAL[Math.floor(rand() * FINAL.length)], finishedAt: t + 5 };
        model.set(e.id, done);
        await shards.put(done, e);
      }
    }
    const all = [...model.values()];
    for (const gone of all.filter(() => rand() < 0.2)) {
      model.delete(gone.id);
      await shards.remove(gone);
      await shards.remove(gone);
    }
    const sorted = [...model.values()].sort(newerFirst);
    for (const status of FILTERS) {
      const wanted = sorted.filter((e) => matches(e.status, status));
      const offsets = [0, 1, 19, HEAD_LIMIT - 20, HEAD_LIMIT, wanted.length - 5, wanted.length, wanted.length + 10];
      for (let o = 101; o < wanted.length; o += 97) offsets.push(o);
      const hints: DeepHints = new Map();
      for (const offset of offsets.filter((o) => o >= 0)) {
        for (const guessing of [undefined, hints]) {
          const page = await readRunList(shards.reader, { offset, limit: 20, status }, guessing);
          assert.equal(page.total, wanted.length, `total of ${status ?? "all"}`);
          assert.deepEqual(
            page.entries.map((e) => e.id),
            wanted.slice(offset, offset + 20).map((e) => e.id),
            `${status ?? "all"} at offset ${offset}${guessing ? ", guessing from the last deep page" : ""}`,
          );
        }
      }
    }
  });

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

  it("pages exactly when the list changed since the guess was made: runs added, finished and gone between reads", async () => {
    const shards = memoryShards();
    const rand = random(7);
    const model = new Map<string, RunIndexEntry>();
    let t = Date.UTC(2026, 0, 1);
    let i = 0;
    const add = async (status: RunStatus) => {
      t += Math.floor(rand() * 9000);
      const e = entry(i++, t, status);
      model.set(e.id, e);
      await shards.put(e);
    };
    for (let n = 0; n < 4000; n++) await add(rand() < 0.1 ? "running" : "succeeded");
    const hints: DeepHints = new Map();
    for (let round = 0; round < 40; round++) {
      // Between reads: new runs, runs finishing, runs leaving the list.
      for (let n = 0; n < 1 + Math.floor(rand() * 30); n++) await add("running");
      const running = [...model.values()].filter((e) => e.status === "running");
      for (const e of running.filter(() => rand() < 0.2)) {
        const done = { ...e, status: "failed" as const, finishedAt: e.createdAt + 1 };
        model.set(e.id, done);
        await shards.put(done, e);
      }
      for (const e of [...model.values()].filter(() => rand() < 0.002)) {
        model.delete(e.id);
        await shards.remove(e);
      }
      for (const status of [undefined, "running", "failed"] as const) {
        const wanted = [...model.values()].filter((e) => matches(e.status, status)).sort(newerFirst);
        const offset = Math.floor(rand() * wanted.length);
        const page = await readRunList(shards.reader, { offset, limit: 20, status }, hints);
        assert.deepEqual(
          page.entries.map((e) => e.id),
          wanted.slice(offset, offset + 20).map((e) => e.id),
          `${status ?? "all"} at offset ${offset}, round ${round}`,
        );
      }
    }
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

  it("pages exactly from shards written before the windows and roots keys existed, and after they change again", async () => {
    const shards = memoryShards();
    const model = new Map<string, RunIndexEntry>();
    const put = async (e: RunIndexEntry, previous?: RunIndexEntry) => {
      model.set(e.id, e);
      await shards.put(e, previous);
    };
    for (let i = 0; i < 3000; i++)
      await put(entry(i, Date.UTC(2026, 0, 1) + i * 6000, i % 7 === 0 ? "running" : "succeeded"));
    shards.forgetWindowsAndRoots();
    const check = async (when: string) => {
      for (const status of [undefined, "running", "failed"] as const) {
        const wanted = [...model.values()].filter((e) => matches(e.status, status)).sort(newerFirst);
        for (const offset of [150, Math.floor(wanted.length / 2), wanted.length - 30].filter((o) => o > 100)) {
          const page = await readRunList(shards.reader, { offset, limit: 20, status });
          assert.deepEqual(
            page.entries.map((e) => e.id),
            wanted.slice(offset, offset + 20).map((e) => e.id),
            `${when}: ${status ?? "all"} at offset ${offset}`,
          );
        }
      }
    };
    await check("before any change");
    for (const e of [...model.values()].filter((e) => e.status === "running").slice(0, 200))
      await put({ ...e, status: "failed", finishedAt: e.createdAt + 1 }, e);
    await check("after runs finished");
  });

  it("reads everything a change needs before it writes anything, so a reader never catches a run between two statuses", async () => {
    const map = new Map<string, unknown>();
    const inner = memoryShard(map);
    let wrote = false;
    const readsAfterWrites: string[] = [];
    const watch = (keys: string[]) => wrote && readsAfterWrites.push(...keys);
    const shard: ShardState = {
      get: (key) => (watch([key]), inner.get(key)),
      getMany: (keys) => (watch(keys), inner.getMany(keys)),
      set: (key, value) => ((wrote = true), inner.set(key, value)),
      clear: (key) => ((wrote = true), inner.clear(key)),
    };
    const change = async (what: () => Promise<void>) => {
      wrote = false;
      await what();
    };
    const rand = random(3);
    const held = new Map<string, RunIndexEntry>();
    let t = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3000; i++) {
      t += Math.floor(rand() * 4000);
      const e = entry(i, t, "running");
      held.set(e.id, e);
      await change(() => putEntry(shard, e));
      // Runs finish in any order, some at once, some after many newer ones started: moves out of the newest too.
      for (const r of [...held.values()].filter(() => rand() < 0.02)) {
        const done = { ...r, status: FINAL[Math.floor(rand() * FINAL.length)], finishedAt: t };
        await change(() => putEntry(shard, done, r));
        held.delete(r.id);
        if (rand() < 0.1) await change(() => removeEntry(shard, done));
      }
    }
    assert.deepEqual(readsAfterWrites.slice(0, 5), [], `${readsAfterWrites.length} reads came after a write`);
  });

  it("deletes what it no longer needs: a list whose entries all left holds no keys", async () => {
    const shards = memoryShards();
    const entries = Array.from({ length: 500 }, (_, i) => entry(i, Date.UTC(2026, 0, 1) + i * 997, "running"));
    for (const e of entries) await shards.put(e);
    for (const e of entries) await shards.put({ ...e, status: "succeeded" }, e);
    assert.ok(shards.keys() > 0);
    for (const e of entries) await shards.remove({ ...e, status: "succeeded" });
    assert.equal(shards.keys(), 0);
    assert.deepEqual(await readRunList(shards.reader, { offset: 0, limit: 20 }), { entries: [], total: 0 });
  });
});
