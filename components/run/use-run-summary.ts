"use client";

import useSWR from "swr";
import type { RunSummary } from "@/lib/answers";
import { isRunFinished } from "@/lib/status";
import { fetchJson, isNotFound } from "@/lib/ui/fetch-json";
import { retryUnlessNotFound } from "@/lib/ui/swr-options";

/*
 * The workflow's summary query answers "no such run" until the run's first
 * step has stored its state, a moment after the POST returns. A page opened
 * right after submitting would otherwise flash "Run not found", so a 404 is
 * asked again a few times before it is believed.
 */
const NEW_RUN_GRACE_TRIES = 5;
const NEW_RUN_GRACE_MS = 600;

async function fetchSummary(url: string): Promise<RunSummary> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchJson<RunSummary>(url);
    } catch (error) {
      if (!isNotFound(error) || attempt >= NEW_RUN_GRACE_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, NEW_RUN_GRACE_MS));
    }
  }
}

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
