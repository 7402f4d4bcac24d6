"use client";

import useSWR from "swr";
import type { RunList } from "@/lib/status";
import { LIMITS } from "@/lib/limits";
import { fetchJson } from "@/lib/ui/fetch-json";
import { retryUnlessNotFound } from "@/lib/ui/swr-options";
import { useNow } from "@/lib/ui/use-now";
import { Notice } from "@/components/ui/Notice";
import { Skeleton } from "@/components/ui/Skeleton";
import { RunRow } from "./RunRow";

const RUNS_URL = `/api/runs?offset=0&limit=${LIMITS.defaultListLimit}`;

/** The newest runs, refreshed every 2 s (SWR pauses polling while the tab is hidden). */
export function RecentRuns() {
  const { data, error, isLoading } = useSWR<RunList>(RUNS_URL, fetchJson, {
    refreshInterval: 2000,
    onErrorRetry: retryUnlessNotFound,
  });
  const now = useNow(1000, Boolean(data?.runs.length));

  return (
    <section aria-labelledby="recent-runs-heading" className="space-y-3">
      <h2 id="recent-runs-heading" className="text-xl font-semibold">
        Recent runs
      </h2>
      {error && (
        <Notice tone="problem">Can&apos;t reach Restate… The list will refresh by itself when it is back.</Notice>
      )}
      {isLoading && <RunsSkeleton />}
      {data && data.runs.length === 0 && <Notice>No runs yet. Start one above and it will show up here.</Notice>}
      {data && data.runs.length > 0 && (
        <>
          <ul className="space-y-2">
            {data.runs.map((run) => (
              <RunRow key={run.id} run={run} now={now} />
            ))}
          </ul>
          {data.total > data.runs.length && (
            <p className="text-sm tabular-nums text-neutral-600 dark:text-neutral-400">
              Showing the {data.runs.length} newest of {data.total} runs.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function RunsSkeleton() {
  return (
    <div className="space-y-2" aria-busy="true" aria-label="Loading recent runs">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-16" />
      ))}
    </div>
  );
}
