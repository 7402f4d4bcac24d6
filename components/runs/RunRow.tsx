import Link from "next/link";
import type { RunListItem } from "@/lib/answers";
import type { SubtaskStatus } from "@/lib/status";
import { formatAgo, formatDuration } from "@/lib/ui/format";
import { StackedProgress } from "@/components/progress/StackedProgress";
import { StatusBadge } from "@/components/status/StatusBadge";
import { StatusIcon } from "@/components/status/StatusIcon";

/** The counts worth a glance in a list: what is moving and what went wrong. */
const LISTED: readonly SubtaskStatus[] = ["running", "retrying", "failed", "cancelled"];

/** One run in the list; the whole row is the link to its page. */
export function RunRow({ run, now }: { run: RunListItem; now: number }) {
  const summary = run.summary;
  const status = summary?.status ?? run.status;
  const finishedAt = summary?.finishedAt ?? run.finishedAt;
  return (
    <li>
      <Link
        href={`/runs/${encodeURIComponent(run.id)}`}
        className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-2 rounded-lg border border-neutral-200 px-4 py-3 hover:bg-neutral-50 sm:grid-cols-[minmax(0,1fr)_8rem_13rem_7rem] dark:border-neutral-800 dark:hover:bg-neutral-900"
      >
        <span className="min-w-0">
          <span className="block truncate font-medium" title={run.label}>
            {run.label}
          </span>
          <span className="block truncate text-xs text-neutral-500">
            <span className="font-mono">{run.id}</span> · {run.kind}
            {run.rerunOf && (
              <>
                {" "}
                · re-run of <span className="font-mono">{run.rerunOf}</span>
              </>
            )}
            {run.reruns.length > 0 && (
              <>
                {" "}
                · re-run as <span className="font-mono">{run.reruns.join(", ")}</span>
              </>
            )}
          </span>
        </span>
        <span className="justify-self-end sm:justify-self-start">
          <StatusBadge status={status} />
        </span>
        <span className="col-span-2 sm:col-span-1">
          {summary ? (
            <>
              <StackedProgress
                counts={summary.counts}
                total={summary.total}
                done={summary.done}
                label={`Progress of ${run.label}`}
                size="sm"
              />
              <span className="mt-1 flex flex-wrap gap-x-2 text-xs tabular-nums text-neutral-600 dark:text-neutral-400">
                <span>
                  {summary.done} of {summary.total} done
                </span>
                {LISTED.filter((s) => summary.counts[s] > 0).map((s) => (
                  <span key={s} className="inline-flex items-center">
                    <StatusIcon status={s} />
                    {summary.counts[s]} {s}
                  </span>
                ))}
              </span>
            </>
          ) : (
            <span className="text-xs text-neutral-500">progress unavailable</span>
          )}
        </span>
        <span className="col-span-2 flex gap-3 text-sm tabular-nums text-neutral-600 sm:col-span-1 sm:block sm:text-right dark:text-neutral-400">
          <time
            className="block"
            dateTime={new Date(run.createdAt).toISOString()}
            title={new Date(run.createdAt).toLocaleString()}
          >
            {formatAgo(run.createdAt, now)}
          </time>
          <span className="block text-xs">
            {finishedAt ? "took " : "running "}
            {formatDuration((finishedAt ?? now) - run.createdAt)}
          </span>
        </span>
      </Link>
    </li>
  );
}
