import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  HEAD_LIMIT,
  matches,
  newerFirst,
  putEntry,
  readRunList,
  removeEntry,
  type DeepHints,
  type ShardState,
} from "@/lib/run-list";
import type { RunIndexEntry } from "@/lib/records";
import type { RunStatus } from "@/lib/status";
import { memoryShard } from "@/test/support/memory-shard";
import { entry, FILTERS, FINAL, memoryShards, random } from "@/test/support/run-list-shards";

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
