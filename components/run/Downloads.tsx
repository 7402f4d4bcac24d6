import type { RunSummary } from "@/lib/answers";
import { isRunFinished, type SubtaskStatus } from "@/lib/status";

const LINK =
  "rounded-md border border-neutral-300 px-3 py-1.5 text-sm font-medium hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800";

/** Both downloads of the run's results, narrowed to the status filter when one is set; a run still going says what they hold. */
export function Downloads({ summary, status }: { summary: RunSummary; status: SubtaskStatus | null }) {
  const base = `/api/runs/${encodeURIComponent(summary.id)}/results`;
  const suffix = status ? `&status=${status}` : "";
  const only = status ? `, ${status} ones` : "";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Download results">
      <span className="text-sm font-medium">Download results{only}:</span>
      <a href={`${base}?format=csv${suffix}`} download className={LINK}>
        <span aria-hidden="true">⤓ </span>CSV
      </a>
      <a href={`${base}?format=jsonl${suffix}`} download className={LINK}>
        <span aria-hidden="true">⤓ </span>JSON Lines
      </a>
      {!isRunFinished(summary.status) && (
        <span className="text-sm text-neutral-600 dark:text-neutral-400">
          The run is still going: a download holds the {summary.done.toLocaleString("en-US")} subtasks finished so far.
        </span>
      )}
    </div>
  );
}
