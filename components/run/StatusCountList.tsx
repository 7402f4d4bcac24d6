import { SUBTASK_STATUSES, type StatusCounts } from "@/lib/status";
import { StatusIcon } from "@/components/status/StatusIcon";

/** How many subtasks are in each state, every state always listed so the row does not jump around. */
export function StatusCountList({ counts }: { counts: StatusCounts }) {
  return (
    <ul aria-label="Subtasks by status" className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {SUBTASK_STATUSES.map((status) => (
        <li key={status} className="flex items-center gap-1">
          <StatusIcon status={status} />
          <span>{status}</span>
          <span className="font-semibold tabular-nums">{counts[status]}</span>
        </li>
      ))}
    </ul>
  );
}
