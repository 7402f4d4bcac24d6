// Small numeric helpers for the benchmark: medians, percentiles, rounding,
// a sampler for a process's resident memory, and the machine's description.
import { readFileSync } from "node:fs";
import os from "node:os";

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (p in 0–100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A line of /proc/<pid>/status in MB (VmRSS, VmHWM), or NaN when the process is gone. */
export function procMemoryMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples VmRSS of some processes every `everyMs` until stopped; answers the peak of each in MB. */
export function sampleRss(pids: Record<string, number>, everyMs = 100) {
  const peak: Record<string, number> = Object.fromEntries(Object.keys(pids).map((k) => [k, 0]));
  const take = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const mb = procMemoryMb(pid, "VmRSS");
      if (mb > peak[name]) peak[name] = mb;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop(): Record<string, number> {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/** Load average over one minute, to flag a disturbed measurement. */
export function loadAverage(): number {
  try {
    return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms (clock ticks of 10 ms). */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at state: utime and stime are 12 and 13 from there.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Starts counting the CPU each process uses: the answer gives, per name, the ms used since. */
export function cpuSince<K extends string>(pids: Record<K, number>): () => Record<K, number> {
  const names = Object.keys(pids) as K[];
  const before = names.map((name) => procCpuMs(pids[name]));
  return () =>
    Object.fromEntries(names.map((name, i) => [name, procCpuMs(pids[name]) - before[i]])) as Record<K, number>;
}

/** The machine a result was measured on, written beside every result. */
export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    restateServer: "1.7.12",
    restateSdk: "1.17.2",
  };
}
