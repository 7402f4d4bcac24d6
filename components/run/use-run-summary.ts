"use client";

import useSWR from "swr";
import type { RunSummary } from "@/lib/answers";
import { isRunFinished } from "@/lib/status";
import { fetchJson } from "@/lib/ui/fetch-json";
import { retryUnlessNotFound } from "@/lib/ui/swr-options";
import { withNewRunGrace } from "./new-run-grace";

const fetchSummary = (url: string) => withNewRunGrace(() => fetchJson<RunSummary>(url));

/*
 * Defined once, outside the hook: SWR restarts its polling timer whenever the
 * refreshInterval option changes identity, and this page re-renders every
 * second (the elapsed clock), so an inline arrow would reset the timer before
 * it ever fired.
 */
function pollWhileActive(latest: RunSummary | undefined): number {
  // A finished run still changes in one way: a re-run of its failures can be
  // started (from another tab, or the API), and its link should appear.
  return latest && isRunFinished(latest.status) ? 10_000 : 1000;
}

/** A run's summary, polled every second while it runs, then now and then for new re-run links. */
export function useRunSummary(id: string) {
  return useSWR<RunSummary>(`/api/runs/${encodeURIComponent(id)}`, fetchSummary, {
    refreshInterval: pollWhileActive,
    revalidateOnMount: true,
    onErrorRetry: retryUnlessNotFound,
  });
}
