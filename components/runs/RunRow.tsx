import Link from "next/link";
import type { RunListItem } from "@/lib/status";
import { formatAgo } from "@/lib/ui/format";
import { StackedProgress } from "@/components/progress/StackedProgress";
import { StatusBadge } from "@/components/status/StatusBadge";

/** One run in the recent-runs list; the whole row is the link to its page. */
export function RunRow({ run, now }: { run: RunListItem; now: number }) {
  const summary = run.summary;
  return (
    <li>
      <Link
        href={`/runs/${encodeURIComponent(run.id)}`}
        className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-2 rounded-lg border border-neutral-200 px-4 py-3 hover:bg-neutral-50 sm:grid-cols-[minmax(0,1fr)_8rem_12rem_6rem] dark:border-neutral-800 dark:hover:bg-neutral-900"
      >
        <span className="min-w-0">
          <span className="block truncate font-medium" title={run.label}>
            {run.label}
          </span>
          <span className="block truncate font-mono text-xs text-neutral-500">{run.id}</span>
        </span>
        <span className="justify-self-end sm:justify-self-start">
          {summary ? <StatusBadge status={summary.status} /> : <span className="text-xs text-neutral-500">status unavailable</span>}
        </span>
        <span className="col-span-2 sm:col-span-1">
          {summary && (
            <>
              <StackedProgress counts={summary.counts} total={summary.total} done={summary.done} label={`Progress of ${run.label}`} size="sm" />
              <span className="mt-1 block text-xs tabular-nums text-neutral-600 dark:text-neutral-400">
                {summary.done} of {summary.total} done
              </span>
            </>
          )}
        </span>
        <span className="hidden text-right text-sm tabular-nums text-neutral-600 sm:block dark:text-neutral-400">
          <time dateTime={new Date(run.createdAt).toISOString()} title={new Date(run.createdAt).toLocaleString()}>
            {formatAgo(run.createdAt, now)}
          </time>
        </span>
      </Link>
    </li>
  );
}
