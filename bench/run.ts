/*
 * `npm run bench`: Fanline against the guide's bare fan-out, on one Restate
 * server started for the purpose (free ports, thrown away at the end).
 *
 *   for N in 100, 1,000, 10,000:  Fanline ⇄ baseline, alternating, ×3 → medians
 *                                 + one observed Fanline run (query latency, progress, visibility)
 *                                 + idle poll bytes, peak RSS
 *   then: 1,000 subtasks of 0–200 ms; the dashboard at 10,000 lanes (Chromium)
 *
 * `-- --quick`: N = 1,000 only, no dashboard. `-- --profile [--n=1000]`: one
 * run with the services under `node --cpu-prof`, summarised. `-- --sweep`:
 * Fanline at concurrency 100 / 300 / 1000 against the baseline. `-- --split-probe`:
 * one run of 100,000 against ten of 10,000 at once (bench/split-probe.ts). See bench/README.md.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measureRunPage, launchBrowser, type DashboardTimings } from "./dashboard";
import { observeRun, type ObservedRun, type ProgressReport } from "./observe";
import { profileRun } from "./profile";
import { MISSES_EXPLAINED, printSummary, targets, type SizeResult } from "./report";
import { concurrencySweep } from "./sweep";
import {
  idlePollBytes,
  noopDescription,
  settle,
  timeBaseline,
  timeFanline,
  variedDescription,
  variedMs,
  type IdlePoll,
} from "./runs";
import { LIMITS } from "@/lib/limits";
import { slotCycle } from "./slot-cycle";
import { splitProbe } from "./split-probe";
import { BENCH_DIST_DIR, buildDashboard, startBenchStack, type BenchStack } from "./stack";
import { cpuSince, loadAverage, machine, median, procMemoryMb, round, sampleRss, sleep } from "./stats";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const withWeb = !quick && !args.has("--no-web");
const sizes = quick ? [1000] : [100, 1000, 10_000];
const repetitions = Number(process.env.BENCH_REPS ?? (quick ? 5 : 3));
// --sdk-log=warn: RESTATE_LOGGING=WARN for Fanline's services and the baseline alike (by default the baseline logs the SDK's two info lines per invocation, Fanline does not).
const sdkLog = [...args]
  .find((a) => a.startsWith("--sdk-log="))
  ?.slice("--sdk-log=".length)
  .toUpperCase();
const serviceProcessesEnv = sdkLog ? { RESTATE_LOGGING: sdkLog } : undefined;
const resultsFile = path.join(
  import.meta.dirname,
  quick || sdkLog
    ? `results.${quick ? "quick" : "full"}${sdkLog ? `.sdk-log-${sdkLog.toLowerCase()}` : ""}.json`
    : "results.json",
);

let stack: BenchStack | null = null;
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await stack?.stop().catch((e) => console.error(`bench: stopping: ${(e as Error).message}`));
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(130));

const log = (line: string) => console.log(`bench: ${line}`);

async function observedRun(
  s: BenchStack,
  description: string,
  label: string,
): Promise<{ ms: number; id: string; observed: ObservedRun }> {
  let observer: ReturnType<typeof observeRun> | null = null;
  const run = await timeFanline(s, description, { label, onSubmitted: (id) => void (observer = observeRun(s, id)) });
  const observed = await observer!.finish(run.submittedAt);
  return { ms: run.ms, id: run.id, observed };
}

async function measureSize(s: BenchStack, n: number): Promise<SizeResult> {
  const description = noopDescription(n);
  const fanline: number[] = [];
  const baseline: number[] = [];
  const loads: number[] = [];
  const rss = { restate: 0, services: 0 };
  let lastId = "";
  // CPU seconds each process spent, summed over the repetitions: where the time goes.
  const cpu = { fanline: { restate: 0, services: 0 }, baseline: { restate: 0, baseline: 0 } };
  const baselinePid = s.baseline.child.pid!;
  const baselineRep = async () => {
    const used = cpuSince({ restate: s.pids.restate, baseline: baselinePid });
    baseline.push(await timeBaseline(s, description));
    const spent = used();
    cpu.baseline.restate += spent.restate;
    cpu.baseline.baseline += spent.baseline;
  };
  const fanlineRep = async (rep: number) => {
    const sampler = sampleRss(s.pids);
    const used = cpuSince(s.pids);
    const run = await timeFanline(s, description, { label: `${n}-r${rep}`, pageOpen: true });
    const spent = used();
    cpu.fanline.restate += spent.restate;
    cpu.fanline.services += spent.services;
    const peak = sampler.stop();
    rss.restate = Math.max(rss.restate, peak.restate);
    rss.services = Math.max(rss.services, peak.services);
    fanline.push(run.ms);
    lastId = run.id;
  };
  for (let rep = 0; rep < repetitions; rep++) {
    loads.push(loadAverage());
    // Alternate who goes first, so a drift in the machine's load hits both alike.
    if (rep % 2 === 0) {
      await fanlineRep(rep);
      await settle();
      await baselineRep();
    } else {
      await baselineRep();
      await settle();
      await fanlineRep(rep);
    }
    await settle();
    log(
      `N=${n} rep ${rep + 1}: Fanline ${Math.round(fanline.at(-1)!)} ms, baseline ${Math.round(baseline.at(-1)!)} ms (load ${loads.at(-1)})`,
    );
  }
  const idle: IdlePoll = await idlePollBytes(s, lastId);

  let viaApiMs: number | null = null;
  if (s.webUrl) {
    viaApiMs = (await timeFanline(s, description, { label: `${n}-api`, via: "api" })).ms;
    await settle();
  }
  const sampler = sampleRss(s.pids);
  const observed = await observedRun(s, description, `${n}-observed`);
  const peak = sampler.stop();
  await settle();
  log(
    `N=${n} observed run: ${Math.round(observed.ms)} ms, summary p50/p99 ${observed.observed.ingressSummary.p50Ms}/${observed.observed.ingressSummary.p99Ms} ms`,
  );
  const api = observed.observed.apiSummary;
  const fanlineMedian = median(fanline);
  const baselineMedian = median(baseline);
  return {
    n,
    medianFanlineMs: Math.round(fanlineMedian),
    medianBaselineMs: Math.round(baselineMedian),
    ratio: round(fanlineMedian / baselineMedian, 2),
    // "Through our API" when the dashboard runs; the ingress query otherwise.
    queryP50Ms: (api ?? observed.observed.ingressSummary).p50Ms,
    queryP99Ms: (api ?? observed.observed.ingressSummary).p99Ms,
    queryVia: api ? "api" : "ingress",
    idlePollBytes: idle.apiBytes ?? idle.queryBytes,
    idlePoll: idle,
    restateRssMb: Math.round(Math.max(rss.restate, peak.restate)),
    servicesRssMb: Math.round(Math.max(rss.services, peak.services)),
    fanlineMs: fanline.map(Math.round),
    baselineMs: baseline.map(Math.round),
    cpuMsPerRun: {
      fanline: {
        restate: Math.round(cpu.fanline.restate / repetitions),
        services: Math.round(cpu.fanline.services / repetitions),
      },
      baseline: {
        restate: Math.round(cpu.baseline.restate / repetitions),
        baseline: Math.round(cpu.baseline.baseline / repetitions),
      },
    },
    fanlineViaApiMs: viaApiMs === null ? null : Math.round(viaApiMs),
    observedRun: { id: observed.id, ms: Math.round(observed.ms), ...observed.observed },
    loadAverages: loads,
  };
}

async function measureVaried(s: BenchStack, n: number) {
  const description = variedDescription(n);
  const durations = Array.from({ length: n }, (_, i) => variedMs(i));
  const sum = durations.reduce((a, b) => a + b, 0);
  // The run takes the default concurrency: no schedule can beat the sum of durations / that many in flight.
  const inFlight = LIMITS.defaultConcurrency;
  const run = await observedRun(s, description, `varied-${n}`);
  await settle();
  const progress = run.observed.apiSummary ?? run.observed.ingressSummary;
  log(`varied ${n}: ${Math.round(run.ms)} ms, max progress gap ${progress.maxProgressGapMs} ms`);
  const cycle = await slotCycle(s, run.id, inFlight, variedMs);
  log(
    `varied ${n}, a slot's cycle (mean ms): freed → next created ${cycle.freedToCreated.meanMs}, created → started ${cycle.createdToStart.meanMs}, ` +
      `overrun ${cycle.overrun.meanMs}, finished → completed ${cycle.finishToCompleted.meanMs} (plus the work, mean 100)`,
  );
  return {
    n,
    durations: "t<i> [take (i*73 mod 201) ms]: every value 0-200 ms, mean 100 ms",
    totalMs: Math.round(run.ms),
    idealMs: Math.round(sum / inFlight),
    maxProgressGapMs: progress.maxProgressGapMs,
    distinctProgressValues: progress.distinctProgressValues,
    slotCycle: cycle,
    ...run.observed,
  };
}

async function measureDashboard(
  s: BenchStack,
  finishedId: string,
): Promise<{ finished: DashboardTimings; inFlight: DashboardTimings }> {
  const browser = await launchBrowser();
  try {
    log("dashboard: a finished 10,000 run");
    const finished = await measureRunPage(browser, s.webUrl!, finishedId);
    log("dashboard: a 10,000 run in flight");
    let idKnown: (id: string) => void = () => {};
    const submitted = new Promise<string>((resolve) => (idKnown = resolve));
    const running = timeFanline(s, noopDescription(10_000), {
      label: "10000-dashboard",
      onSubmitted: (id) => idKnown(id),
    });
    const inFlight = await measureRunPage(browser, s.webUrl!, await submitted, async () => {
      await running;
      await sleep(1500);
    });
    await settle();
    return { finished, inFlight };
  } finally {
    await browser.close();
  }
}

/** --no-build reuses .next-bench from an earlier run (only when nothing under app/, components/ or lib/ changed since). */
function buildUnlessReused(): void {
  if (args.has("--no-build") && existsSync(path.join(import.meta.dirname, "..", BENCH_DIST_DIR, "BUILD_ID"))) return;
  buildDashboard();
}

