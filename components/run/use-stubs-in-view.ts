import { useEffect } from "react";
import type { PendingRange } from "@/lib/answers";
import { stubRange, type SubtaskSnapshot } from "./subtask-snapshot";

/** Scrolling fast passes thousands of lanes: load what is on screen once it holds still this long. */
const SETTLE_MS = 120;

/**
 * Asks `load` for the stubs among the subtasks on screen (`indexes`), once
 * the view has settled, and again after each data change while some remain
 * (a slice that failed is then tried again with the next poll).
 */
export function useStubsInView(
  snapshot: SubtaskSnapshot,
  indexes: readonly number[],
  load: ((range: PendingRange) => void) | undefined,
) {
  const range = stubRange(snapshot, indexes);
  const [from, to] = range ?? [null, null];
  useEffect(() => {
    if (from === null || to === null || !load) return;
    const timer = setTimeout(() => load([from, to]), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [from, to, load, snapshot.records]);
}
