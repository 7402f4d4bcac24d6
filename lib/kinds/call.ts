import { z } from "zod";
import { TARGET_PATTERN } from "../call-targets";
import { LIMITS } from "../limits";
import type { TaskKind } from "./kind";
import { describeTally, tallyStatuses, type StatusTally } from "./tally";

/**
 * One call of a user's Restate handler per item: the item is the request
 * body, the handler's response is the subtask's result (restate/kinds/call.ts).
 * Which handlers may be called is the API's check (lib/call-targets.ts): it
 * needs Restate's admin API, which this spec cannot reach.
 */

/** What every subtask of a call run gets besides its item. */
export interface CallContext {
  target: string;
  /** The item field that holds the virtual object's key. */
  key?: string;
}

const PREVIEW_CHARS = 100;
const encoder = new TextEncoder();

/** The object key of `item` under field `key`, or null when it has none usable. */
export function itemKey(item: unknown, key: string): string | null {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return null;
  const value = (item as Record<string, unknown>)[key];
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value !== "" ? value : null;
}

/** A lane's label: the item as compact JSON, cut short. */
export function itemPreview(item: unknown): string {
  const text = typeof item === "string" ? item : (JSON.stringify(item) ?? "null");
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

const callInput = z
  .object({
    target: z
      .string({ error: 'Target must be text like "service/handler".' })
      .regex(TARGET_PATTERN, { error: 'Target must look like "service/handler".' }),
    key: z
      .string({ error: "Key must be the name of an item field." })
      .trim()
      .min(1, { error: "Key is empty: name the item field that holds the object key, or leave it out." })
      .max(200, { error: "Key is longer than 200 characters." })
      .optional(),
    items: z.array(z.unknown(), { error: "Items must be a list (a JSON array, CSV rows or JSON Lines)." }),
  })
  .superRefine(({ items, key }, check) => {
    const issue = (message: string) => check.addIssue({ code: "custom", path: ["items"], message });
    if (items.length === 0) return issue("No items: give at least one.");
    if (items.length > LIMITS.maxSubtasks) {
      return issue(
        `${items.length.toLocaleString("en-US")} items; the limit is ${LIMITS.maxSubtasks.toLocaleString("en-US")} a run.`,
      );
    }
    for (let i = 0; i < items.length; i++) {
      const json = JSON.stringify(items[i]) ?? "null";
      // Encoding is the slow part: only items that might be over the limit are measured exactly.
      if (json.length * 3 > LIMITS.maxItemBytes && encoder.encode(json).length > LIMITS.maxItemBytes) {
        return issue(
          `Item ${i + 1} is larger than ${LIMITS.maxItemBytes / 1024} KiB as JSON; the limit is ${LIMITS.maxItemBytes / 1024} KiB an item.`,
        );
      }
      if (key !== undefined && itemKey(items[i], key) === null) {
        return issue(
          `Item ${i + 1} has no "${key}" field to use as the object key (it must be a non-empty string or a number).`,
        );
      }
    }
  });

type CallInput = z.infer<typeof callInput>;

export const call: TaskKind<CallInput, unknown, unknown, StatusTally> = {
  name: "call",
  label: "Call your Restate handler",
  summary:
    "Calls a handler of your own Restate service once per item, through Restate: the item is the request, the response the result.",
  fields: [
    {
      name: "target",
      label: "Handler",
      type: "call-target",
      required: true,
      help: "A handler registered on this Restate server.",
    },
    {
      name: "key",
      label: "Object key field",
      type: "text",
      placeholder: "id",
      help: "For a virtual object: the item field that holds the object key.",
    },
    {
      name: "items",
      label: "Items",
      type: "items",
      required: true,
      help: ({ maxSubtasks }) =>
        `CSV with a header row, JSON Lines or a JSON array; up to ${maxSubtasks.toLocaleString("en-US")} items of ${LIMITS.maxItemBytes / 1024} KiB each.`,
    },
  ],
  inputSchema: callInput,
  context: ({ target, key }): CallContext => (key === undefined ? { target } : { target, key }),
  split: ({ items, key }) =>
    items.map((item) => ({
      description: key === undefined ? itemPreview(item) : `${key}=${itemKey(item, key)}: ${itemPreview(item)}`,
      input: item,
    })),
  aggregate: tallyStatuses,
  describeAggregate: describeTally,
};
