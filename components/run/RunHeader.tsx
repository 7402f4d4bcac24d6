import { isRunFinished, type RunStatus, type RunSummary } from "@/lib/status";
import { formatDuration } from "@/lib/ui/format";
import { StackedProgress } from "@/components/progress/StackedProgress";
import { StatusBadge } from "@/components/status/StatusBadge";
import { statusStyle } from "@/components/status/status-style";
import { StatusCountList } from "./StatusCountList";

/** A cancelled run's "error" is the reason it stopped, not a failure, so it is worded and coloured as such. */
const ERROR_HEADINGS: Partial<Record<RunStatus, string>> = {
  failed: "Why the run failed",
  cancelled: "Why the run was cancelled",
};

/** Everything about the run as a whole: what it is, where it stands, how long it has taken. */
export function RunHeader({ summary, now }: { summary: RunSummary; now: number }) {
  const finished = isRunFinished(summary.status);
  const elapsed = (summary.finishedAt ?? now) - summary.createdAt;
  return (
    <header className="space-y-4">
      <div className="space-y-1">
        <h1 className="break-words text-2xl font-bold tracking-tight">{summary.label}</h1>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-neutral-600 dark:text-neutral-400">
          <StatusBadge status={summary.status} />
          <span className="font-mono">{summary.id}</span>
          <span>kind {summary.kind}</span>
          <span className="tabular-nums">concurrency {summary.concurrency}</span>
          <span>
            started{" "}
            <time dateTime={new Date(summary.createdAt).toISOString()}>{new Date(summary.createdAt).toLocaleTimeString()}</time>
          </span>
        </p>
      </div>

      <div className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-lg font-semibold tabular-nums">
            {summary.done} of {summary.total} done
          </p>
          <p className="text-sm tabular-nums text-neutral-600 dark:text-neutral-400">
            {finished ? "Took" : "Elapsed"} {formatDuration(elapsed)}
          </p>
        </div>
        <StackedProgress counts={summary.counts} total={summary.total} done={summary.done} label="Run progress" />
        <StatusCountList counts={summary.counts} />
      </div>

      {summary.error && (
        <div className={`rounded-lg border px-4 py-3 text-sm ${statusStyle(summary.status).badge}`}>
          <p className="font-semibold">{ERROR_HEADINGS[summary.status] ?? "The run reported an error"}</p>
          <p className="whitespace-pre-wrap break-words">{summary.error}</p>
        </div>
      )}
    </header>
  );
}
