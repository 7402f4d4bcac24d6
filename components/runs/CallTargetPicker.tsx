"use client";

import useSWR from "swr";
import type { CallTargetList } from "@/lib/call-targets";
import type { ShownField } from "@/lib/kinds/kind";
import { fetchJson } from "@/lib/ui/fetch-json";
import { describedBy, FieldError } from "./FieldError";
import { FIELD, HINT } from "./field-style";

/** The handlers the `call` kind may invoke, read from Restate's admin API through the dashboard, with a refresh. */
export function CallTargetPicker({
  field,
  error,
  onKeyedChange,
}: {
  field: ShownField;
  error?: string;
  onKeyedChange: (keyed: boolean) => void;
}) {
  const {
    data,
    error: loadError,
    isValidating,
    mutate,
  } = useSWR<CallTargetList>("/api/call-targets", fetchJson, { revalidateOnFocus: false });
  const id = `field-${field.name}`;
  const targets = data?.targets ?? [];
  const hint = loadError
    ? "Can't read the registered handlers from Restate; refresh to try again."
    : data && targets.length === 0
      ? "No handler may be called: register a service of your own with Restate (npx restate deployments register <url>), then refresh."
      : data?.allowList
        ? `Allowed by FANLINE_CALL_TARGETS: ${data.allowList.join(", ")}.`
        : field.help;
  return (
    <div className="max-w-xl">
      <label htmlFor={id} className="mb-1 block font-medium">
        {field.label}
      </label>
      <div className="flex gap-2">
        <select
          id={id}
          name={field.name}
          defaultValue=""
          onChange={(event) => onKeyedChange(targets.find((t) => t.target === event.target.value)?.keyed ?? false)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, `${id}-error`, error)}
          className={FIELD}
        >
          <option value="" disabled>
            {data ? "Pick a handler…" : "Loading handlers…"}
          </option>
          {targets.map((t) => (
            <option key={t.target} value={t.target}>
              {t.target}
              {t.keyed ? " (virtual object: needs a key field)" : ""}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => mutate()}
          aria-busy={isValidating || undefined}
          className="rounded-md border border-neutral-300 px-3 py-2 text-sm hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800"
        >
          <span aria-hidden="true">↻ </span>Refresh
        </button>
      </div>
      <p id={`${id}-hint`} className={HINT}>
        {hint}
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
