// One record per subtask for downloads (`GET /api/runs/<id>/results`) and the
// results table: the same fields, in input order, whatever the kind.
import Papa from "papaparse";
import { cellText } from "./items";
import type { SubtaskDetail } from "./answers";
import type { SubtaskRecord } from "./records";
import { SUBTASK_STATUSES, type SubtaskStatus } from "./status";

export const RESULT_FORMATS = ["jsonl", "csv"] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export interface ResultRecord {
  index: number;
  status: SubtaskStatus;
  input: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  /** ISO 8601, UTC; null until it started (finished). */
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
}

const BASE_COLUMNS = [
  "index",
  "status",
  "attempts",
  "startedAt",
  "finishedAt",
  "durationMs",
  "error",
  "input",
  "result",
] as const;
/** Spreadsheets run a cell starting with these as a formula: such cells get a leading quote. A negative number is left alone. */
const FORMULA = /^(?:[=+@\t\r]|-(?![\d.]))/;

/** Attempts made so far: recorded ones when any failed, else the one implicit attempt of a subtask that started. */
export function attemptCount(record: SubtaskRecord): number {
  if (record.attempts) return record.attempts.length;
  return record.startedAt !== undefined && record.status !== "cancelled" && record.status !== "pending" ? 1 : 0;
}

export function durationOf(record: SubtaskRecord): number | null {
  return record.startedAt !== undefined && record.finishedAt !== undefined
    ? record.finishedAt - record.startedAt
    : null;
}

const iso = (time: number | undefined) => (time === undefined ? null : new Date(time).toISOString());

export function resultRecord({ record, input }: SubtaskDetail): ResultRecord {
  return {
    index: record.index,
    status: record.status,
    input,
    result: record.result ?? null,
    error: record.error ?? null,
    attempts: attemptCount(record),
    startedAt: iso(record.startedAt),
    finishedAt: iso(record.finishedAt),
    durationMs: durationOf(record),
  };
}

export function isSubtaskStatus(value: string): value is SubtaskStatus {
  return (SUBTASK_STATUSES as readonly string[]).includes(value);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Collects the CSV's extra columns: the top-level fields of object inputs and
 * results, as `input.<field>` and `result.<field>`, in first-seen order.
 */
export class CsvColumns {
  private readonly inputs = new Set<string>();
  private readonly results = new Set<string>();

  add(record: ResultRecord): void {
    if (isPlainObject(record.input)) for (const key of Object.keys(record.input)) this.inputs.add(key);
    if (isPlainObject(record.result)) for (const key of Object.keys(record.result)) this.results.add(key);
  }

  get names(): string[] {
    return [
      ...BASE_COLUMNS,
      ...[...this.inputs].map((k) => `input.${k}`),
      ...[...this.results].map((k) => `result.${k}`),
    ];
  }

  header(): string {
    return Papa.unparse([this.names]) + "\r\n";
  }

  row(record: ResultRecord): string {
    const cells = this.names.map((name) => {
      if (name.startsWith("input.")) return isPlainObject(record.input) ? cellText(record.input[name.slice(6)]) : "";
      if (name.startsWith("result.")) return isPlainObject(record.result) ? cellText(record.result[name.slice(7)]) : "";
      return cellText(record[name as (typeof BASE_COLUMNS)[number]]);
    });
    return Papa.unparse([cells], { escapeFormulae: FORMULA }) + "\r\n";
  }
}
