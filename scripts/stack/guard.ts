import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * The supervisor's side of watchdog.ts: started on first use, one per
 * process, and told of every part's process group. It holds no reference
 * that keeps this process alive, and needs nothing from it but the open pipe.
 */
let watchdog: ChildProcess | null = null;

function tell(line: string): void {
  if (!watchdog) {
    watchdog = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "watchdog.ts")], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
    });
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
    watchdog.stdin!.on("error", () => undefined);
  }
  watchdog.stdin!.write(`${line}\n`);
}

/** Have `pid`'s process group stopped if this process dies before `release`. */
export function guardGroup(pid: number): void {
  tell(`+${pid}`);
}

export function releaseGroup(pid: number): void {
  tell(`-${pid}`);
}

/** The watchdog's pid, for tests that kill it to simulate a leftover. */
export function watchdogPid(): number | undefined {
  return watchdog?.pid;
}
