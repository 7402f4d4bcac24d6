"use client";

import useSWR from "swr";
import type { RunList } from "@/lib/answers";
import { RUN_STATUSES } from "@/lib/status";
import { LIMITS } from "@/lib/limits";
import { fetchJson } from "@/lib/ui/fetch-json";
import { retryUnlessNotFound } from "@/lib/ui/swr-options";
import { useNow } from "@/lib/ui/use-now";
import { useUrlParams } from "@/lib/ui/use-url-params";
import { Notice } from "@/components/ui/Notice";
import { Skeleton } from "@/components/ui/Skeleton";
import { RunRow } from "./RunRow";

const PAGE_SIZE = LIMITS.defaultListLimit;
/** "active" is every run not finished yet; the rest are run statuses. */
const FILTERS = ["all", "active", ...RUN_STATUSES] as const;

const BUTTON =
  "rounded-md border border-neutral-300 px-3 py-1 text-sm hover:bg-neutral-100 disabled:opacity-40 disabled:hover:bg-transparent dark:border-neutral-700 dark:hover:bg-neutral-800";

/**
 * Every run, newest first, a page at a time, optionally filtered by status
 * (both in the URL: ?runs=failed&page=2). Refreshed every 2 s; SWR pauses
 * polling while the tab is hidden.
 */
export function RecentRuns() {
  const [params, setParams] = useUrlParams();
  const status = FILTERS.includes(params.get("runs") as (typeof FILTERS)[number]) ? params.get("runs")! : "all";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const url = `/api/runs?offset=${offset}&limit=${PAGE_SIZE}${status === "all" ? "" : `&status=${status}`}`;
  const { data, error, isLoading } = useSWR<RunList>(url, fetchJson, {
    refreshInterval: 2000,
    keepPreviousData: true,
    onErrorRetry: retryUnlessNotFound,
  });
  const now = useNow(1000, Boolean(data?.runs.length));
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <section aria-labelledby="recent-runs-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="recent-runs-heading" className="text-xl font-semibold">
          Runs
        </h2>
        <label className="flex items-center gap-2 text-sm">
          Status
          <select
            value={status}
            onChange={(event) =>
              setParams({ runs: event.target.value === "all" ? null : event.target.value, page: null })
            }
            className="rounded-md border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900"
          >
            {FILTERS.map((filter) => (
              <option key={filter} value={filter}>
                {filter === "all" ? "all runs" : filter === "active" ? "active (not finished)" : filter}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <Notice tone="problem">Can&apos;t reach Restate… The list will refresh by itself when it is back.</Notice>
      )}
      {isLoading && !data && <RunsSkeleton />}
      {data && data.runs.length === 0 && (
        <Notice>
          {status === "all" ? "No runs yet. Start one above and it will show up here." : `No ${status} runs.`}
        </Notice>
      )}
      {data && data.runs.length > 0 && (
        <>
          <ul className="space-y-2" aria-label="Runs, newest first">
            {data.runs.map((run) => (
              <RunRow key={run.id} run={run} now={now} />
            ))}
          </ul>
          <nav
            aria-label="Pages of runs"
            className="flex flex-wrap items-center justify-between gap-2 text-sm tabular-nums text-neutral-600 dark:text-neutral-400"
          >
            <p data-testid="runs-shown">
              {data.runs.length === total
                ? `All ${total} ${status === "all" ? "" : `${status} `}${total === 1 ? "run" : "runs"} shown`
                : `${offset + 1}–${offset + data.runs.length} of ${total} ${status === "all" ? "" : `${status} `}runs shown, newest first`}
            </p>
            {pages > 1 && (
              <span className="flex items-center gap-2">
                <button
                  type="button"
                  className={BUTTON}
                  disabled={page <= 1}
                  onClick={() => setParams({ page: page - 1 === 1 ? null : page - 1 })}
                >
                  ◀ Newer
                </button>
                <span>
                  Page {page} of {pages}
                </span>
                <button
                  type="button"
                  className={BUTTON}
                  disabled={page >= pages}
                  onClick={() => setParams({ page: page + 1 })}
                >
                  Older ▶
                </button>
              </span>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

function RunsSkeleton() {
  return (
    <div className="space-y-2" aria-busy="true" aria-label="Loading runs">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-16" />
      ))}
    </div>
  );
}
