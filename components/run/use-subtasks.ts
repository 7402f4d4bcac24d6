"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWR from "swr";
import type { PendingRange, SubtaskDelta, SubtaskSlice } from "@/lib/answers";
import { fetchJson, isNotFound } from "@/lib/ui/fetch-json";
import { OneAtATime } from "@/lib/ui/one-at-a-time";
import { retryUnlessNotFound } from "@/lib/ui/swr-options";
import { withNewRunGrace } from "./new-run-grace";
import {
  applyChanges,
  emptySnapshot,
  fetchChangesSince,
  FIRST_CURSOR,
  NO_LABELS,
  sameSnapshot,
  withLabels,
  type StubLabels,
  type SubtaskSnapshot,
} from "./subtask-snapshot";

interface Options {
  /** False once the run is known not to exist. */
  enabled: boolean;
  finished: boolean;
  /** The summary's version: when it moves, something changed and we fetch at once. */
  summaryVersion: number;
}

/**
 * A run's subtasks, kept current with `since` deltas through SWR. It polls
 * while the run is active, fetches as soon as the summary reports a new
 * version, and fetches once more when the run finishes so the final statuses
 * are the ones on screen. `loadStubs` fetches the descriptions of the stubs
 * (see subtask-snapshot.ts) a view has on screen, into `labels`.
 */
export function useSubtasks(runId: string, { enabled, finished, summaryVersion }: Options) {
  // The merged copy lives outside SWR's cache so the fetcher can read the cursor it resumes from.
  const latest = useRef<SubtaskSnapshot>(emptySnapshot(runId));
  // A first load of many pages shows each page as it comes, at the first cursor (so nothing is skipped after).
  const [partial, setPartial] = useState<SubtaskSnapshot | null>(null);
  const [labels, setLabels] = useState<{ runId: string; labels: StubLabels }>({ runId, labels: NO_LABELS });

  // One fetch at a time. SWR starts another poll once its dedupe window has
  // passed, even while the last one still reads pages (a 100,000-subtask run's
  // first load mid-run can be 50 of them): two fetches from one cursor would end with the
  // later, fresher answer thrown away, and no poll after the run's end to fix it.
  const [gate] = useState(() => new OneAtATime());

  const swr = useSWR<SubtaskSnapshot>(
    enabled ? ["subtasks", runId] : null,
    () =>
      gate.run(async () => {
        const base = latest.current.runId === runId ? latest.current : emptySnapshot(runId);
        let soFar = base;
        const onPage = (page: SubtaskDelta) => {
          soFar = applyChanges(soFar, base.version, page);
          setPartial(soFar);
        };
        // The first load goes out beside the summary's, so it too may come before the run is stored.
        const changes = await (base.version === FIRST_CURSOR
          ? withNewRunGrace(() => fetchChangesSince(runId, base.version, onPage))
          : fetchChangesSince(runId, base.version));
        latest.current = applyChanges(latest.current.runId === runId ? latest.current : base, base.version, changes);
        return latest.current;
      }),
    {
      // Retry waits tick on the server's clock; a 1 s poll shows the next attempt starting.
      refreshInterval: finished ? 0 : 1000,
      compare: sameSnapshot,
      dedupingInterval: 500,
      onErrorRetry: retryUnlessNotFound,
    },
  );

  const { mutate } = swr;
  const loaded = swr.data !== undefined;
  // A first load that outlasted the new-run grace ends in a 404 that SWR never asks again (not on its interval
  // either, while it holds an error): the summary moving says the run is there after all.
  const notYet = !loaded && isNotFound(swr.error);
  const seenVersion = useRef(summaryVersion);
  useEffect(() => {
    // The first load is SWR's own; after that, catch up whenever the summary moved or the run just finished.
    if (!loaded && !notYet) return;
    if (finished || summaryVersion !== seenVersion.current) {
      seenVersion.current = summaryVersion;
      void mutate();
    }
  }, [loaded, notYet, finished, summaryVersion, mutate]);

  // One slice at a time; while one loads, only the latest range asked for waits its turn (not the one loading).
  const wantedStubs = useRef<PendingRange | null>(null);
  const loadingStubs = useRef<PendingRange | null>(null);
  const loadStubs = useCallback(
    async (range: PendingRange) => {
      const loading = loadingStubs.current;
      if (loading) {
        if (loading[0] !== range[0] || loading[1] !== range[1]) wantedStubs.current = range;
        return;
      }
      try {
        for (let next: PendingRange | null = range; next !== null; next = wantedStubs.current) {
          loadingStubs.current = next;
          wantedStubs.current = null;
          const slice = await fetchJson<SubtaskSlice>(
            `/api/runs/${encodeURIComponent(runId)}/subtasks/slice?from=${next[0]}&to=${next[1]}`,
          ).catch(() => null); // the lanes stay stubs (pending, numbered); the next poll or scroll asks again
          if (!slice) continue;
          setLabels((known) => {
            const base = known.runId === runId ? known.labels : NO_LABELS;
            const next = withLabels(base, slice.subtasks);
            return next === known.labels ? known : { runId, labels: next };
          });
        }
      } finally {
        loadingStubs.current = null;
      }
    },
    [runId],
  );

  const data = swr.data ?? (partial?.runId === runId ? partial : undefined);
  return { ...swr, data, labels: labels.runId === runId ? labels.labels : NO_LABELS, loadStubs };
}