interface BigRow {
  n: number;
  fanlineMs: number;
  baselineMs: number | null;
  ratio: number | null;
  page: ProgressReport | undefined;
  restateRssMb: number;
  servicesRssMb: number;
  cpuMs: { restate: number; services: number };
  dashboard: DashboardTimings | null;
  /** The 100,000 run's page opened again once half its subtasks were done, measured, then closed. */
  dashboardMidRun?: DashboardTimings | null;
}

/** Resolves once the run has `done` subtasks finished (its summary on the ingress, every 500 ms). */
async function untilDone(s: BenchStack, id: string, done: number): Promise<void> {
  for (;;) {
    const summary = await Promise.resolve(s.run(id).summary()).catch(() => null);
    if (summary && summary.done >= done) return;
    await sleep(500);
  }
}

/**
 * `--big`: 1,000, 10,000 and 100,000 no-op subtasks, each once with a run
 * page open, and the run page of the 100,000 run open in Chromium from its
 * submit to its end, and a second one opened when half of it is done. The bare pattern runs at 1,000 and 10,000 only: its one
 * `RestatePromise.all` grows faster than linearly (bench/README.md), and
 * `--big-baseline` tries it at 100,000 too, given 20 minutes.
 */
async function measureBig(startedAt: string) {
  buildUnlessReused();
  const s = (stack = await startBenchStack({ web: true, serviceProcessesEnv }));
  await timeFanline(s, noopDescription(100), { label: "warmup" });
  await timeBaseline(s, noopDescription(100));
  await settle();
  const rows: BigRow[] = [];
  const browser = await launchBrowser();
  try {
    for (const n of [1000, 10_000, 100_000]) {
      const sampler = sampleRss(s.pids);
      const used = cpuSince(s.pids);
      let dashboard: DashboardTimings | null = null;
      let dashboardMidRun: DashboardTimings | null = null;
      let run;
      if (n === 100_000) {
        log("big: 100,000 with its run page open in Chromium");
        let idKnown: (id: string) => void = () => {};
        const submitted = new Promise<string>((resolve) => (idKnown = resolve));
        const running = timeFanline(s, noopDescription(n), {
          label: `${n}-big`,
          pageOpen: true,
          onSubmitted: (id) => idKnown(id),
        });
        const id = await submitted;
        const midRun = untilDone(s, id, n / 2).then(() => {
          log("big: 100,000 half done: its run page opened in a second tab");
          return measureRunPage(browser, s.webUrl!, id);
        });
        dashboard = await measureRunPage(browser, s.webUrl!, id, async () => void (await running));
        dashboardMidRun = await midRun;
        run = await running;
      } else {
        run = await timeFanline(s, noopDescription(n), { label: `${n}-big`, pageOpen: true });
      }
      const cpu = used();
      const peak = sampler.stop();
      await settle();
      let baselineMs: number | null = null;
      if (n < 100_000 || args.has("--big-baseline")) {
        log(`big: the bare pattern at ${n.toLocaleString("en-US")}`);
        const signal = AbortSignal.timeout(20 * 60_000);
        baselineMs = await timeBaseline(s, noopDescription(n), { signal }).catch((error: unknown) => {
          if (signal.aborted) return null;
          throw error;
        });
        await settle();
      }
      const row = {
        n,
        fanlineMs: Math.round(run.ms),
        baselineMs: baselineMs === null ? null : Math.round(baselineMs),
        ratio: baselineMs ? round(run.ms / baselineMs, 2) : null,
        page: run.page,
        restateRssMb: Math.round(peak.restate),
        servicesRssMb: Math.round(peak.services),
        cpuMs: cpu,
        dashboard,
        dashboardMidRun,
      };
      log(
        `big: N=${n}: Fanline ${row.fanlineMs} ms, baseline ${row.baselineMs ?? "not run"} ms; RSS Restate ${Math.round(peak.restate)} MB, services ${Math.round(peak.services)} MB; page: summary p50/p99 ${run.page?.p50Ms}/${run.page?.p99Ms} ms, longest progress gap ${run.page?.maxProgressGapMs} ms`,
      );
      rows.push(row);
    }
  } finally {
    await browser.close();
  }
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    loadAverageAtEnd: loadAverage(),
    sizes: rows,
  };
  writeFileSync(path.join(import.meta.dirname, "results.big.json"), `${JSON.stringify(report, null, 2)}\n`);
  const at = (n: number) => rows.find((r) => r.n === n)!;
  console.log(
    `\n100,000 against 10,000: ${round(at(100_000).fanlineMs / at(10_000).fanlineMs, 2)}x the time (target ≤ 10x)`,
  );
  for (const [when, d] of [
    ["opened at submit", at(100_000).dashboard],
    ["opened half-way", at(100_000).dashboardMidRun],
  ] as const) {
    if (!d) continue;
    console.log(
      `dashboard at 100,000 in flight, ${when}: first lanes ${d.firstLanesAfterNavigationMs} ms after navigation (target < 2,000); longest task ${Math.max(d.maxLongTaskLoadMs, d.maxLongTaskStreamingMs ?? 0, d.maxLongTaskScrollMs)} ms (target ≤ 200); scrolled to lane ${d.scrolledToLane}`,
    );
  }
  log("results written to bench/results.big.json");
}

