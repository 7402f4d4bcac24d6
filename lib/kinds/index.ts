import type { TaskKind } from "./kind";
import { call } from "./call";
import { chores } from "./chores";
import { noop } from "./noop";
import { wordCount } from "./word-count";

/** Every kind of task Fanline can run. Adding a kind: write its file, list it here. */
export const TASK_KINDS: readonly TaskKind[] = [chores, wordCount, noop, call];

export const DEFAULT_KIND = chores.name;

export function findKind(name: string): TaskKind | undefined {
  return TASK_KINDS.find((kind) => kind.name === name);
}

export type { TaskKind, SubtaskSpec, FinishedSubtask } from "./kind";
