// `npm run bench -- --profile`: one Fanline run of N no-op subtasks with the
// services process under the V8 CPU profiler (cpu-profile-preload.mjs), and a summary of where its CPU
// went (self time by function, inclusive time by function, self time by area).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { noopDescription, settle, timeBaseline, timeFanline } from "./runs";
import { startBenchStack, type BenchStack } from "./stack";
import { procCpuMs, round } from "./stats";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const root = path.resolve(import.meta.dirname, "..");

function where(url: string): string {
  if (!url) return "";
  const file = url.replace(/^file:\/\//, "");
  const inModules = file.lastIndexOf("node_modules/");
  if (inModules >= 0) return file.slice(inModules + "node_modules/".length);
  return file.startsWith(root) ? path.relative(root, file) : file;
}

/** The area a frame belongs to: an npm package, our code, Node's internals, or V8's pseudo-frames. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const w = where(url);
  if (w.startsWith("node:")) return "node internals";
  const pkg = w.match(/^(@[^/]+\/[^/]+|[^/]+)\//);
  return url.includes("node_modules/") && pkg ? pkg[1] : w.split("/")[0];
}

export function summariseProfile(profile: CpuProfile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || "(anonymous)"} ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ""}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id)!;
    self.set(key(id), (self.get(key(id)) ?? 0) + dt);
    const a = area(node.callFrame.url, node.callFrame.functionName);
    areas.set(a, (areas.get(a) ?? 0) + dt);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(key(at));
    for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  });
  const rank = (m: Map<string, number>, skip: (k: string) => boolean = () => false) =>
    [...m.entries()]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms), percent: round((100 * ms) / total) }));
  return {
    sampledMs: Math.round(total),
    selfByArea: rank(areas),
    selfByFunction: rank(self),
    // Frames every sample has (the event loop, module wrappers) say nothing.
    inclusiveByFunction: rank(inclusive, (k) => k.startsWith("(root)") || k.startsWith("(program)")),
  };
}

export async function profileRun(onStack: (s: BenchStack) => void, n: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fanline-prof-"));
  const s = await startBenchStack({
    web: false,
    servicesEnv: {
      NODE_OPTIONS: `--import ${path.join(import.meta.dirname, "cpu-profile-preload.mjs")}`,
      FANLINE_CPU_PROFILE_DIR: dir,
    },
  }).catch((error) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  onStack(s);
  try {
    await timeFanline(s, noopDescription(100), { label: "warmup" });
    await settle();
    const before = procCpuMs(s.pids.services);
    const run = await timeFanline(s, noopDescription(n), { label: `profile-${n}` });
    const servicesCpuMs = procCpuMs(s.pids.services) - before;
    await settle();
    const baselineMs = await timeBaseline(s, noopDescription(n));
    console.log(
      `bench: profiled Fanline run of ${n}: ${Math.round(run.ms)} ms (baseline ${Math.round(baselineMs)} ms), services CPU ${servicesCpuMs} ms`,
    );
    await s.stop(); // SIGTERM: the services exit cleanly and write the profile.
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`bench: no CPU profile in ${dir}`);
    const summary = summariseProfile(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile);
    for (const section of ["selfByArea", "selfByFunction", "inclusiveByFunction"] as const) {
      console.log(`\n${section}:`);
      for (const row of summary[section])
        console.log(`  ${String(row.ms).padStart(7)} ms ${String(row.percent).padStart(5)}%  ${row.fn}`);
    }
    return {
      n,
      fanlineMs: Math.round(run.ms),
      baselineMs: Math.round(baselineMs),
      servicesCpuMs,
      note: "profile of the services process (warm-up, this run and idle time until stop)",
      ...summary,
    };
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
