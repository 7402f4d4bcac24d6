import type { RunSummary } from "@/lib/answers";
import type { RunStatus } from "@/lib/status";
import { formatDuration } from "@/lib/ui/format";
import { StatusBadge } from "@/components/status/StatusBadge";
import { statusStyle } from "@/components/status/status-style";
import { RunActions } from "./RunActions";
import { RunLinks } from "./RunLinks";

/** A cancelled run's "error" is the reason it stopped, not a failure, so it is worded and coloured as such. */
const ERROR_HEADINGS: Partial<Record<RunStatus, string>> = {
  failed: "Why the run failed",
  cancelled: "Why the run was cancelled",
  succeeded: "Some subtasks did not succeed",
};

/** What the run is, how it was configured, what it is linked to, and what can be done with it. */
export function RunHeader({ summary, onChanged }: { summary: RunSummary; onChanged: () => void }) {
  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h1 className="break-words text-2xl font-bold tracking-tight">{summary.label}</h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-neutral-600 dark:text-neutral-400">
            <StatusBadge status={summary.status} />
            <span className="font-mono">{summary.id}</span>
            <span>kind {summary.kind}</span>
            <span className="tabular-nums">concurrency {summary.concurrency}</span>
            {summary.retry && (
              <span className="tabular-nums">
                up to {summary.retry.maxAttempts} {summary.retry.maxAttempts === 1 ? "attempt" : "attempts"}, first
                retry after {formatDuration(summary.retry.initialIntervalMs)}
              </span>
            )}
            {summary.onFailure && <span>on failure: {summary.onFailure}</span>}
            <span>
              started{" "}
              <time dateTime={new Date(summary.createdAt).toISOString()}>
                {new Date(summary.createdAt).toLocaleTimeString()}
              </time>
            </span>
          </p>
          <RunLinks summary={summary} />
        </div>
        <RunActions summary={summary} onChanged={onChanged} />
      </div>

      {summary.error && (
        <div
          className={`rounded-lg border px-4 py-3 text-sm ${statusStyle(summary.status === "succeeded" ? "failed" : summary.status).badge}`}
        >
          <p className="font-semibold">{ERROR_HEADINGS[summary.status] ?? "The run reported an error"}</p>
          <p className="whitespace-pre-wrap break-words">{summary.error}</p>
        </div>
      )}
    </header>
  );
}
