// Items for the `call` kind from the three formats the form and the API take:
// CSV with a header row, JSON Lines, or a JSON array. Shared by the browser
// (preview before starting) and the API (text/csv and x-ndjson bodies), so
// both report the same errors with the same line numbers.
import Papa from "papaparse";

export const ITEM_FORMATS = ["csv", "jsonl", "json"] as const;
export type ItemFormat = (typeof ITEM_FORMATS)[number];

export interface ItemError {
  /** 1-based line in the text (for CSV, the header is line 1). */
  line: number;
  message: string;
}

export type ParsedItems = { ok: true; items: unknown[] } | { ok: false; errors: ItemError[] };

export interface ItemOptions {
  /** CSV: cells that look like numbers become numbers (otherwise every cell stays a string). */
  parseNumbers?: boolean;
}

/** At most this many errors are reported: the first ones are what a person fixes first. */
const MAX_ERRORS = 20;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The format of a dropped file or pasted text: by file name, else by its first character. */
export function detectFormat(text: string, fileName?: string): ItemFormat {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === "csv" || ext === "tsv") return "csv";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  const start = text.trimStart();
  if (start.startsWith("[")) return "json";
  if (start.startsWith("{")) return "jsonl";
  if (ext === "json") return "json";
  return "csv";
}

export function parseItems(text: string, format: ItemFormat, options: ItemOptions = {}): ParsedItems {
  if (text.trim() === "") return { ok: false, errors: [{ line: 1, message: "No items: the text is empty." }] };
  if (format === "csv") return parseCsv(text, options);
  if (format === "jsonl") return parseJsonLines(text);
  return parseJsonArray(text);
}

/** CSV through papaparse (quoting, embedded newlines and delimiters are its job, not ours). */
function parseCsv(text: string, { parseNumbers = false }: ItemOptions): ParsedItems {
  const result = Papa.parse<Record<string, unknown>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transform: (value) => (parseNumbers && NUMBER.test(value.trim()) ? Number(value) : value),
  });
  // A one-column file has no delimiter to detect; that is not an error.
  const problems = result.errors.filter((e) => e.code !== "UndetectableDelimiter");
  const errors: ItemError[] = problems.slice(0, MAX_ERRORS).map((e) => ({
    // papaparse counts data rows from 0; the header is line 1.
    line: (e.row ?? 0) + 2,
    message: csvMessage(e),
  }));
  const headers = result.meta.fields ?? [];
  if (headers.length === 0 || headers.every((h) => h.trim() === "")) {
    errors.unshift({ line: 1, message: "The CSV has no header row: its first line must name the columns." });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (result.data.length === 0)
    return { ok: false, errors: [{ line: 2, message: "The CSV has a header row but no rows of items." }] };
  return { ok: true, items: result.data };
}

function csvMessage(error: Papa.ParseError): string {
  if (error.code === "TooFewFields" || error.code === "TooManyFields")
    return `${error.message} (every row needs one cell per column of the header).`;
  return error.message;
}

function parseJsonLines(text: string): ParsedItems {
  const items: unknown[] = [];
  const errors: ItemError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "" || errors.length >= MAX_ERRORS) return;
    try {
      items.push(JSON.parse(raw));
    } catch (error) {
      errors.push({ line: i + 1, message: `Not valid JSON: ${(error as Error).message}` });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}

function parseJsonArray(text: string): ParsedItems {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [{ line: lineOfJsonError(text, error as Error), message: `Not valid JSON: ${(error as Error).message}` }],
    };
  }
  if (!Array.isArray(value))
    return { ok: false, errors: [{ line: 1, message: "A JSON file of items must be an array: [item, item, …]." }] };
  return { ok: true, items: value };
}

/**
 * Newer V8 says "at position N" (or "line L column C"); Node 20 often says
 * neither. Then the common layout, one item a line, finds the bad line.
 */
function lineOfJsonError(text: string, error: Error): number {
  const line = error.message.match(/line (\d+)/);
  if (line) return Number(line[1]);
  const position = error.message.match(/position (\d+)/);
  if (position) return text.slice(0, Number(position[1])).split("\n").length;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const item = lines[i].trim().replace(/^\[/, "").replace(/\]$/, "").replace(/,$/, "").trim();
    if (item === "") continue;
    try {
      JSON.parse(item);
    } catch {
      return i + 1;
    }
  }
  return 1;
}

/** The CSV cell text of a value: strings as they are, anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
