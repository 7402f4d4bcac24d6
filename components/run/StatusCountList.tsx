import { SUBTASK_STATUSES, type StatusCounts, type SubtaskStatus } from "@/lib/status";
import { StatusIcon } from "@/components/status/StatusIcon";

interface Props {
  counts: StatusCounts;
  /** The state the lanes are filtered to, if any. */
  active?: SubtaskStatus | null;
  /** Given: each count is a button that filters the lanes to its state (pressed again: all lanes). */
  onSelect?: (status: SubtaskStatus | null) => void;
}

/** How many subtasks are in each state, every state always listed so the row does not jump around. */
export function StatusCountList({ counts, active = null, onSelect }: Props) {
  return (
    <ul aria-label="Subtasks by status" className="flex flex-wrap gap-x-2 gap-y-1 text-sm">
      {SUBTASK_STATUSES.map((status) => {
        const content = (
          <>
            <StatusIcon status={status} />
            <span>{status}</span>
            <span className="font-semibold tabular-nums">{counts[status].toLocaleString("en-US")}</span>
          </>
        );
        return (
          <li key={status}>
            {onSelect ? (
              <button
                type="button"
                aria-pressed={active === status}
                title={active === status ? "Show all lanes" : `Show only ${status} lanes`}
                onClick={() => onSelect(active === status ? null : status)}
                className="flex items-center gap-1 rounded-md border border-transparent px-2 py-0.5 hover:border-neutral-300 aria-pressed:border-[#0072B2] aria-pressed:bg-[#0072B2]/10 dark:hover:border-neutral-700 dark:aria-pressed:border-[#56B4E9] dark:aria-pressed:bg-[#56B4E9]/15"
              >
                {content}
              </button>
            ) : (
              <span className="flex items-center gap-1 px-2 py-0.5">{content}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
