import type { TaskKind } from "./kind";
import { commaListInput, splitCommaList, type CommaListInput } from "./comma-list";

/** Subtasks that return at once: measures Fanline's own overhead (see `npm run bench`). */
export const noop: TaskKind<CommaListInput, string, null, { succeeded: number; failed: number }> = {
  name: "noop",
  label: "No-op (overhead benchmark)",
  inputSchema: commaListInput,
  split: ({ description }) => splitCommaList(description).map((item) => ({ description: item, input: item })),
  execute: async () => null,
  aggregate: (subtasks) => ({
    succeeded: subtasks.filter((s) => s.status === "succeeded").length,
    failed: subtasks.filter((s) => s.status !== "succeeded").length,
  }),
  describeAggregate: (a) => `${a.succeeded} succeeded, ${a.failed} failed`,
};
