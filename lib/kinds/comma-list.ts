import { z } from "zod";
import { LIMITS } from "../limits";
import type { KindField } from "./kind";
import { simulationProblem } from "./simulation";

/**
 * Splits the guide's comma-separated task description into trimmed, non-empty
 * subtasks. Commas inside square brackets stay with their subtask, so a
 * simulation like "resize [fail 1, take 2s]" is one subtask.
 */
export function splitCommaList(description: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of description) {
    if (char === "[") depth += 1;
    else if (char === "]") depth = Math.max(0, depth - 1);
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

/**
 * The `description` field shared by kinds that take a comma-separated list.
 * Every way it can be wrong gets a message a person can act on.
 */
export const commaListInput = z
  .object({
    description: z.string({ error: "Task description must be text." }),
  })
  .superRefine(({ description }, check) => {
    const parts = splitCommaList(description);
    if (parts.length === 0) {
      check.addIssue({
        code: "custom",
        path: ["description"],
        message:
          description.trim().length === 0
            ? "Task description is empty: enter subtasks separated by commas."
            : "Task description has only commas and spaces: enter at least one subtask.",
      });
      return;
    }
    const tooLong = parts.findIndex((part) => part.length > LIMITS.maxSubtaskLength);
    if (tooLong >= 0) {
      check.addIssue({
        code: "custom",
        path: ["description"],
        message: `Subtask ${tooLong + 1} is ${parts[tooLong].length} characters long; the limit is ${LIMITS.maxSubtaskLength}.`,
      });
    }
    for (const [i, part] of parts.entries()) {
      const problem = simulationProblem(part);
      if (problem) {
        check.addIssue({ code: "custom", path: ["description"], message: `Subtask ${i + 1}: ${problem}` });
        break;
      }
    }
  });

export type CommaListInput = z.infer<typeof commaListInput>;

/** The form field for a comma-separated task description. */
export const descriptionField: KindField = {
  name: "description",
  label: "Task description",
  type: "textarea",
  placeholder: "get out of bed,shower,make coffee,have breakfast",
  help: ({ maxSubtasks }) =>
    `Subtasks separated by commas; each one becomes a lane. Up to ${maxSubtasks.toLocaleString("en-US")} subtasks. Add [fail 2], [fail], [fail permanently] or [take 3s] to a subtask to simulate failures and latency.`,
  required: true,
};
