import type { TaskKind } from "./kind";
import { commaListInput, descriptionField, splitCommaList, type CommaListInput } from "./comma-list";
import { describeTally, tallyStatuses, type StatusTally } from "./tally";

/** Subtasks that return at once: measures Fanline's own overhead (see `npm run bench`). */
export const noop: TaskKind<CommaListInput, string, null, StatusTally> = {
  name: "noop",
  label: "No-op (overhead benchmark)",
  summary: "Each comma-separated item returns at once, unless it asks for simulated time or failures.",
  fields: [descriptionField],
  inputSchema: commaListInput,
  split: ({ description }) => splitCommaList(description).map((item) => ({ description: item, input: item })),
  aggregate: tallyStatuses,
  describeAggregate: describeTally,
};
