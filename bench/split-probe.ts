/*
 * `npm run bench -- --split-probe [--reverse]`: does a 100,000-subtask run
 * cost more than ten times a 10,000 one because it is one run, or because it
 * is 100,000 invocations? Times, on one stack, one run of 10,000 (concurrency
 * 100), ten runs of 10,000 at once (concurrency 10 each: the same 100 slots,
 * the work a run split into ten sub-runs would do) and one run of 100,000
 * (concurrency 100), each with Restate's and the services' CPU; `--reverse`
 * runs them in the opposite order, so what a stack's growing history costs
 * shows. No page open: this asks what the engine costs. See bench/README.md.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { noopDescription, settle, timeFanline } from "./runs";
import type { BenchStack } from "./stack";
import { cpuSince, loadAverage, machine, round } from "./stats";

interface Shape {
  name: string;
  /** Run ids carry it, so it stays within the API's id pattern. */
  slug: string;
  runs: number;
  n: number;
  concurrency: number;
}

const SHAPES: Shape[] = [
  { name: "one run of 10,000", slug: "1x10k", runs: 1, n: 10_000, concurrency: 100 },
  { name: "ten runs of 10,000 at once", slug: "10x10k", runs: 10, n: 10_000, concurrency: 10 },
  { name: "one run of 100,000", slug: "1x100k", runs: 1, n: 100_000, concurrency: 100 },
];

async function timed(s: BenchStack, shape: Shape) {
  await settle();
  const used = cpuSince(s.pids);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: shape.runs }, (_, i) =>
      timeFanline(s, noopDescription(shape.n), { label: `split-${shape.slug}-${i}`, concurrency: shape.concurrency }),
    ),
  );
  const ms = Math.round(performance.now() - started);
  const cpuMs = used();
  const subtasks = shape.runs * shape.n;
  console.log(
    `bench: split probe: ${shape.name}: ${ms} ms; CPU Restate ${cpuMs.restate} ms, services ${cpuMs.services} ms`,
  );
  return {
    shape: shape.name,
    subtasks,
    ms,
    cpuMs,
    restateCpuPerSubtask: round(cpuMs.restate / subtasks, 2),
    servicesCpuPerSubtask: round(cpuMs.services / subtasks, 2),
  };
}

export async function splitProbe(
  s: BenchStack,
  options: { reverse: boolean; file: string; sdkLogging: string },
): Promise<void> {
  const startedAt = new Date().toISOString();
  const rows: Awaited<ReturnType<typeof timed>>[] = [];
  for (const shape of options.reverse ? [...SHAPES].reverse() : SHAPES) rows.push(await timed(s, shape));
  const byShape = (name: string) => rows.find((r) => r.shape === name)!;
  const [one, ten, big] = SHAPES.map((shape) => byShape(shape.name));
  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    sdkLogging: options.sdkLogging,
    order: options.reverse ? "reverse" : "as listed",
    loadAverageAtEnd: loadAverage(),
    rows,
    tenAtOnceOverOne: round(ten.ms / one.ms, 2),
    oneBigOverOne: round(big.ms / one.ms, 2),
  };
  writeFileSync(path.join(import.meta.dirname, options.file), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `bench: split probe: ten runs of 10,000 at once took ${report.tenAtOnceOverOne}x one run of 10,000; one run of 100,000 took ${report.oneBigOverOne}x (target for 100,000: at most 10x)`,
  );
}
