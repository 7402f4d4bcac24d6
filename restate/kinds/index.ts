import type { KindExecutor } from "./executor";
import { callExecutor } from "./call";
import { choresExecutor } from "./chores";
import { noopExecutor } from "./noop";
import { wordCountExecutor } from "./word-count";

/** Every kind's executor. Adding a kind: its spec in lib/kinds/, its executor here. */
export const EXECUTORS: readonly KindExecutor[] = [choresExecutor, wordCountExecutor, noopExecutor, callExecutor];

export function findExecutor(kind: string): KindExecutor | undefined {
  return EXECUTORS.find((executor) => executor.kind === kind);
}

export type { AttemptInfo, KindExecutor } from "./executor";
