import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * `<data dir>/fanline.lock`: who runs on this data dir. It names the process
 * that started the stack and each part's pid, so a start after a hard kill
 * can tell our own leftover server (stop it) from another stack still alive
 * (say so, in one line, and stop).
 */
interface Lock {
  supervisor: number;
  parts: Record<string, number>;
}

export class DataDirInUseError extends Error {}

const lockFile = (dataDir: string) => path.join(dataDir, "fanline.lock");

function read(dataDir: string): Lock | null {
  try {
    return JSON.parse(readFileSync(lockFile(dataDir), "utf8")) as Lock;
  } catch {
    return null;
  }
}

/** The command line of a live pid ("" when there is none). `ps` works on Linux and macOS alike. */
function commandOf(pid: number): string {
  try {
    return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

/** What each part's command line holds: a pid reused by some other program is left alone. */
const SIGNATURE: Record<string, string> = {
  restate: "restate-server",
  services: "restate/endpoint.ts",
  example: "examples/text-stats/endpoint.ts",
  web: "next",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stopGroup(pid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // Gone.
    }
  };
  signal("SIGTERM");
  for (let i = 0; i < 50 && commandOf(pid); i++) await sleep(100);
  signal("SIGKILL");
  for (let i = 0; i < 50 && commandOf(pid); i++) await sleep(100);
}

/**
 * Takes the data dir for this process. A live stack on it is an error naming
 * its pid; parts left running by a stack that was killed are stopped, each
 * with one line through `log`.
 */
export async function claimDataDir(dataDir: string, log: (line: string) => void): Promise<void> {
  const previous = read(dataDir);
  if (previous && previous.supervisor !== process.pid && commandOf(previous.supervisor).includes("node")) {
    throw new DataDirInUseError(
      `Fanline is already running on ${dataDir} (pid ${previous.supervisor}): stop it (Ctrl-C in its terminal, or kill ${previous.supervisor}) or set RESTATE_DATA_DIR to another directory.`,
    );
  }
  for (const [name, pid] of Object.entries(previous?.parts ?? {})) {
    const command = commandOf(pid);
    if (pid === process.pid || !command.includes(SIGNATURE[name] ?? "\0")) continue;
    if (name === "restate" && !command.includes(dataDir)) continue;
    log(`Stopping ${name} (pid ${pid}), left running on ${dataDir} by a Fanline that did not shut down.`);
    await stopGroup(pid);
  }
  writeLock(dataDir, { supervisor: process.pid, parts: {} });
}

function writeLock(dataDir: string, lock: Lock): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFile(dataDir), `${JSON.stringify(lock)}\n`);
}

/** Records the pids of the parts now running. */
export function recordParts(dataDir: string, parts: Array<{ name: string; child: { pid?: number } }>): void {
  const pids = Object.fromEntries(parts.filter((p) => p.child.pid).map((p) => [p.name, p.child.pid!]));
  writeLock(dataDir, { supervisor: process.pid, parts: pids });
}

export function releaseDataDir(dataDir: string): void {
  if (read(dataDir)?.supervisor === process.pid && existsSync(lockFile(dataDir))) rmSync(lockFile(dataDir));
}
