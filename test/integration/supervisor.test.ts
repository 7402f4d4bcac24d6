import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { freePort, isPortFree } from "@/scripts/stack/ports";
import { sleep } from "../support/test-stack";
import { isRunFinished, type RunStatus } from "@/lib/status";
import { waitUntil } from "../support/wait";

/*
 * `npm run dev` as a user runs it: the real supervisor, next dev and all,
 * on free ports and a data dir of its own. Crashes are real SIGKILLs.
 */
const root = path.resolve(import.meta.dirname, "../..");

interface Dev {
  npm: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

interface Env {
  dataDir: string;
  ports: Record<string, number>;
  webUrl: string;
}

async function makeEnv(): Promise<Env> {
  const ports = {
    PORT: await freePort(),
    RESTATE_INGRESS_PORT: await freePort(),
    RESTATE_ADMIN_PORT: await freePort(),
    RESTATE_NODE_PORT: await freePort(),
    SERVICE_PORT: await freePort(),
    // The example user service is a part like the others: on a free port, found and stopped like them.
    EXAMPLE_SERVICE_PORT: await freePort(),
  };
  return {
    dataDir: mkdtempSync(path.join(os.tmpdir(), "fanline-dev-")),
    ports,
    webUrl: `http://127.0.0.1:${ports.PORT}`,
  };
}

function startDev(env: Env): Dev {
  const npm = spawn("npm", ["run", "--silent", "dev"], {
    cwd: root,
    // Its own group, so that whatever happens the test can clean up after it.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(env.ports).map(([k, v]) => [k, String(v)])),
      RESTATE_DATA_DIR: env.dataDir,
      // A dev server of its own, beside any `npm run dev` in this checkout.
      NEXT_DIST_DIR: ".next-test-dev",
    },
  });
  let output = "";
  npm.stdout!.on("data", (chunk) => (output += chunk));
  npm.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  started.push(npm);
  return { npm, output: () => output, exited };
}
const started: ChildProcess[] = [];

/** waitUntil with this file's defaults: stacks start slowly, so two minutes. */
const until = <T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 120_000,
) => waitUntil(what, async () => check(), timeoutMs, 200);

const lock = (env: Env) =>
  JSON.parse(readFileSync(path.join(env.dataDir, "fanline.lock"), "utf8")) as {
    supervisor: number;
    parts: Record<string, number>;
  };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process whose command line mentions the data dir or one of the ports: what a leftover would be. */
function processesOf(env: Env): string[] {
  const marks = [env.dataDir, ...Object.values(env.ports).map(String)];
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => marks.some((m) => line.includes(m)) && !line.includes("ps -eo"));
}

/** The watchdog is the supervisor's child that runs watchdog.ts. */
function watchdogOf(supervisor: number): number {
  const line = execFileSync("ps", ["-eo", "pid,ppid,args"], { encoding: "utf8" })
    .split("\n")
    .find((l) => l.includes("watchdog.ts") && l.trim().split(/\s+/)[1] === String(supervisor));
  assert.ok(line, "the supervisor runs a watchdog");
  return Number(line.trim().split(/\s+/)[0]);
}

async function api<T>(env: Env, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env.webUrl}${pathname}`, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  assert.ok(response.ok, `${pathname}: ${response.status}`);
  return (await response.json()) as T;
}

async function allGone(env: Env, pids: number[]): Promise<void> {
  await until("every process of the stack has exited", () => pids.every((p) => !alive(p)), 30_000);
  assert.deepEqual(processesOf(env), [], "no process of the stack is left");
  for (const port of Object.values(env.ports)) assert.ok(await isPortFree(port), `port ${port} is free again`);
}

after(() => {
  for (const npm of started) {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
});

describe("npm run dev supervises its parts", { timeout: 600_000 }, () => {
  const env = makeEnv();
  let dev: Dev;

  it("survives a services crash: the part is restarted, the dashboard answers meanwhile, the run finishes", async () => {
    const e = await env;
    dev = startDev(e);
    await until("the stack is up", () => dev.output().includes("Fanline is running"), 240_000);
    assert.match(dev.output(), /^restate\s+ready/m, "one ready line per part");
    assert.doesNotMatch(dev.output(), /INFO/, "Restate's INFO lines stay in its log file");

    const items = Array.from({ length: 40 }, (_, i) => `chore ${i} [take 300ms]`);
    const { id } = await api<{ id: string }>(e, "/api/runs", {
      kind: "noop",
      description: items.join(","),
      concurrency: 4,
    });
    await until("the run is under way", async () => (await api<{ done: number }>(e, `/api/runs/${id}`)).done >= 4);

    process.kill(lock(e).parts.services, "SIGKILL");
    const down = await until("the dashboard reports the services down", async () => {
      const health = await api<{ restate: string; services: string }>(e, "/api/health/parts");
      return health.services === "down" && health;
    });
    assert.equal(down.restate, "up");

    await until("the supervisor brings the services back", () => dev.output().includes("services is back"), 60_000);
    assert.match(dev.output(), /services exited \(signal SIGKILL\); restarting in \d/);
    const done = await until(
      "the run finishes",
      async () => {
        const summary = await api<{ status: string; aggregate: unknown }>(e, `/api/runs/${id}`);
        return isRunFinished(summary.status as RunStatus) && summary;
      },
      180_000,
    );
    assert.equal(done.status, "succeeded");
    assert.deepEqual(done.aggregate, { succeeded: 40, failed: 0 });
    assert.equal((await api<{ services: string }>(e, "/api/health/parts")).services, "up");
  });

  it("a SIGKILLed supervisor leaves no process behind", async () => {
    const e = await env;
    const { supervisor, parts } = lock(e);
    const watchdog = watchdogOf(supervisor);
    process.kill(supervisor, "SIGKILL");
    await dev.exited;
    await allGone(e, [supervisor, watchdog, ...Object.values(parts)]);
  });

  it("a start finds the server left running on its data dir, stops it, and starts", async () => {
    const e = await env;
    const first = startDev(e);
    await until("the stack is up", () => first.output().includes("Fanline is running"), 240_000);
    const { supervisor, parts } = lock(e);
    // Without its watchdog, a killed supervisor leaves its parts running: the leftover a reboot-less crash can leave.
    process.kill(watchdogOf(supervisor), "SIGKILL");
    process.kill(supervisor, "SIGKILL");
    await first.exited;
    // What is checked is that nothing stops the parts: a second in which something could have.
    await sleep(1000);
    assert.ok(alive(parts.restate), "the old Restate server is still running");

    const second = startDev(e);
    await until("the second start is up", () => second.output().includes("Fanline is running"), 240_000);
    assert.match(second.output(), new RegExp(`Stopping restate \\(pid ${parts.restate}\\), left running on`));
    for (const pid of Object.values(parts)) assert.ok(!alive(pid), `old pid ${pid} is gone`);

    const third = startDev(e);
    assert.notEqual(await third.exited, 0, "a second stack on the same data dir refuses to start");
    assert.match(third.output(), new RegExp(`Fanline is already running on .* \\(pid ${lock(e).supervisor}\\)`));

    const { supervisor: live, parts: now } = lock(e);
    const watchdog = watchdogOf(live);
    process.kill(live, "SIGINT");
    assert.equal(await second.exited, 0, "Ctrl-C stops the stack cleanly");
    await allGone(e, [live, watchdog, ...Object.values(now)]);
    rmSync(e.dataDir, { recursive: true, force: true });
  });
});
