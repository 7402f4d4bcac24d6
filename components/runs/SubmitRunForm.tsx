"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, type FormEvent } from "react";
import { DEFAULT_KIND, findKind, TASK_KINDS } from "@/lib/kinds";
import { shownField, type KindField, type ShownField } from "@/lib/kinds/kind";
import { LIMITS } from "@/lib/limits";
import { FAILURE_MODES } from "@/lib/records";
import { useDashboardConfig } from "@/lib/ui/use-config";
import { CallTargetPicker } from "./CallTargetPicker";
import { describedBy, FieldError } from "./FieldError";
import { FIELD, HINT } from "./field-style";
import { ItemsField } from "./ItemsField";
import { checkLocally, startRun, type FieldErrors, type RunRequest } from "./start-run";

/** The run's own settings, common to every kind; names are the request paths the API reports issues under. */
const COMMON_NUMBERS: KindField[] = [
  {
    name: "concurrency",
    label: "Concurrency",
    type: "number",
    min: LIMITS.minConcurrency,
    max: LIMITS.maxConcurrency,
    placeholder: String(LIMITS.defaultConcurrency),
    help: `Optional, ${LIMITS.minConcurrency}–${LIMITS.maxConcurrency}.`,
  },
  {
    name: "retry.maxAttempts",
    label: "Max attempts",
    type: "number",
    min: LIMITS.minMaxAttempts,
    max: LIMITS.maxMaxAttempts,
    placeholder: String(LIMITS.defaultMaxAttempts),
    help: `Per subtask, ${LIMITS.minMaxAttempts}–${LIMITS.maxMaxAttempts} (1: no retry).`,
  },
  {
    name: "retry.initialIntervalMs",
    label: "First retry after (ms)",
    type: "number",
    min: LIMITS.minInitialIntervalMs,
    max: LIMITS.maxInitialIntervalMs,
    placeholder: String(LIMITS.defaultInitialIntervalMs),
    help: `${LIMITS.minInitialIntervalMs}–${LIMITS.maxInitialIntervalMs.toLocaleString("en-US")}; doubles each retry, up to ${LIMITS.maxRetryIntervalMs / 1000} s.`,
  },
  {
    name: "tolerance.count",
    label: "Tolerated failures",
    type: "number",
    min: 0,
    placeholder: "none",
    help: "Optional: this many may fail and the run still succeeds; one more stops it.",
  },
  {
    name: "tolerance.percent",
    label: "…or tolerated %",
    type: "number",
    min: 0,
    max: 100,
    placeholder: "none",
    help: "Optional, 0–100: a share of all subtasks instead.",
  },
];
const FAILURE_HELP: Record<(typeof FAILURE_MODES)[number], string> = {
  continue: "Continue: the others carry on; the run ends with a partial aggregate.",
  "fail-fast": "Fail fast: the first failure cancels the rest; the run fails.",
};

/**
 * Starts a run. The picked kind's own fields come from its definition
 * (lib/kinds), so a new kind needs no form code. Errors stay on this page next
 * to the field they are about; only a run that was actually created navigates away.
 */
