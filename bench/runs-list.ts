/*
 * `npm run bench:runs-list`: what adding, finishing and listing cost as the
 * runs list grows, on a Restate server started for the purpose (free ports,
 * thrown away at the end).
 *
 *   fill to 1,000 ─► measure ─► fill to 10,000 ─► measure ─► fill to 100,000 ─► measure
 *   measure: 200 adds and 200 finishes (8 at a time); as many again with ids
 *            that all land in one shard (a list with a single key); the
 *            floor: 100 rounds each of 1, 2, 4 and 8 bare shard reads at
 *            once; then list pages one at a time, 100 of each: the newest
 *            20 of all runs, of failed ones, of active ones; 50 each of 20
 *            from the middle of all runs and of the failed ones (the same
 *            page again), 50 each of a deep page picked at random, and 25
 *            each of those by a new reader each time
 *
 * The timed adds and finishes go through the real index handlers
 * (bench/runs-list-endpoint.ts, a benchmark-only service, calls them as the
 * workflow does). The history around them goes straight into the shards,
 * through the shards' own `put` handler, as one-way messages: the index
 * entry each real run also has is left out, since no list page reads it.
 * `-- --quick`: 1,000 and 10,000 only. Writes bench/runs-list.json
 * (quick: runs-list.quick.json).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import * as clients from "@restatedev/restate-sdk-clients";
import { runListShard, runsListClient } from "@/lib/run-list-client";
import { LEVELS, RUN_LIST_SHARDS, shardOf, type RunFilter, type RunListQuery } from "@/lib/run-list";
import type { RunIndexEntry } from "@/lib/records";
import type { RunStatus } from "@/lib/status";
import type { Managed } from "@/scripts/stack/process";
import { startTestStack, type TestStack } from "@/test/support/test-stack";
import type { BenchRunList } from "./runs-list-endpoint";
import { startBenchEndpoint } from "./stack";
import { loadAverage, percentile, procCpuMs, round, sleep } from "./stats";

const quick = process.argv.includes("--quick");
/** BENCH_SIZES: comma-separated sizes instead. */
const sizes = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : quick
    ? [1000, 10_000]
    : [1000, 10_000, 100_000];
/** History entries per call of the benchmark's fill handler. */
const FILL_CHUNK = 2000;
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

/** Waits until the process used under a tenth of a core for two seconds (at most two minutes); how long that took. */
async function untilIdle(pid: number): Promise<number> {
  const start = performance.now();
  for (let before = procCpuMs(pid); performance.now() - start < 120_000;) {
    await sleep(2000);
    const now = procCpuMs(pid);
    if (now - before < 200) break;
    before = now;
  }
  return Math.round(performance.now() - start);
}

/** `count` run ids, all of which the list keeps in shard `shard`. */
function idsOnShard(shard: number, count: number, prefix: string): string[] {
  const ids: string[] = [];
  for (let k = 0; ids.length < count; k++) if (shardOf(`${prefix}${k}`) === shard) ids.push(`${prefix}${k}`);
  return ids;
}

const stats = (ms: number[]) => ({ p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)), n: ms.length });

