"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { RunSummary } from "@/lib/answers";
import { isRunFinished } from "@/lib/status";
import { ApiError, fetchJson } from "@/lib/ui/fetch-json";

/**
 * Failures grouped by cause, largest first. Picking a group filters the lanes
 * and the results table to it; "Re-run this group" starts a run of just
 * those subtasks once this run has finished.
 */
export function ErrorGroups({
  summary,
  selected,
  onSelect,
}: {
  summary: RunSummary;
  selected: string | null;
  onSelect: (group: string | null) => void;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const groups = summary.errorGroups ?? [];
  if (groups.length === 0) return null;
  const finished = isRunFinished(summary.status);
  const rest = summary.errorGroupsRest;

  async function rerun(error: string) {
    setBusy(error);
    setMessage(null);
    try {
      const { id } = await fetchJson<{ id: string }>(`/api/runs/${encodeURIComponent(summary.id)}/rerun-failed`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ error }),
      });
      router.push(`/runs/${encodeURIComponent(id)}`);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : "Could not start the re-run.");
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="error-groups-heading" className="space-y-2">
      <h2 id="error-groups-heading" className="text-xl font-semibold">
        Failures by cause
      </h2>
      <ul className="space-y-1 text-sm">
        {groups.map((g) => {
          const active = selected === g.error;
          return (
            <li key={g.error} className="flex flex-wrap items-center gap-2">
              <button
                type="button"
                aria-pressed={active}
                onClick={() => onSelect(active ? null : g.error)}
                className={`flex min-w-0 items-center gap-2 rounded-md border px-2 py-1 text-left ${active ? "border-[#D55E00] bg-[#D55E00]/10" : "border-neutral-300 hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800"}`}
              >
                <span aria-hidden="true" className="text-[#D55E00]">
                  ✕
                </span>
                <span className="font-semibold tabular-nums">{g.count.toLocaleString("en-US")}×</span>
                <span className="break-all">{g.error}</span>
                <span className="sr-only">{active ? "(shown; press to show all)" : "(press to show only these)"}</span>
              </button>
              {finished && (
                <button
                  type="button"
                  onClick={() => rerun(g.error)}
                  disabled={busy !== null}
                  aria-busy={busy === g.error || undefined}
                  className="rounded-md border border-[#0072B2] px-2 py-1 text-[#0072B2] hover:bg-[#0072B2]/10 disabled:opacity-60 dark:text-[#56B4E9]"
                >
                  <span aria-hidden="true">↻ </span>Re-run this group
                  <span className="sr-only"> ({g.count} subtasks)</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {rest && rest.groups > 0 && (
        <p className="text-sm text-neutral-600 dark:text-neutral-400">
          and {rest.groups.toLocaleString("en-US")} more {rest.groups === 1 ? "group" : "groups"} (
          {rest.count.toLocaleString("en-US")} failed subtasks)
        </p>
      )}
      {message && (
        <p role="alert" className="text-sm text-[#B34F00] dark:text-[#E07B39]">
          {message}
        </p>
      )}
    </section>
  );
}
