"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { DEFAULT_KIND, TASK_KINDS } from "@/lib/kinds";
import { LIMITS } from "@/lib/limits";
import { describedBy, FieldError } from "./FieldError";
import { checkLocally, startRun, type FieldErrors, type RunRequest } from "./start-run";

const FIELD =
  "w-full rounded-md border border-neutral-300 bg-white px-3 py-2 tabular-nums shadow-sm aria-[invalid=true]:border-[#D55E00] dark:border-neutral-700 dark:bg-neutral-900";

/**
 * Starts a run. Errors stay on this page next to the field they are about;
 * only a run that was actually created navigates away.
 */
/** `maxSubtasks` comes from the server, where FANLINE_MAX_SUBTASKS is set. */
export function SubmitRunForm({ maxSubtasks }: { maxSubtasks: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const concurrencyRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const concurrencyInput = concurrencyRef.current;
    // A number input reports "" for text it cannot parse; say so instead of silently using the default.
    if (concurrencyInput?.validity.badInput) {
      return showErrors({ concurrency: "Concurrency must be a whole number." });
    }
    const request = toRequest(data);
    const local = checkLocally(request);
    if (local) return showErrors(local);

    setSubmitting(true);
    setErrors({});
    const result = await startRun(request);
    if (result.ok) {
      router.push(`/runs/${encodeURIComponent(result.id)}`);
      return; // Stay "submitting" until the run page replaces this one.
    }
    setSubmitting(false);
    showErrors(result.errors);
  }

  function showErrors(next: FieldErrors) {
    setErrors(next);
    // Move focus to the first field that needs fixing so keyboard and screen reader users land on it.
    if (next.description) descriptionRef.current?.focus();
    else if (next.concurrency) concurrencyRef.current?.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Start a run" className="space-y-4">
      <div>
        <label htmlFor="description" className="mb-1 block font-medium">
          Task description
        </label>
        <textarea
          ref={descriptionRef}
          id="description"
          name="description"
          rows={3}
          placeholder="get out of bed,shower,make coffee,have breakfast"
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy("description-hint", "description-error", errors.description)}
          className={FIELD}
        />
        <p id="description-hint" className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          Subtasks separated by commas; each one becomes a lane. Up to {maxSubtasks.toLocaleString("en")} subtasks.
        </p>
        <FieldError id="description-error" message={errors.description} />
      </div>

      <div className="flex flex-wrap gap-4">
        <div className="w-40">
          <label htmlFor="concurrency" className="mb-1 block font-medium">
            Concurrency
          </label>
          <input
            ref={concurrencyRef}
            id="concurrency"
            name="concurrency"
            type="number"
            inputMode="numeric"
            min={LIMITS.minConcurrency}
            max={LIMITS.maxConcurrency}
            step={1}
            placeholder={String(LIMITS.defaultConcurrency)}
            aria-invalid={errors.concurrency ? true : undefined}
            aria-describedby={describedBy("concurrency-hint", "concurrency-error", errors.concurrency)}
            className={FIELD}
          />
          <p id="concurrency-hint" className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            Optional, {LIMITS.minConcurrency}–{LIMITS.maxConcurrency}.
          </p>
          <FieldError id="concurrency-error" message={errors.concurrency} />
        </div>

        <div className="w-full max-w-sm">
          <label htmlFor="kind" className="mb-1 block font-medium">
            Kind
          </label>
          <select
            id="kind"
            name="kind"
            defaultValue={DEFAULT_KIND}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={describedBy(null, "kind-error", errors.kind)}
            className={FIELD}
          >
            {TASK_KINDS.map((kind) => (
              <option key={kind.name} value={kind.name}>
                {kind.label}
              </option>
            ))}
          </select>
          <FieldError id="kind-error" message={errors.kind} />
        </div>
      </div>

      <FieldError id="form-error" message={errors.form} />

      <button
        type="submit"
        disabled={submitting}
        aria-busy={submitting || undefined}
        className="inline-flex items-center gap-2 rounded-md bg-[#0072B2] px-4 py-2 font-medium text-white hover:bg-[#005A8C] disabled:opacity-60"
      >
        {submitting && (
          <span aria-hidden="true" className="size-3 rounded-full border-2 border-white/40 border-t-white motion-safe:animate-spin" />
        )}
        Start run
      </button>
    </form>
  );
}

function toRequest(data: FormData): RunRequest {
  const concurrency = String(data.get("concurrency") ?? "").trim();
  return {
    description: String(data.get("description") ?? ""),
    kind: String(data.get("kind") ?? DEFAULT_KIND),
    ...(concurrency === "" ? {} : { concurrency: Number(concurrency) }),
  };
}
