"use client";

import { useState } from "react";
import type { ProblemAction, RunProblem } from "@/lib/answers";
import { fetchJson } from "@/lib/ui/fetch-json";
import { problemText } from "./problem-text";

const LABEL: Record<ProblemAction, string> = { resume: "Resume in Restate", kill: "Kill in Restate" };
const CONFIRM: Record<ProblemAction, string | null> = {
  resume: null,
  kill: "Kill this invocation in Restate? It stops at once without running any more code; the subtask is not retried.",
};

/** Restate's word on one stuck subtask, with the actions Restate offers for it. */
export function ProblemActions({
  runId,
  problem,
  onChanged,
}: {
  runId: string;
  problem: RunProblem;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState<ProblemAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: ProblemAction) => {
    const question = CONFIRM[action];
    if (question && !window.confirm(question)) return;
    setBusy(action);
    setError(null);
    try {
      await fetchJson(
        `/api/runs/${encodeURIComponent(runId)}/invocations/${encodeURIComponent(problem.invocationId)}/${action}`,
        { method: "POST" },
      );
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div data-testid="subtask-problem" className="space-y-2 rounded border border-[#E69F00] bg-[#E69F00]/10 p-2">
      <p>
        <span aria-hidden="true">⚠ </span>
        {problemText(problem)}
        {problem.nextRetryAt &&
          problem.status === "backing-off" &&
          `; next try ${new Date(problem.nextRetryAt).toLocaleTimeString()}`}
      </p>
      {problem.error && <pre className="whitespace-pre-wrap break-words text-xs">{problem.error}</pre>}
      <div className="flex gap-2">
        {problem.actions.map((action) => (
          <button
            key={action}
            type="button"
            disabled={busy !== null}
            onClick={() => void act(action)}
            className="rounded-md border border-neutral-400 px-2 py-1 text-xs hover:bg-neutral-100 disabled:opacity-50 dark:hover:bg-neutral-800"
          >
            {busy === action ? "…" : LABEL[action]}
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
