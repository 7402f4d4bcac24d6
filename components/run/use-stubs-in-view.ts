import { useEffect } from "react";
import type { PendingRange } from "@/lib/answers";
import { LIMITS } from "@/lib/limits";
import { stubRange, type StubLabels, type SubtaskSnapshot } from "./subtask-snapshot";

/** Scrolling fast passes thousands of lanes: load what is on screen once it holds still this long. */
const SETTLE_MS = 120;

/**
 * Asks `load` for the labels of the stubs among the subtasks on screen
 * (`indexes`), once the view has settled, and again after each data change
 * while some remain unlabelled (a slice that failed is tried again with the
 * next poll).
 */
export function useStubsInView(
  snapshot: SubtaskSnapshot,
  indexes: readonly number[],
  labels: StubLabels,
  load: ((range: PendingRange) => void) | undefined,
) {
  const range = stubRange(snapshot, indexes, labels);
  // Lanes on screen out of index order (problems first) can span more than a slice holds: the rest comes next time.
  const [from, to] = range ? [range[0], Math.min(range[1], range[0] + LIMITS.subtaskPageSize)] : [null, null];
  useEffect(() => {
    if (from === null || to === null || !load) return;
    const timer = setTimeout(() => load([from, to]), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [from, to, load, snapshot.records]);
}
