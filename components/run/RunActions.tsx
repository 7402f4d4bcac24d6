"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { RunSummary } from "@/lib/answers";
import { isRunFinished } from "@/lib/status";
import { ApiError, fetchJson } from "@/lib/ui/fetch-json";

const BUTTON = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-60";

/**
 * "Cancel run" (with a confirmation: it cannot be undone) while the run is
 * active; "Re-run failed" once it finished with failures. Both say what went
 * wrong in place when the server refuses.
 */
export function RunActions({ summary, onChanged }: { summary: RunSummary; onChanged: () => void }) {
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const finished = isRunFinished(summary.status);
  const inFlight = summary.counts.running + summary.counts.retrying;

  async function cancel() {
    setBusy(true);
    setMessage(null);
    try {
      await fetchJson(`/api/runs/${encodeURIComponent(summary.id)}/cancel`, { method: "POST" });
      dialogRef.current?.close();
      onChanged();
    } catch (error) {
      dialogRef.current?.close();
      setMessage(error instanceof ApiError ? error.message : "Could not cancel the run.");
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  async function rerunFailed() {
    setBusy(true);
    setMessage(null);
    try {
      const { id } = await fetchJson<{ id: string }>(`/api/runs/${encodeURIComponent(summary.id)}/rerun-failed`, {
        method: "POST",
      });
      router.push(`/runs/${encodeURIComponent(id)}`);
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : "Could not start the re-run.");
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {!finished && (
        <button
          type="button"
          onClick={() => dialogRef.current?.showModal()}
          className={`${BUTTON} border-[#CC79A7] text-[#A8487D] hover:bg-[#CC79A7]/10 dark:text-[#CC79A7]`}
        >
          <span aria-hidden="true">⊘ </span>Cancel run
        </button>
      )}
      {finished && summary.counts.failed > 0 && (
        <button
          type="button"
          onClick={rerunFailed}
          disabled={busy}
          className={`${BUTTON} border-[#0072B2] bg-[#0072B2] text-white hover:bg-[#005A8C]`}
        >
          <span aria-hidden="true">↻ </span>Re-run failed ({summary.counts.failed})
        </button>
      )}
      {message && (
        <p role="alert" className="text-sm text-[#B34F00] dark:text-[#E07B39]">
          {message}
        </p>
      )}
      <dialog
        ref={dialogRef}
        aria-labelledby="cancel-heading"
        className="m-auto max-w-md rounded-lg border border-neutral-300 bg-white p-5 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
      >
        <h2 id="cancel-heading" className="text-lg font-semibold">
          Cancel this run?
        </h2>
        <p className="mt-2 text-sm">
          {inFlight > 0 && (
            <>
              {inFlight} {inFlight === 1 ? "subtask" : "subtasks"} in flight will be cancelled;{" "}
            </>
          )}
          {summary.counts.pending} pending will never start. The {summary.counts.succeeded} that succeeded keep their
          results. This cannot be undone.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <button
            type="button"
            autoFocus
            onClick={() => dialogRef.current?.close()}
            className={`${BUTTON} border-neutral-300 hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800`}
          >
            Keep running
          </button>
          <button
            type="button"
            onClick={cancel}
            disabled={busy}
            className={`${BUTTON} border-[#A8487D] bg-[#A8487D] text-white hover:bg-[#8E3A68]`}
          >
            {busy ? "Cancelling…" : "Yes, cancel run"}
          </button>
        </div>
      </dialog>
    </div>
  );
}
