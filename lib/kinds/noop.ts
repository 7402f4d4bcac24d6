import type { TaskKind } from "./kind";
import { commaListInput, descriptionField, splitCommaList, type CommaListInput } from "./comma-list";

/** Subtasks that return at once: measures Fanline's own overhead (see `npm run bench`). */
export const noop: TaskKind<CommaListInput, string, null, { succeeded: number; failed: number; cancelled?: number }> = {
  name: "noop",
  label: "No-op (overhead benchmark)",
  summary: "Each comma-separated item returns at once, unless it asks for simulated time or failures.",
  fields: [descriptionField],
  inputSchema: commaListInput,
  split: ({ description }) => splitCommaList(description).map((item) => ({ description: item, input: item })),
  aggregate: (subtasks) => {
    const count = (status: string) => subtasks.filter((s) => s.status === status).length;
    const cancelled = count("cancelled");
    // "cancelled" only when there were any, so a plain run's aggregate stays {succeeded, failed}.
    return { succeeded: count("succeeded"), failed: count("failed"), ...(cancelled > 0 ? { cancelled } : {}) };
  },
  describeAggregate: (a) => `${a.succeeded} succeeded, ${a.failed} failed${a.cancelled ? `, ${a.cancelled} cancelled` : ""}`,
};