export function SubmitRunForm() {
  const router = useRouter();
  const limits = useDashboardConfig()?.limits;
  const maxSubtasks = limits?.maxSubtasks ?? LIMITS.maxSubtasks;
  const [kindName, setKindName] = useState(DEFAULT_KIND);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  // Items are parsed as they are pasted or dropped (ItemsField); null while they have problems.
  const [items, setItems] = useState<unknown[] | null>(null);
  const onItems = useCallback((next: unknown[] | null) => setItems(next), []);
  const kind = findKind(kindName) ?? TASK_KINDS[0];
  const shown = kind.fields.map((field) => shownField(field, { maxSubtasks }));
  const numberFields = [...kind.fields.filter((f) => f.type === "number"), ...COMMON_NUMBERS];
  const allFields = [...kind.fields, ...COMMON_NUMBERS].map((f) => f.name).concat("kind", "onFailure");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // A number input reports "" for text it cannot parse; say so instead of silently using the default.
    const unparsable: FieldErrors = {};
    for (const field of numberFields) {
      const input = form.elements.namedItem(field.name);
      if (input instanceof HTMLInputElement && input.validity.badInput)
        unparsable[field.name] = `${field.label} must be a number.`;
    }
    if (Object.keys(unparsable).length > 0) return showErrors(form, unparsable);
    const request = toRequest(
      new FormData(form),
      kind.name,
      numberFields.map((f) => f.name),
    );
    if (kind.fields.some((f) => f.type === "items")) {
      if (items === null && form.querySelector("[data-testid=items-drop] [aria-invalid=true]")) {
        return showErrors(form, { items: "Fix the problems in the items first (listed above)." });
      }
      request.items = items ?? [];
    }
    const local = checkLocally(request, allFields, limits);
    if (local) return showErrors(form, local);

    setSubmitting(true);
    setErrors({});
    const result = await startRun(request, allFields);
    if (result.ok) {
      router.push(`/runs/${encodeURIComponent(result.id)}`);
      return; // Stay "submitting" until the run page replaces this one.
    }
    setSubmitting(false);
    showErrors(form, result.errors);
  }

  function showErrors(form: HTMLFormElement, next: FieldErrors) {
    setErrors(next);
    // Move focus to the first field that needs fixing so keyboard and screen reader users land on it.
    const first = allFields.find((name) => next[name]);
    const element = first ? form.elements.namedItem(first) : null;
    if (element instanceof HTMLElement) element.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Start a run" className="space-y-4">
      <div className="max-w-sm">
        <label htmlFor="kind" className="mb-1 block font-medium">
          Kind
        </label>
        <select
          id="kind"
          name="kind"
          value={kindName}
          onChange={(event) => {
            setKindName(event.target.value);
            setErrors({});
          }}
          aria-invalid={errors.kind ? true : undefined}
          aria-describedby={describedBy("kind-hint", "kind-error", errors.kind)}
          className={FIELD}
        >
          {TASK_KINDS.map((k) => (
            <option key={k.name} value={k.name}>
              {k.label}
            </option>
          ))}
        </select>
        <p id="kind-hint" className={HINT}>
          {kind.summary}
        </p>
        <FieldError id="kind-error" message={errors.kind} />
      </div>

      {/* Keyed by kind, so switching kinds starts from empty fields of the new kind. */}
      <div key={kind.name} className="space-y-4">
        {shown
          .filter((f) => f.type !== "number")
          .map((field) =>
            field.type === "call-target" ? (
              <CallTargetPicker
                key={field.name}
                field={field}
                error={errors[field.name]}
                onKeyedChange={() => setErrors({})}
              />
            ) : field.type === "items" ? (
              <ItemsField key={field.name} field={field} error={errors[field.name]} onItems={onItems} />
            ) : (
              <FormField key={field.name} field={field} error={errors[field.name]} />
            ),
          )}
        <div className="flex flex-wrap gap-4">
          {shown
            .filter((f) => f.type === "number")
            .map((field) => (
              <FormField key={field.name} field={field} error={errors[field.name]} />
            ))}
        </div>
      </div>

      <fieldset className="space-y-3 rounded-lg border border-neutral-200 px-4 pb-4 pt-2 dark:border-neutral-800">
        <legend className="px-1 font-medium">Running and failures</legend>
        <div className="flex flex-wrap gap-4">
          {COMMON_NUMBERS.map((field) => shownField(field, { maxSubtasks })).map((field) => (
            <FormField key={field.name} field={field} error={errors[field.name]} />
          ))}
        </div>
        <fieldset aria-describedby={describedBy(null, "onFailure-error", errors.onFailure)}>
          <legend className="mb-1 font-medium">When a subtask fails for good</legend>
          <div className="flex flex-col gap-1 sm:flex-row sm:gap-6">
            {FAILURE_MODES.map((mode) => (
              <label key={mode} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="onFailure"
                  value={mode}
                  defaultChecked={mode === "continue"}
                  className="mt-1"
                />
                <span>{FAILURE_HELP[mode]}</span>
              </label>
            ))}
          </div>
          <FieldError id="onFailure-error" message={errors.onFailure} />
        </fieldset>
      </fieldset>

      <FieldError id="form-error" message={errors.form} />

      <button
        type="submit"
        disabled={submitting}
        aria-busy={submitting || undefined}
        className="inline-flex items-center gap-2 rounded-md bg-[#0072B2] px-4 py-2 font-medium text-white hover:bg-[#005A8C] disabled:opacity-60"
      >
        {submitting && (
          <span
            aria-hidden="true"
            className="size-3 rounded-full border-2 border-white/40 border-t-white motion-safe:animate-spin"
          />
        )}
        Start run
      </button>
    </form>
  );
}

/** One field drawn from its definition: label, input, hint and inline error, wired together for screen readers. */
function FormField({ field, error }: { field: ShownField; error?: string }) {
  const id = `field-${field.name.replace(/\W/g, "-")}`;
  const hint = field.help;
  const common = {
    id,
    name: field.name,
    placeholder: field.placeholder,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(hint ? `${id}-hint` : null, `${id}-error`, error),
    className: FIELD,
  };
  return (
    <div className={field.type === "number" ? "w-48" : field.type === "text" ? "max-w-xl" : ""}>
      <label htmlFor={id} className="mb-1 block font-medium">
        {field.label}
      </label>
      {field.type === "textarea" ? (
        <textarea {...common} rows={field.name === "text" ? 6 : 3} />
      ) : field.type === "number" ? (
        <input {...common} type="number" inputMode="numeric" min={field.min} max={field.max} step={1} />
      ) : (
        <input {...common} type="text" />
      )}
      {hint && (
        <p id={`${id}-hint`} className={HINT}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Form data to the API's JSON: empty optional fields left out (the server's defaults apply), dotted names nested. */
function toRequest(data: FormData, kind: string, numberNames: readonly string[]): RunRequest {
  const request: RunRequest = { kind };
  const requiredNames = new Set(
    findKind(kind)
      ?.fields.filter((f) => f.required)
      .map((f) => f.name),
  );
  for (const [name, raw] of data.entries()) {
    if (name === "kind" || typeof raw !== "string") continue;
    const value =
      numberNames.includes(name) || (raw.trim() === "" && !requiredNames.has(name))
        ? raw.trim() === ""
          ? undefined
          : Number(raw)
        : raw;
    if (value === undefined) continue;
    const [head, tail] = name.split(".");
    if (tail) request[head] = { ...(request[head] as object | undefined), [tail]: value };
    else request[name] = value;
  }
  return request;
}
