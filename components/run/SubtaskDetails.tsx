"use client";

import { useEffect, useRef } from "react";
import useSWR from "swr";
import type { RunProblem, SubtaskDetail } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { isSubtaskFinished } from "@/lib/status";
import { fetchJson, isNotFound } from "@/lib/ui/fetch-json";
import { formatDuration } from "@/lib/ui/format";
import { useRestateUi } from "@/lib/ui/use-restate-ui";
import { retryUnlessNotFound } from "@/lib/ui/swr-options";
import { StatusBadge } from "@/components/status/StatusBadge";
import { Skeleton } from "@/components/ui/Skeleton";
import { laneName, retryText } from "./lane-text";
import { ProblemActions } from "./ProblemActions";
import { attemptsOf, queuedMs } from "./segments";
import { isStub } from "./subtask-snapshot";

interface Props {
  runId: string;
  index: number;
  /** The timeline's copy, live from the deltas; the details call adds the input and the result. */
  record: SubtaskRecord | undefined;
  /** What Restate says is wrong with this subtask's invocation right now. */
  problem: RunProblem | null;
  now: number;
  onClose: () => void;
  /** Something was done to the run (an action on the invocation): refresh the summary. */
  onChanged: () => void;
}

/**
 * One subtask in full: input, result or error, every attempt, and its Restate
 * invocation. A side panel, not a modal: the timeline stays usable behind it.
 * Escape closes it and focus goes back to the lane it was opened from.
 */
