import path from "node:path";
import type { StartOptions } from "./process";

/** How much of a part's output reaches the console. */
export interface OutputOptions {
  /** Nothing at all (tests, benchmarks). */
  quiet?: boolean;
  /** Everything, as the part printed it. */
  verbose?: boolean;
  /** Where each part's full log goes (`<name>.log`); without it the console gets everything. */
  logDir?: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** Restate's own levels; its start-up version check fails offline, harmlessly (see RESTATE-NOTES). */
function restateProblem(line: string): boolean {
  const plain = line.replace(ANSI, "");
  return /^\S+\s+(WARN|ERROR)\b/.test(plain) && !/\boctocrab\b/.test(plain);
}

/** Node parts: anything on stderr, and what next and the SDK mark as a warning or an error. */
function nodeProblem(line: string, stream: "stdout" | "stderr"): boolean {
  const plain = line.replace(ANSI, "").trim();
  if (plain === "") return false;
  return stream === "stderr" || /^[⚠⨯✖]/.test(plain) || /\b(WARN|ERROR|Error:)/.test(plain);
}

/** The console policy for one part: its full log to a file, the console only its problems unless verbose. */
export function partOutput(name: string, output: OutputOptions = {}): Pick<StartOptions, "quiet" | "logFile" | "show"> {
  if (!output.logDir) return { quiet: output.quiet };
  return {
    quiet: output.quiet,
    logFile: path.join(output.logDir, `${name}.log`),
    show: output.verbose ? undefined : name === "restate" ? restateProblem : nodeProblem,
  };
}

export function logDirOf(dataDir: string): string {
  return path.join(dataDir, "logs");
}
