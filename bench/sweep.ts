// `npm run bench -- --sweep`: the same comparison at several concurrencies,
// to show how much of the gap to the bare pattern is the window's size (the
// user picks it per run, 1–1000; the default is 100). Not part of the targets.
import { observeRun } from "./observe";
import { noopDescription, settle, timeBaseline, timeFanline } from "./runs";
import type { BenchStack } from "./stack";
import { loadAverage, median, round } from "./stats";

export async function concurrencySweep(s: BenchStack, sizes: number[], concurrencies: number[], repetitions: number) {
  const results = [];
  for (const n of sizes) {
    const description = noopDescription(n);
    const baseline: number[] = [];
    const fanline = new Map<number, number[]>(concurrencies.map((k) => [k, []]));
    const loads: number[] = [];
    for (let rep = 0; rep < repetitions; rep++) {
      loads.push(loadAverage());
      // Rotate the order each repetition, so drift in the machine's load spreads over all of them.
      const order = [0, ...concurrencies].map((_, i, all) => all[(i + rep) % all.length]);
      for (const k of order) {
        if (k === 0) baseline.push(await timeBaseline(s, description));
        else
          fanline
            .get(k)!
            .push((await timeFanline(s, description, { label: `${n}-k${k}`, concurrency: k, pageOpen: true })).ms);
        await settle(1000);
      }
      console.log(
        `bench: sweep N=${n} rep ${rep + 1}: baseline ${Math.round(baseline.at(-1)!)} ms, ${concurrencies.map((k) => `K=${k} ${Math.round(fanline.get(k)!.at(-1)!)} ms`).join(", ")}`,
      );
    }
    // One more run per concurrency with the summary polled: what a bigger window costs the queries.
    const observed = new Map<number, unknown>();
    for (const k of concurrencies) {
      let observer: ReturnType<typeof observeRun> | null = null;
      const run = await timeFanline(s, description, {
        label: `${n}-k${k}-observed`,
        concurrency: k,
        onSubmitted: (id) => void (observer = observeRun(s, id)),
      });
      const { ingressSummary, visibility } = await observer!.finish(run.submittedAt);
      observed.set(k, { ms: Math.round(run.ms), summary: ingressSummary, visibility });
      console.log(
        `bench: sweep N=${n} K=${k} observed: summary p50/p99 ${ingressSummary.p50Ms}/${ingressSummary.p99Ms} ms, max progress gap ${ingressSummary.maxProgressGapMs} ms`,
      );
      await settle(1000);
    }
    const b = median(baseline);
    results.push({
      n,
      medianBaselineMs: Math.round(b),
      fanline: concurrencies.map((k) => ({
        concurrency: k,
        medianMs: Math.round(median(fanline.get(k)!)),
        ratio: round(median(fanline.get(k)!) / b, 2),
        runsMs: fanline.get(k)!.map(Math.round),
        observedRun: observed.get(k),
      })),
      baselineMs: baseline.map(Math.round),
      loadAverages: loads,
    });
  }
  return results;
}
