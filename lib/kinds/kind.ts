import type { Context } from "@restatedev/restate-sdk";
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

/** What `execute` knows about the attempt it runs. */
export interface AttemptInfo {
  description: string;
  /** 1-based; increases each time the run's retry policy tries the subtask again. */
  attempt: number;
}

/** A form field the dashboard shows for this kind; `name` is the key in the submitted JSON. */
export interface KindField {
  name: string;
  label: string;
  type: "textarea" | "text" | "number";
  placeholder?: string;
  help?: string;
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * A kind of task: everything Fanline needs to know to split it, run its
 * subtasks and fan the results back in. `split` and `aggregate` must be pure
 * (they are replayed); `execute` runs inside the subtask service and may use
 * the Restate context for durable sleeps, steps and deterministic randomness.
 */
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
  /**
   * Runs one attempt. Throwing `PermanentError` fails the subtask at once;
   * any other error is retried under the run's retry policy. Must be
   * deterministic given the journal (side effects inside `ctx.run`).
   */
  execute(ctx: Context, input: SubInput, attempt: AttemptInfo): Promise<SubResult>;
  aggregate(subtasks: FinishedSubtask<SubResult>[]): Aggregate;
  /** One line for logs and the runs list. */
  describeAggregate(aggregate: Aggregate): string;
}
