/*
 * The runs list's shards in memory for its unit tests: the pure functions of
 * lib/run-list.ts over Maps, counting what each page costs to read.
 */
import {
  putEntry,
  removeEntry,
  RUN_LIST_SHARDS,
  shardHead,
  shardNode,
  shardOf,
  type RunFilter,
  type ShardReader,
  type ShardState,
} from "@/lib/run-list";
import type { RunIndexEntry } from "@/lib/records";
import { RUN_STATUSES, type RunStatus } from "@/lib/status";
import { memoryShard } from "./memory-shard";

/** Shards in memory, counting the reads each page costs. */
export function memoryShards() {
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
export function steadyHistory(size: number): Promise<ReturnType<typeof memoryShards>> {
  let built = steadyHistories.get(size);
  if (!built) {
    const shards = memoryShards();
    built = putSteadily(shards, 0, size).then(() => shards);
    steadyHistories.set(size, built);
  }
  return built;
}

/** Steady histories of 2,000 and of 20,000 runs, and in each a deep page of all runs and one of the failed ones. */
export async function forDeepPagesOfSteadyHistory(
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

export const entry = (i: number, createdAt: number, status: RunStatus): RunIndexEntry => ({
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
export function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

export const FILTERS: RunFilter[] = [undefined, "active", ...RUN_STATUSES];
export const FINAL: RunStatus[] = ["succeeded", "failed", "cancelled", "killed"];
