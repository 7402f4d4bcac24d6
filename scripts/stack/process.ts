import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface Managed {
  name: string;
  child: ChildProcess;
  /** The last lines it printed, for error messages when it dies early. */
  recentOutput(): string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions extends SpawnOptions {
  /** Prefix for forwarded output; output is dropped when `quiet`. */
  quiet?: boolean;
  onOutput?: (line: string) => void;
}

/**
 * Spawns a process in its own process group, so that stopping it also stops
 * anything it started (npx, next's workers), and no process is left behind.
 */
export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): Managed {
  const { quiet, onOutput, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const recent: string[] = [];
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
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
        if (!quiet) out.write(`[${name}] ${line}\n`);
      }
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    name,
    child,
    recentOutput: () => recent.join("\n"),
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

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Polls `check` until it is true or `timeoutMs` passes; fails early, with its output, if `process` dies. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, process?: Managed): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  process?.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${what}: the process exited before it was ready. Its last output:\n${process!.recentOutput()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}
