import type { TaskKind } from "./kind";
import { commaListInput, descriptionField, splitCommaList, type CommaListInput } from "./comma-list";

/**
 * The guide's example: each comma-separated chore sleeps a random time and
 * reports DONE (restate/kinds/chores.ts); the aggregate lists them in input order.
 */
export const chores: TaskKind<CommaListInput, string, string, { description: string }> = {
  name: "chores",
  label: "Chores (the guide's example)",
  summary: "Each comma-separated chore takes a random 0–4 s and reports DONE.",
  fields: [descriptionField],
  inputSchema: commaListInput,
  split: ({ description }) => splitCommaList(description).map((chore) => ({ description: chore, input: chore })),
  aggregate: (subtasks) => ({
    description: subtasks
      .map((s) => `${s.description}: ${s.status === "succeeded" ? s.result : s.status.toUpperCase()}`)
      .join(","),
  }),
  describeAggregate: (aggregate) => aggregate.description,
};
