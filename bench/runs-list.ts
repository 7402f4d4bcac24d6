/*
 * `npm run bench:runs-list`: what adding, finishing and listing cost as the
 * runs list grows, on a Restate server started for the purpose (free ports,
 * thrown away at the end).
 *
 *   fill to 1,000 ─► measure ─► fill to 10,000 ─► measure ─► fill to 20,000 ─► measure
 *   measure: 200 adds and 200 finishes (8 at a time), then list pages one at a
 *            time, 100 of each: the newest 20 of all runs, of failed ones, of
 *            active ones; 50 each of 20 from the middle of all runs and of the
 *            failed ones
 *
 * The timed adds and finishes go through the real index handlers
 * (bench/runs-list-endpoint.ts, a benchmark-only service, calls them as the
 * workflow does). The history around them is built with the same code the
 * shards run (lib/run-list.ts) in this process and written into the shards
 * through Restate's admin API: 100,000 adds through the handlers would take
 * an hour on a shared two-core machine, and would not change what a list
 * page reads. `-- --quick`: 1,000 and 10,000 only. Writes bench/runs-list.json
 * (quick: runs-list.quick.json).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import * as clients from "@restatedev/restate-sdk-clients";
import { RUN_LIST_OBJECT } from "@/lib/names";
import { runsListClient } from "@/lib/run-list-client";
import { putEntry, RUN_LIST_SHARDS, shardOf, type RunFilter, type RunListQuery, type ShardState } from "@/lib/run-list";
import type { RunIndexEntry, RunStatus } from "@/lib/status";
import type { Managed } from "@/scripts/stack/process";
import { startTestStack, type TestStack } from "@/test/support/test-stack";
import type { BenchRunList } from "./runs-list-endpoint";
import { startBenchEndpoint } from "./stack";
import { loadAverage, percentile, round } from "./stats";

const quick = process.argv.includes("--quick");
/** BENCH_SIZES: comma-separated sizes instead. Restate's admin API takes at most 2 MB per write, one shard at a time: about 20,000 entries in all. */
const sizes = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : quick
    ? [1000, 10_000]
    : [1000, 10_000, 20_000];
const resultsFile = path.join(import.meta.dirname, quick ? "runs-list.quick.json" : "runs-list.json");
/** History spread over six days (one run every ~5 s at 100,000), as a week of real use would be. */
const SPREAD_MS = 6 * 24 * 3600_000;
/** Timed adds and finishes at each size, and timed reads of each kind of page (BENCH_PROBES, BENCH_PAGES). */
const PROBES = Number(process.env.BENCH_PROBES ?? 200);
const PAGE_READS = Number(process.env.BENCH_PAGES ?? 100);
const PROBE_PARALLEL = 8;

/** Of every 100 runs: 85 succeeded, 10 failed, 3 cancelled, 1 killed, 1 still running. */
function statusOf(i: number): RunStatus {
  const r = i % 100;
  return r < 85 ? "succeeded" : r < 95 ? "failed" : r < 98 ? "cancelled" : r < 99 ? "killed" : "running";
}

const log = (line: string) => console.log(`bench: ${line}`);

let stack: TestStack | null = null;
let endpoint: Managed | null = null;
async function stopAll(code: number): Promise<never> {
  await endpoint?.stop().catch(() => {});
  await stack?.stop().catch((e) => console.error(`bench: stopping: ${(e as Error).message}`));
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(130));

async function inParallel<T>(items: T[], parallel: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await each(items[next++]);
    }),
  );
}

async function timed(fn: () => PromiseLike<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The shards as this process builds them, written into Restate whole. */
function mirrorShards() {
  const maps = Array.from({ length: RUN_LIST_SHARDS }, () => new Map<string, unknown>());
  const state = (s: number): ShardState => ({
    get: async <T>(key: string) => (structuredClone(maps[s].get(key)) as T) ?? null,
    set: (key, value) => void maps[s].set(key, structuredClone(value)),
    clear: (key) => void maps[s].delete(key),
  });
  return {
    put: (entry: RunIndexEntry, previous?: RunIndexEntry) => putEntry(state(shardOf(entry.id)), entry, previous),
    async upload(adminUrl: string) {
      for (const [s, map] of maps.entries()) {
        const newState = Object.fromEntries(
          [...map].map(([key, value]) => [key, [...Buffer.from(JSON.stringify(value))]]),
        );
        const response = await fetch(`${adminUrl}/services/${RUN_LIST_OBJECT}/state`, {
          signal: AbortSignal.timeout(120_000),
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ object_key: String(s), new_state: newState }),
        });
        if (!response.ok)
          throw new Error(`writing shard ${s} (${map.size} keys): ${response.status} ${await response.text()}`);
      }
    },
  };
}

const stats = (ms: number[]) => ({ p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)), n: ms.length });