async function main() {
  const startedAt = new Date().toISOString();
  if (args.has("--sweep")) {
    const s = (stack = await startBenchStack({ web: false, serviceProcessesEnv }));
    await timeFanline(s, noopDescription(100), { label: "warmup" });
    await timeBaseline(s, noopDescription(100));
    const sweep = await concurrencySweep(s, quick ? [1000] : [1000, 10_000], [100, 300, 1000], repetitions);
    writeFileSync(
      path.join(import.meta.dirname, sdkLog ? `sweep.sdk-log-${sdkLog.toLowerCase()}.json` : "sweep.json"),
      `${JSON.stringify({ startedAt, machine: machine(), sweep }, null, 2)}\n`,
    );
    for (const r of sweep)
      console.log(
        `N=${r.n}: baseline ${r.medianBaselineMs} ms; ${r.fanline.map((f) => `K=${f.concurrency} ${f.medianMs} ms (${f.ratio}x)`).join(", ")}`,
      );
    log("sweep written to bench/sweep.json");
    return;
  }
  if (args.has("--profile")) {
    const n = Number([...args].find((a) => a.startsWith("--n="))?.slice(4) ?? 10_000);
    const profile = await profileRun((s) => (stack = s), n);
    stack = null;
    writeFileSync(path.join(import.meta.dirname, `profile-${n}.json`), `${JSON.stringify(profile, null, 2)}\n`);
    log(`profile summary written to bench/profile-${n}.json`);
    return;
  }
  if (args.has("--big")) {
    await measureBig(startedAt);
    return;
  }
  if (args.has("--split-probe")) {
    const s = (stack = await startBenchStack({ web: false, serviceProcessesEnv }));
    await timeFanline(s, noopDescription(100), { label: "warmup" });
    const file = `split-probe${args.has("--reverse") ? ".reverse" : ""}${sdkLog ? `.sdk-log-${sdkLog.toLowerCase()}` : ""}.json`;
    await splitProbe(s, { reverse: args.has("--reverse"), file, sdkLogging: sdkLog ?? "default" });
    log(`results written to bench/${file}`);
    return;
  }
  if (withWeb) buildUnlessReused();
  log(`starting the stack${withWeb ? " with the production dashboard" : ""} (load ${loadAverage()})`);
  const s = (stack = await startBenchStack({ web: withWeb, serviceProcessesEnv }));
  // Warm both paths (JIT, connections, deployment discovery) before anything is timed.
  await timeFanline(s, noopDescription(100), { label: "warmup" });
  await timeBaseline(s, noopDescription(100));
  await settle();

  const results: SizeResult[] = [];
  for (const n of sizes) results.push(await measureSize(s, n));
  const varied = await measureVaried(s, 1000);
  const big = results.find((r) => r.n === 10_000);
  const dashboard = withWeb && big ? await measureDashboard(s, big.observedRun.id) : null;
  const hwm = {
    restateMb: round(procMemoryMb(s.pids.restate, "VmHWM")),
    servicesMb: round(procMemoryMb(s.pids.services, "VmHWM")),
  };

  const measured = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    sdkLogging:
      sdkLog ??
      "default (Fanline drops the SDK's two lines per invocation, restate/sdk-log.ts; the baseline logs them, as the guide's code does)",
    repetitions,
    machine: machine(),
    loadAverageAtEnd: loadAverage(),
    sizes: results,
    varied,
    progressVisibility: big
      ? {
          n: 10_000,
          summaryThroughApi: big.observedRun.apiSummary,
          summaryThroughIngress: big.observedRun.ingressSummary,
          writtenToVisible: big.observedRun.visibility,
          finishedToVisible: big.observedRun.finishedToVisible,
        }
      : null,
    dashboard,
    peakMemoryWholeBenchMb: hwm,
  };
  const met = targets(measured);
  const report = {
    ...measured,
    targets: met,
    ...(met.some((t) => t.met === false) ? { missesExplained: MISSES_EXPLAINED } : {}),
  };
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  printSummary(report);
  log(`results written to ${path.relative(process.cwd(), resultsFile)}`);
}

main().then(
  () => stopAll(0),
  (error) => {
    console.error(error);
    return stopAll(1);
  },
);
