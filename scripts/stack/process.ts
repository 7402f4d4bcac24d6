import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { guardGroup, releaseGroup } from "./guard";

export interface Managed {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for error messages when it dies early. */
  recentOutput(): string;
  /** How it ended: "code 1", "signal SIGKILL" (once `exited` resolved). */
  exitStatus(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions extends SpawnOptions {
  /** Output goes to the console prefixed with the name; nothing when `quiet`. */
  quiet?: boolean;
  /** Every line is appended to this file as well. */
  logFile?: string;
  /** When given, the console shows only the lines it accepts (the log file has them all). */
  show?: (line: string, stream: "stdout" | "stderr") => boolean;
  onOutput?: (line: string) => void;
}

/**
 * Spawns a process in its own process group, so that stopping it also stops
 * anything it started (npx, next's workers), and no process is left behind:
 * the watchdog (guard.ts) stops the group if this process dies first.
 */
export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): Managed {
  const { quiet, logFile, show, onOutput, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = child.pid;
  if (pid) guardGroup(pid);
  const log = logFile ? openLog(logFile, `--- ${name} started ${new Date().toISOString()} (pid ${pid}) ---`) : null;
  const recent: string[] = [];
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream, kind: "stdout" | "stderr") => {
    let buffered = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 30) recent.shift();
        onOutput?.(line);
        log?.write(`${line}\n`);
        if (!quiet && (!show || show(line, kind))) out.write(`[${name}] ${line}\n`);
      }
    });
  };
  forward(child.stdout, process.stdout, "stdout");
  forward(child.stderr, process.stderr, "stderr");
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      if (pid) releaseGroup(pid);
      resolve(code);
    }),
  );
  child.once("close", () => log?.end(`--- ${name} ended ${new Date().toISOString()} (${exitStatus(child)}) ---\n`));
  return {
    name,
    child,
    recentOutput: () => recent.join("\n"),
    exitStatus: () => exitStatus(child),
    exited,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function exitStatus(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

function openLog(file: string, header: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: "a" });
  stream.on("error", () => undefined);
  stream.write(`${header}\n`);
  return stream;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Polls `check` until it is true or `timeoutMs` passes; fails early, with its output, if `process` dies. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  process?: Managed,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  process?.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone)
      throw new Error(`${what}: the process exited before it was ready. Its last output:\n${process!.recentOutput()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}
