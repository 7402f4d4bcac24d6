import type { TaskKind } from "./kind";
import { commaListInput, descriptionField, splitCommaList, type CommaListInput } from "./comma-list";
import { failIfSimulated, parseSimulation, takeSimulatedTime } from "./simulation";

/** Longest simulated chore, as in the guide: each takes a random 0-4 s. */
const MAX_CHORE_MS = 4000;

/**
 * The guide's example: each comma-separated chore sleeps a random time and
 * reports DONE; the aggregate lists them in input order.
 */
export const chores: TaskKind<CommaListInput, string, string, { description: string }> = {
  name: "chores",
  label: "Chores (the guide's example)",
  summary: "Each comma-separated chore takes a random 0–4 s and reports DONE.",
  fields: [descriptionField],
  inputSchema: commaListInput,
  split: ({ description }) => splitCommaList(description).map((chore) => ({ description: chore, input: chore })),
  async execute(ctx, chore, { attempt }) {
    ctx.console.info(`Started executing subtask: ${chore}`);
    const simulation = parseSimulation(chore);
    if (!(await takeSimulatedTime(ctx, simulation))) {
      // Restate's deterministic random, so a retry or replay sleeps the same time.
      await ctx.sleep(Math.floor(ctx.rand.random() * MAX_CHORE_MS), "do chore");
    }
    failIfSimulated(simulation, attempt);
    ctx.console.info(`Execution subtask finished: ${chore}`);
    return "DONE";
  },
  aggregate: (subtasks) => ({
    description: subtasks
      .map((s) => `${s.description}: ${s.status === "succeeded" ? s.result : s.status.toUpperCase()}`)
      .join(","),
  }),
  describeAggregate: (aggregate) => aggregate.description,
};