export function SubtaskDetails({ runId, index, record: live, problem, now, onClose, onChanged }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const finished = live ? isSubtaskFinished(live.status) : false;
  const { data, error } = useSWR<SubtaskDetail>(`/api/runs/${encodeURIComponent(runId)}/subtasks/${index}`, fetchJson, {
    refreshInterval: finished ? 0 : 2000,
    onErrorRetry: retryUnlessNotFound,
  });
  const { invocationUrl } = useRestateUi();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    headingRef.current?.focus();
    return () => {
      // Back to the lane the panel was opened from, if it is still on screen.
      const lane = document.querySelector<HTMLElement>(`[role="listitem"][data-index="${index}"]`);
      (lane ?? opener)?.focus({ preventScroll: true });
    };
  }, [index]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented && !document.querySelector("dialog[open]")) onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  // The lane's record, so the panel and the timeline agree; the details call adds the input (and is the record on a deep link, before the timeline has loaded).
  const record = live && !isStub(live) ? live : (data?.record ?? live);
  const attempts = record ? attemptsOf(record, now) : [];
  const link = record?.invocationId ? invocationUrl(record.invocationId) : null;

  return (
    <aside
      aria-labelledby="subtask-details-heading"
      className="fixed inset-y-0 right-0 z-30 flex w-full max-w-md flex-col border-l border-neutral-200 bg-white shadow-xl dark:border-neutral-800 dark:bg-neutral-950"
    >
      <div className="flex items-start justify-between gap-3 border-b border-neutral-200 px-4 py-3 dark:border-neutral-800">
        <div className="min-w-0">
          <p className="text-xs text-neutral-600 dark:text-neutral-400">Subtask {index + 1}</p>
          <h2
            id="subtask-details-heading"
            ref={headingRef}
            tabIndex={-1}
            className="break-words text-lg font-semibold outline-none"
          >
            {record ? laneName(record) : "Loading…"}
          </h2>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close details"
          className="rounded-md border border-neutral-300 px-2 py-1 text-sm hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800"
        >
          ✕ <span className="sr-only sm:not-sr-only">Close</span>
        </button>
      </div>
      <div className="flex-1 space-y-5 overflow-y-auto px-4 py-4 text-sm">
        {error && isNotFound(error) && <p>This subtask does not exist in this run.</p>}
        {error && !isNotFound(error) && <p role="alert">Can&apos;t load this subtask&apos;s details — retrying.</p>}
        {record && (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={record.status} />
              {retryText(record, now) && <span className="tabular-nums">{retryText(record, now)}</span>}
            </div>
            {problem && <ProblemActions runId={runId} problem={problem} onChanged={onChanged} />}
            {record.error && (
              <Field label={record.status === "failed" ? "Error" : "Last error"}>
                <pre className="whitespace-pre-wrap break-words rounded border border-[#D55E00]/50 bg-[#D55E00]/10 p-2">
                  {record.error}
                </pre>
              </Field>
            )}
            <Field label="Input">{data ? <Json value={data.input} /> : <Skeleton className="h-8 w-full" />}</Field>
            {record.status === "succeeded" && (
              <Field label="Result">
                <Json value={record.result} />
              </Field>
            )}
            <Field label={`Attempts (${attempts.length})`}>
              {attempts.length === 0 ? (
                <p className="text-neutral-600 dark:text-neutral-400">Not started yet.</p>
              ) : (
                <table className="w-full text-left text-xs tabular-nums">
                  <thead>
                    <tr className="border-b border-neutral-200 dark:border-neutral-800">
                      <th scope="col" className="py-1 pr-2">
                        #
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        Start
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        End
                      </th>
                      <th scope="col" className="py-1 pr-2">
                        Duration
                      </th>
                      <th scope="col" className="py-1">
                        Error
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {attempts.map((attempt) => (
                      <tr
                        key={attempt.attempt}
                        className="border-b border-neutral-100 align-top dark:border-neutral-900"
                      >
                        <td className="py-1 pr-2">{attempt.attempt}</td>
                        <td className="py-1 pr-2">{clock(attempt.startedAt)}</td>
                        <td className="py-1 pr-2">
                          {attempt.finishedAt !== undefined ? clock(attempt.finishedAt) : "running"}
                        </td>
                        <td className="py-1 pr-2">{formatDuration((attempt.finishedAt ?? now) - attempt.startedAt)}</td>
                        <td className="break-words py-1">
                          {attempt.error ?? (attempt.finishedAt !== undefined ? "—" : "")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {queuedMs(record) !== null && (
                <p className="mt-1 text-xs text-neutral-600 dark:text-neutral-400" data-testid="queued">
                  Dispatched {clock(record.dispatchedAt!)}; Restate started it {formatDuration(queuedMs(record)!)}{" "}
                  later.
                </p>
              )}
            </Field>
            <Field label="Restate invocation">
              {record.invocationId ? (
                <InvocationLink id={record.invocationId} url={link} />
              ) : (
                <p className="text-neutral-600 dark:text-neutral-400">
                  Not known yet: it is recorded when the subtask first reports.
                </p>
              )}
            </Field>
            {data?.calledInvocationIds && data.calledInvocationIds.length > 0 && (
              <Field label="Called handler's invocation">
                {data.calledInvocationIds.map((id) => (
                  <InvocationLink key={id} id={id} url={invocationUrl(id)} />
                ))}
              </Field>
            )}
          </>
        )}
        {!record && !error && <Skeleton className="h-32 w-full" />}
      </div>
    </aside>
  );
}

/** An invocation id, and a link to it in Restate's UI when the UI's address is known. */
function InvocationLink({ id, url }: { id: string; url: string | null }) {
  return (
    <p className="space-y-1">
      <code className="block break-all">{id}</code>
      {url && (
        <a href={url} target="_blank" rel="noreferrer" className="text-[#0072B2] underline dark:text-[#56B4E9]">
          Open in Restate UI<span className="sr-only"> (new tab)</span> ↗
        </a>
      )}
    </p>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1">
      <h3 className="font-semibold">{label}</h3>
      {children}
    </section>
  );
}

function Json({ value }: { value: unknown }) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <pre className="max-h-60 overflow-auto whitespace-pre-wrap break-words rounded bg-neutral-100 p-2 dark:bg-neutral-900">
      {text ?? "—"}
    </pre>
  );
}

function clock(time: number): string {
  return new Date(time).toLocaleTimeString(undefined, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 1,
  } as Intl.DateTimeFormatOptions);
}
