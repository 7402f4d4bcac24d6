import type { Context } from "@restatedev/restate-sdk";
import type { z } from "zod";

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

/**
 * A kind of task: everything Fanline needs to know to split it, run its
 * subtasks and fan the results back in. `split` and `aggregate` must be pure
 * (they are replayed); `execute` runs inside the subtask service and may use
 * the Restate context for durable sleeps, steps and deterministic randomness.
 */
export interface TaskKind<Input = any, SubInput = any, SubResult = any, Aggregate = any> {
  name: string;
  label: string;
  inputSchema: z.ZodType<Input>;
  split(input: Input): SubtaskSpec<SubInput>[];
  execute(ctx: Context, input: SubInput, description: string): Promise<SubResult>;
  aggregate(subtasks: FinishedSubtask<SubResult>[]): Aggregate;
  /** One line for logs and the runs list. */
  describeAggregate(aggregate: Aggregate): string;
}
