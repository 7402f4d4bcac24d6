"use client";

import type { RunSummary } from "@/lib/answers";
import { problemText } from "./problem-text";

const SHOWN = 5;

/**
 * What Restate itself says is wrong right now (read from its invocation
 * table by the API), above the timeline: an outage of the services, a
 * subtask Restate keeps retrying or has paused. Clears once they recover.
 */
export function RestateProblems({ summary, onOpen }: { summary: RunSummary; onOpen: (index: number) => void }) {
  const problems = summary.problems ?? [];
  if (problems.length === 0) return null;
  const workflow = problems.find((p) => p.index === null);
  const subtasks = problems.filter((p) => p.index !== null).sort((a, b) => a.index! - b.index!);
  return (
    <div
      role="alert"
      data-testid="restate-problems"
      className="space-y-2 rounded-lg border border-[#E69F00] bg-[#E69F00]/10 px-4 py-3 text-sm"
    >
      <p className="font-medium">
        <span aria-hidden="true">⚠ </span>
        Restate reports {problems.length} stuck invocation{problems.length === 1 ? "" : "s"} in this run
        {subtasks.length > 0 && `: ${subtasks.length} subtask${subtasks.length === 1 ? "" : "s"}`}
        {workflow && (subtasks.length > 0 ? " and the run itself" : ": the run itself")}.
      </p>
      <ul className="space-y-1">
        {workflow && <li>The run: {problemText(workflow)}</li>}
        {subtasks.slice(0, SHOWN).map((p) => (
          <li key={p.invocationId}>
            <button type="button" className="underline" onClick={() => onOpen(p.index!)}>
              Subtask {p.index! + 1}
            </button>
            : {problemText(p)}
          </li>
        ))}
        {subtasks.length > SHOWN && <li>…and {subtasks.length - SHOWN} more (marked on their lanes).</li>}
      </ul>
    </div>
  );
}