async function main() {
  stack = await startTestStack();
  endpoint = await startBenchEndpoint(stack, "runs-list", "bench/runs-list-endpoint.ts");
  const ingress = clients.connect({ url: stack.ingressUrl });
  const bench = ingress.serviceClient<BenchRunList>({ name: "BenchRunList" });
  const list = runsListClient(ingress);
  const base = Date.now() - SPREAD_MS;
  const spacing = SPREAD_MS / sizes[sizes.length - 1];
  const expected: Record<string, number> = { all: 0, failed: 0, active: 0 };
  const count = (status: RunStatus) => {
    expected.all++;
    if (status === "failed") expected.failed++;
    if (status === "running") expected.active++;
  };

  const mirror = mirrorShards();
  let filled = 0;
  const results = [];
  for (const size of sizes) {
    for (let n = filled; n < size; n++) {
      const status = statusOf(n);
      count(status);
      const createdAt = Math.round(base + n * spacing);
      await mirror.put({
        id: `bench-${n}`,
        kind: "noop",
        label: `bench ${n}`,
        createdAt,
        status,
        finishedAt: status === "running" ? null : createdAt + 1000,
        rerunOf: null,
        reruns: [],
      });
    }
    filled = size;
    await mirror.upload(stack.adminUrl);
    // The admin API applies a write asynchronously.
    const deadline = Date.now() + 60_000;
    while ((await list.list({ offset: 0, limit: 1 })).total !== expected.all) {
      if (Date.now() > deadline) throw new Error(`the shards did not reach ${expected.all} entries`);
      await new Promise((r) => setTimeout(r, 200));
    }
    log(`${size} entries`);

    const probes = Array.from({ length: PROBES }, (_, k) => `probe-${size}-${k}`);
    const addMs: number[] = [];
    const finishMs: number[] = [];
    const added = new Map<string, RunIndexEntry>();
    const addStart = performance.now();
    await inParallel(probes, PROBE_PARALLEL, async (id) => {
      const entry: RunIndexEntry = {
        id,
        kind: "noop",
        label: id,
        createdAt: Date.now(),
        status: "running",
        finishedAt: null,
        rerunOf: null,
        reruns: [],
      };
      addMs.push(await timed(() => bench.add(entry)));
      added.set(id, entry);
      count("running");
    });
    const addsPerSecond = round((PROBES / (performance.now() - addStart)) * 1000, 0);
    await inParallel(probes, PROBE_PARALLEL, async (id) => {
      const status = id.endsWith("0") ? "failed" : "succeeded";
      const finishedAt = Date.now();
      finishMs.push(await timed(() => bench.finished({ id, status, finishedAt })));
      await mirror.put({ ...added.get(id)!, status, finishedAt }, added.get(id));
      expected.active--;
      if (status === "failed") expected.failed++;
    });

    const pages: Record<string, ReturnType<typeof stats>> = {};
    const cases: Array<[string, RunListQuery, number, keyof typeof expected]> = [
      ["newest, all", { offset: 0, limit: 20 }, PAGE_READS, "all"],
      ["newest, failed", { offset: 0, limit: 20, status: "failed" }, PAGE_READS, "failed"],
      ["newest, active", { offset: 0, limit: 20, status: "active" }, PAGE_READS, "active"],
      ["middle, all", { offset: Math.floor(expected.all / 2), limit: 20 }, PAGE_READS / 2, "all"],
      [
        "middle, failed",
        { offset: Math.floor(expected.failed / 2), limit: 20, status: "failed" as RunFilter },
        PAGE_READS / 2,
        "failed",
      ],
    ];
    for (const [name, query, repeats, total] of cases) {
      const ms: number[] = [];
      for (let r = 0; r < repeats; r++) {
        let page: Awaited<ReturnType<typeof list.list>> | null = null;
        ms.push(await timed(async () => (page = await list.list(query))));
        if (page!.total !== expected[total])
          throw new Error(`${name}: total ${page!.total}, expected ${expected[total]}`);
        if (page!.entries.length !== Math.min(query.limit, expected[total] - query.offset))
          throw new Error(`${name}: ${page!.entries.length} entries`);
      }
      pages[name] = stats(ms);
    }
    const result = {
      entries: expected.all,
      add: stats(addMs),
      finish: stats(finishMs),
      addsPerSecond,
      pages,
      load: loadAverage(),
    };
    results.push(result);
    log(JSON.stringify(result));
  }
  writeFileSync(resultsFile, `${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`);
  console.log("\nentries  | add p50/p99 | finish p50/p99 | " + Object.keys(results[0].pages).join(" | "));
  for (const r of results) {
    const cell = (s: { p50: number; p99: number }) => `${s.p50}/${s.p99}`;
    console.log([r.entries, cell(r.add), cell(r.finish), ...Object.values(r.pages).map(cell)].join(" | "));
  }
  log(`wrote ${path.relative(process.cwd(), resultsFile)}`);
}

main().then(
  () => stopAll(0),
  (error) => {
    console.error(`bench: ${(error as Error).stack ?? error}`);
    return stopAll(1);
  },
);
