/*
 * `npm run bench -- --split-probe`: does a 100,000-subtask run cost more than
 * ten times a 10,000 one because it is one run, or because it is 100,000
 * invocations? Times, on one stack, one run of 10,000 (concurrency 100), ten
 * runs of 10,000 at once (concurrency 10 each: the same 100 slots, the work a
 * run split into ten sub-runs would do) and one run of 100,000 (concurrency
 * 100), each with Restate's and the services' CPU. No page open: this asks
 * what the engine costs. Writes bench/split-probe.json; see bench/README.md.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { noopDescription, settle, timeFanline } from "./runs";
import type { BenchStack } from "./stack";
import { loadAverage, procCpuMs, round } from "./stats";

interface ProbeRow {
  shape: string;
  subtasks: number;
  ms: number;
  cpuMs: { restate: number; services: number };
  /** Restate's CPU per subtask, in ms. */
  restateCpuPerSubtask: number;
}

async function timed(s: BenchStack, shape: string, runs: number, n: number, concurrency: number): Promise<ProbeRow> {
  await settle();
  const before = [procCpuMs(s.pids.restate), procCpuMs(s.pids.services)];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: runs }, (_, i) =>
      timeFanline(s, noopDescription(n), { label: `split-${shape}-${i}`, concurrency }),
    ),
  );
  const ms = Math.round(performance.now() - started);
  const cpuMs = { restate: procCpuMs(s.pids.restate) - before[0], services: procCpuMs(s.pids.services) - before[1] };
  const row = { shape, subtasks: runs * n, ms, cpuMs, restateCpuPerSubtask: round(cpuMs.restate / (runs * n), 2) };
  console.log(`bench: split probe: ${shape}: ${ms} ms; CPU Restate ${cpuMs.restate} ms, services ${cpuMs.services} ms`);
  return row;
}

export async function splitProbe(s: BenchStack): Promise<void> {
  const startedAt = new Date().toISOString();
  const rows = [
    await timed(s, "one run of 10,000", 1, 10_000, 100),
    await timed(s, "ten runs of 10,000 at once", 10, 10_000, 10),
    await timed(s, "one run of 100,000", 1, 100_000, 100),
  ];
  const [one, ten, big] = rows;
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    cpus: os.cpus().length,
    loadAverageAtEnd: loadAverage(),
    rows,
    tenAtOnceOverOne: round(ten.ms / one.ms, 2),
    oneBigOverOne: round(big.ms / one.ms, 2),
  };
  writeFileSync(path.join(import.meta.dirname, "split-probe.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `bench: split probe: ten runs of 10,000 at once took ${report.tenAtOnceOverOne}x one run of 10,000; one run of 100,000 took ${report.oneBigOverOne}x (target for 100,000: at most 10x)`,
  );
}
