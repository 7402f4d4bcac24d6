import type { z } from "zod";
import type { ServerLimits } from "../limits";

/** One subtask produced by `split`: what the lane is labelled with and what the executor receives. */
export interface SubtaskSpec<SubInput = unknown> {
  description: string;
  input: SubInput;
}

/** A finished subtask as `aggregate` sees it, in split order. */
export interface FinishedSubtask<SubResult = unknown> {
  description: string;
  status: "succeeded" | "failed" | "cancelled";
  result?: SubResult;
  error?: string;
}

/** A form field the dashboard shows for this kind; `name` is the key in the submitted JSON. */
export interface KindField {
  name: string;
  label: string;
  /** "call-target": a picker of the allowed handlers; "items": a file drop or paste of items, with a preview. */
  type: "textarea" | "text" | "number" | "call-target" | "items";
  placeholder?: string;
  /** A hint under the field; a function of the server's limits where it names one (the bundle's defaults may differ). */
  help?: string | ((limits: ServerLimits) => string);
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * A kind of task as every layer knows it: its form, its input, how it splits
 * and how the results fan back in. `split` and `aggregate` must be pure (they
 * are replayed). What runs one subtask, its executor, lives with the services
 * (restate/kinds/), so the browser bundle never pulls in executors or the SDK.
 */
// `any` by default: a registry of kinds holds each with its own types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface TaskKind<Input = any, SubInput = any, SubResult = any, Aggregate = any> {
  name: string;
  label: string;
  /** One sentence for the form: what this kind does with its input. */
  summary: string;
  /** The kind's own fields in the submit form (the API takes the same names). */
  fields: KindField[];
  inputSchema: z.ZodType<Input>;
  /**
   * Optional: too many subtasks for `limits`, said in the kind's own terms
   * (which field to change). Without it, `split` is counted and the first
   * field gets a plain message. Kept out of `inputSchema` because the limit
   * is the server's, which the browser learns at run time.
   */
  checkSize?(input: Input, limits: ServerLimits): { path: string; message: string } | null;
  split(input: Input): SubtaskSpec<SubInput>[];
  /** What every subtask's executor gets besides its own input (JSON; kept with the run, so a re-run gets it too). */
  context?(input: Input): unknown;
  aggregate(subtasks: FinishedSubtask<SubResult>[]): Aggregate;
  /** One line for logs and the runs list. */
  describeAggregate(aggregate: Aggregate): string;
}

/** A field as the form draws it: its hint written out for the server's limits. */
export type ShownField = Omit<KindField, "help"> & { help?: string };

export function shownField(field: KindField, limits: ServerLimits): ShownField {
  return { ...field, help: typeof field.help === "function" ? field.help(limits) : field.help };
}