async function main() {
  stack = await startTestStack();
  endpoint = await startBenchEndpoint(stack, "runs-list", "bench/runs-list-endpoint.ts");
  const ingress = clients.connect({ url: stack.ingressUrl });
  const bench = ingress.serviceClient<BenchRunList>({ name: "BenchRunList" });
  const list = runsListClient(ingress);
  const restatePid = stack.parts.find((p) => p.name === "restate")?.child.pid;
  if (!restatePid) throw new Error("bench: no Restate process");
  const base = Date.now() - SPREAD_MS;
  const spacing = SPREAD_MS / sizes[sizes.length - 1];
  const expected: Record<string, number> = { all: 0, failed: 0, active: 0 };
  const count = (status: RunStatus) => {
    expected.all++;
    if (status === "failed") expected.failed++;
    if (status === "running") expected.active++;
  };

  let filled = 0;
  const results = [];
  for (const size of sizes) {
    const history: RunIndexEntry[] = [];
    for (let n = filled; n < size; n++) {
      const status = statusOf(n);
      count(status);
      const createdAt = Math.round(base + n * spacing);
      history.push({
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
    const fillStart = performance.now();
    for (let i = 0; i < history.length; i += FILL_CHUNK) await bench.fill(history.slice(i, i + FILL_CHUNK));
    // The puts are one-way messages, each shard taking them one at a time.
    const deadline = Date.now() + 30 * 60_000;
    while ((await list.list({ offset: 0, limit: 1 })).total !== expected.all) {
      if (Date.now() > deadline) throw new Error(`the shards did not reach ${expected.all} entries`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const fillPerSecond = round((history.length / (performance.now() - fillStart)) * 1000, 0);
    // Restate compacts after the burst of writes: measure the list, not that.
    const settleMs = await untilIdle(restatePid);
    log(`${size} entries (history put into the shards at ${fillPerSecond}/s; Restate idle ${settleMs} ms later)`);

    // Adds and finishes of new runs, 8 at a time: ids spread over the shards as real ones are, then ids
    // that all hash to one shard, what every creation would cost if the list had a single key.
    const probe = async (ids: string[]) => {
      const addMs: number[] = [];
      const finishMs: number[] = [];
      const addStart = performance.now();
      await inParallel(ids, PROBE_PARALLEL, async (id) => {
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
        count("running");
      });
      const perSecond = round((ids.length / (performance.now() - addStart)) * 1000, 0);
      await inParallel(ids, PROBE_PARALLEL, async (id) => {
        const status = id.endsWith("0") ? "failed" : "succeeded";
        const finishedAt = Date.now();
        finishMs.push(await timed(() => bench.finished({ id, status, finishedAt })));
        expected.active--;
        if (status === "failed") expected.failed++;
      });
      return { addMs, finishMs, perSecond };
    };
    const spread = await probe(Array.from({ length: PROBES }, (_, k) => `probe-${size}-${k}`));
    const oneKey = await probe(idsOnShard(0, PROBES, `probe-${size}-one-`));

    // The floor under any page: K invocations at once, each the cheapest read a shard answers (a node
    // that does not exist: one state read, nothing found). An exact page reads every shard at least once.
    const floor: Record<string, ReturnType<typeof stats>> = {};
    for (const k of [1, 2, 4, RUN_LIST_SHARDS]) {
      const ms: number[] = [];
      for (let r = 0; r < PAGE_READS; r++)
        ms.push(
          await timed(() =>
            Promise.all(
              Array.from({ length: k }, (_, s) =>
                runListShard(ingress, s).node({ level: LEVELS, index: 0, status: "killed" }),
              ),
            ),
          ),
        );
      floor[`${k} at once`] = stats(ms);
    }

    const pages: Record<string, ReturnType<typeof stats>> = {};
    // "middle": the same deep page read again, as a list page left open polls it; "jump": a new deep
    // page each read, as a person's first visit to page 2,500 would be. Both through the one reader
    // the API keeps per process, which remembers where each filter's deep pages lie and checks that
    // guess. "jump, cold": each read by a new reader, as the first deep page after the dashboard starts.
    const middle = (of: keyof typeof expected) => () => Math.floor(expected[of] / 2);
    const jump = (of: keyof typeof expected) => () => Math.floor(expected[of] * (0.25 + Math.random() / 2));
    const cases: Array<[string, RunFilter, () => number, number, keyof typeof expected, boolean]> = [
      ["newest, all", undefined, () => 0, PAGE_READS, "all", false],
      ["newest, failed", "failed", () => 0, PAGE_READS, "failed", false],
      ["newest, active", "active", () => 0, PAGE_READS, "active", false],
      ["middle, all", undefined, middle("all"), PAGE_READS / 2, "all", false],
      ["middle, failed", "failed", middle("failed"), PAGE_READS / 2, "failed", false],
      ["jump, all", undefined, jump("all"), PAGE_READS / 2, "all", false],
      ["jump, failed", "failed", jump("failed"), PAGE_READS / 2, "failed", false],
      ["jump, cold, all", undefined, jump("all"), PAGE_READS / 4, "all", true],
      ["jump, cold, failed", "failed", jump("failed"), PAGE_READS / 4, "failed", true],
    ];
    for (const [name, status, offsetOf, repeats, total, fresh] of cases) {
      const ms: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const query: RunListQuery = { offset: offsetOf(), limit: 20, status };
        const reader = fresh ? runsListClient(ingress) : list;
        let page: Awaited<ReturnType<typeof list.list>> | null = null;
        ms.push(await timed(async () => (page = await reader.list(query))));
        if (page!.total !== expected[total])
          throw new Error(`${name}: total ${page!.total}, expected ${expected[total]}`);
        if (page!.entries.length !== Math.min(query.limit, expected[total] - query.offset))
          throw new Error(`${name}: ${page!.entries.length} entries`);
      }
      pages[name] = stats(ms);
    }
    const result = {
      entries: expected.all,
      add: stats(spread.addMs),
      finish: stats(spread.finishMs),
      addsPerSecond: spread.perSecond,
      oneKey: { add: stats(oneKey.addMs), finish: stats(oneKey.finishMs), addsPerSecond: oneKey.perSecond },
      floor,
      fillPerSecond,
      pages,
      load: loadAverage(),
    };
    results.push(result);
    log(JSON.stringify(result));
  }
  writeFileSync(resultsFile, `${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`);
  const floors = Object.keys(results[0].floor);
  console.log(
    "\nentries | add | finish | add, one key | finish, one key | " +
      [...floors.map((k) => `floor, ${k}`), ...Object.keys(results[0].pages)].join(" | ") +
      "   (ms, p50/p99)",
  );
  for (const r of results) {
    const cell = (s: { p50: number; p99: number }) => `${s.p50}/${s.p99}`;
    const row = [r.entries, cell(r.add), cell(r.finish), cell(r.oneKey.add), cell(r.oneKey.finish)];
    console.log([...row, ...Object.values(r.floor).map(cell), ...Object.values(r.pages).map(cell)].join(" | "));
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
