import type { TaskKind } from "./kind";
import { commaListInput, descriptionField, splitCommaList, type CommaListInput } from "./comma-list";
import { failIfSimulated, parseSimulation, takeSimulatedTime } from "./simulation";

/** Subtasks that return at once: measures Fanline's own overhead (see `npm run bench`). */
export const noop: TaskKind<CommaListInput, string, null, { succeeded: number; failed: number }> = {
  name: "noop",
  label: "No-op (overhead benchmark)",
  summary: "Each comma-separated item returns at once, unless it asks for simulated time or failures.",
  fields: [descriptionField],
  inputSchema: commaListInput,
  split: ({ description }) => splitCommaList(description).map((item) => ({ description: item, input: item })),
  async execute(ctx, item, { attempt }) {
    const simulation = parseSimulation(item);
    await takeSimulatedTime(ctx, simulation);
    failIfSimulated(simulation, attempt);
    return null;
  },
  aggregate: (subtasks) => ({
    succeeded: subtasks.filter((s) => s.status === "succeeded").length,
    failed: subtasks.filter((s) => s.status !== "succeeded").length,
  }),
  describeAggregate: (a) => `${a.succeeded} succeeded, ${a.failed} failed`,
};
