"use client";

import { useDeferredValue, useEffect, useMemo, useState, type DragEvent } from "react";
import { cellText, detectFormat, ITEM_FORMATS, parseItems, type ItemFormat, type ParsedItems } from "@/lib/items";
import type { ShownField } from "@/lib/kinds/kind";
import { describedBy, FieldError } from "./FieldError";
import { FIELD, HINT } from "./field-style";

const PREVIEW_ROWS = 5;
const FORMAT_LABEL: Record<ItemFormat | "auto", string> = {
  auto: "Detect",
  csv: "CSV (header row)",
  jsonl: "JSON Lines",
  json: "JSON array",
};

interface Source {
  text: string;
  /** Set when the text came from a dropped or chosen file (then the textarea does not hold it). */
  fileName?: string;
}

/**
 * Items pasted or dropped as a file (CSV with a header row, JSON Lines or a
 * JSON array), parsed in the browser with the API's own parser, so the
 * preview, the count and the errors (with their line numbers) are exactly
 * what the server would say.
 */
export function ItemsField({
  field,
  error,
  onItems,
}: {
  field: ShownField;
  error?: string;
  onItems: (items: unknown[] | null) => void;
}) {
  const [source, setSource] = useState<Source>({ text: "" });
  const [format, setFormat] = useState<ItemFormat | "auto">("auto");
  const [parseNumbers, setParseNumbers] = useState(false);
  const [dragging, setDragging] = useState(false);
  const text = useDeferredValue(source.text);
  const id = `field-${field.name}`;

  const used = format === "auto" ? detectFormat(text, source.fileName) : format;
  const parsed: ParsedItems | null = useMemo(
    () => (text.trim() === "" ? null : parseItems(text, used, { parseNumbers })),
    [text, used, parseNumbers],
  );
  useEffect(() => onItems(parsed?.ok ? parsed.items : null), [parsed, onItems]);

  const load = async (file: File | undefined) => {
    if (file) setSource({ text: await file.text(), fileName: file.name });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void load(event.dataTransfer.files[0]);
  };

  return (
    <fieldset className="space-y-2" aria-describedby={describedBy(`${id}-hint`, `${id}-error`, error)}>
      <legend className="font-medium">{field.label}</legend>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="items-drop"
        className={`rounded-lg border-2 border-dashed p-3 ${dragging ? "border-[#0072B2] bg-[#0072B2]/5" : "border-neutral-300 dark:border-neutral-700"}`}
      >
        <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor={`${id}-text`}>Paste items below, drop a file on this box, or</label>
          <label className="inline-flex items-center gap-2">
            <span className="sr-only">Choose a file of items</span>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,.tsv,.json,.jsonl,.ndjson,text/csv,application/json"
              onChange={(e) => void load(e.target.files?.[0])}
              className="text-sm"
            />
          </label>
        </div>
        <textarea
          id={`${id}-text`}
          rows={5}
          value={source.fileName ? "" : source.text}
          placeholder={
            source.fileName
              ? `Loaded ${source.fileName} (${formatBytes(source.text.length)}); type here to paste instead.`
              : "id,text\n1,hello world"
          }
          onChange={(event) => setSource({ text: event.target.value })}
          aria-invalid={error || parsed?.ok === false ? true : undefined}
          aria-label="Items"
          aria-describedby={`${id}-status`}
          className={`${FIELD} font-mono text-sm`}
        />
        <div className="mt-2 flex flex-wrap items-center gap-4 text-sm">
          <label className="flex items-center gap-2">
            Format
            <select
              value={format}
              onChange={(e) => setFormat(e.target.value as ItemFormat | "auto")}
              className="rounded-md border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-700 dark:bg-neutral-900"
            >
              {(["auto", ...ITEM_FORMATS] as const).map((f) => (
                <option key={f} value={f}>
                  {f === "auto" && text ? `${FORMAT_LABEL.auto} (${FORMAT_LABEL[used]})` : FORMAT_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={parseNumbers} onChange={(e) => setParseNumbers(e.target.checked)} />
            Parse numbers (CSV cells like 42 or 2.5 become numbers)
          </label>
        </div>
      </div>
      <p id={`${id}-hint`} className={HINT}>
        {field.help}
      </p>
      <ItemsStatus id={`${id}-status`} parsed={parsed} />
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

function ItemsStatus({ id, parsed }: { id: string; parsed: ParsedItems | null }) {
  if (!parsed)
    return (
      <p id={id} className="sr-only">
        No items yet.
      </p>
    );
  if (!parsed.ok) {
    return (
      <div id={id} role="alert" className="text-sm text-[#B34F00] dark:text-[#E07B39]">
        <p>
          <span aria-hidden="true">✕ </span>
          {parsed.errors.length === 1 ? "1 problem" : `${parsed.errors.length} problems`} in the items:
        </p>
        <ul className="ml-5 list-disc">
          {parsed.errors.map((e, i) => (
            <li key={i}>
              Line {e.line}: {e.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const rows = parsed.items.slice(0, PREVIEW_ROWS);
  const objects = rows.every((r) => typeof r === "object" && r !== null && !Array.isArray(r));
  const columns = objects ? [...new Set(rows.flatMap((r) => Object.keys(r as object)))] : ["item"];
  return (
    <div className="space-y-1">
      <p id={id} role="status" className="text-sm font-medium">
        <span aria-hidden="true">✓ </span>
        {parsed.items.length.toLocaleString("en-US")} {parsed.items.length === 1 ? "item" : "items"}
      </p>
      <div className="max-w-full overflow-x-auto">
        <table aria-label={`Preview of the first ${rows.length} items`} className="text-left text-xs">
          <thead>
            <tr className="border-b border-neutral-200 dark:border-neutral-800">
              <th scope="col" className="py-1 pr-3">
                #
              </th>
              {columns.map((c) => (
                <th key={c} scope="col" className="py-1 pr-3">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className="border-b border-neutral-100 align-top dark:border-neutral-900">
                <td className="py-1 pr-3 tabular-nums">{i + 1}</td>
                {columns.map((c) => (
                  <td key={c} className="max-w-[16rem] truncate py-1 pr-3">
                    {cellText(objects ? (row as Record<string, unknown>)[c] : row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;
}
