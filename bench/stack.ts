// The benchmark's own stack on free ports: a real Restate server, Fanline's
// services, optionally the production dashboard, and the guide's bare pattern
// (bench/baseline-endpoint.ts) in a process of its own on the same server.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startTestStack, type TestStack } from "@/test/support/test-stack";
import { freePort } from "@/scripts/stack/ports";
import { startProcess, waitFor, type Managed } from "@/scripts/stack/process";
import { registerDeployment } from "@/scripts/stack/register";

const root = path.resolve(import.meta.dirname, "..");

/** The dashboard's build folder for the benchmark, apart from `npm run dev`'s and the e2e suite's. */
export const BENCH_DIST_DIR = ".next-bench";

export interface BenchStack extends TestStack {
  baseline: Managed;
  /** The process ids whose memory is reported. */
  pids: { restate: number; services: number };
}

export function buildDashboard(): void {
  console.log(`bench: building the dashboard (next build into ${BENCH_DIST_DIR})...`);
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

/**
 * Serves a benchmark-only endpoint (a file that prints "<name> listening on
 * <port>") in a process of its own and registers it on the stack's Restate.
 */
export async function startBenchEndpoint(
  stack: TestStack,
  name: string,
  file: string,
  env?: Record<string, string>,
): Promise<Managed> {
  const port = await freePort();
  const endpoint = startProcess(name, process.execPath, ["--import", "tsx", path.join(root, file)], {
    cwd: root,
    quiet: !process.env.FANLINE_TEST_VERBOSE,
    env: { ...process.env, ...env, SERVICE_PORT: String(port), SERVICE_HOST: "127.0.0.1" },
  });
  try {
    await waitFor(
      `${name} endpoint`,
      async () => endpoint.recentOutput().includes(`${name} listening on ${port}`),
      30_000,
      endpoint,
    );
    await registerDeployment(stack.adminUrl, `http://127.0.0.1:${port}`);
  } catch (error) {
    await endpoint.stop();
    throw error;
  }
  return endpoint;
}

/**
 * Starts everything; on failure stops what had started. `servicesEnv` reaches
 * only the services process (a profiler preload); `serviceProcessesEnv` both
 * the services and the baseline (RESTATE_LOGGING, so both sides stay alike).
 */
export async function startBenchStack(options: {
  web: boolean;
  servicesEnv?: Record<string, string>;
  serviceProcessesEnv?: Record<string, string>;
}): Promise<BenchStack> {
  const servicesEnv = { ...options.serviceProcessesEnv, ...options.servicesEnv };
  const saved = { ...process.env };
  // startTestStack starts the services with this process's environment: set it for that start only.
  Object.assign(process.env, servicesEnv);
  let stack: TestStack | null = null;
  try {
    // Free ports are picked before the processes bind them; on a shared machine
    // another stack can take one in between. Such a start fails: try again.
    for (let attempt = 1; !stack; attempt++) {
      try {
        stack = await startTestStack(
          options.web ? { web: "start", webEnv: { NEXT_DIST_DIR: BENCH_DIST_DIR, NODE_OPTIONS: "" } } : {},
        );
      } catch (error) {
        if (attempt >= 3) throw error;
        console.error(
          `bench: the stack did not start (${(error as Error).message.split("\n")[0].slice(0, 200)}); trying again on other ports`,
        );
      }
    }
  } finally {
    for (const key of Object.keys(servicesEnv)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
  let baseline: Managed | null = null;
  try {
    baseline = await startBenchEndpoint(stack, "baseline", "bench/baseline-endpoint.ts", options.serviceProcessesEnv);
    const pid = (name: string) => {
      const part = stack.parts.find((p) => p.name === name);
      if (!part?.child.pid) throw new Error(`bench: no ${name} process`);
      return part.child.pid;
    };
    const managed = baseline;
    return {
      ...stack,
      baseline: managed,
      pids: { restate: pid("restate"), services: pid("services") },
      async stop() {
        await managed.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await baseline?.stop();
    await stack.stop();
    throw error;
  }
}
