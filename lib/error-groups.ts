// Failed subtasks grouped by cause: an error message with its particulars
// (quoted values, ids, numbers) masked is the group's name, so "Refused item
// 17: \"x\"" and "Refused item 18: \"y\"" are one group. Pure: the workflow
// keeps the groups as subtasks fail, the browser masks the same way to
// filter, and a re-run picks a group by the same name.

export interface ErrorGroup {
  /** The masked message: the group's name. */
  error: string;
  count: number;
  /** The lowest index of a subtask in the group. */
  sample: number;
}

/** The summary's view: the largest groups, and what is left over. */
export interface ErrorGroupsSummary {
  groups: ErrorGroup[];
  /** Groups beyond the top ones, and the failed subtasks in them. */
  rest: { groups: number; count: number };
}

export const TOP_ERROR_GROUPS = 20;

const MASKS: [RegExp, string][] = [
  // Quoted values first: whatever is inside is a particular.
  [/"(?:[^"\\]|\\.)*"/g, '"…"'],
  // Single quotes only around a value, not as apostrophes inside words.
  [/(?<![\p{L}\p{N}])'[^'\n]*'(?![\p{L}\p{N}])/gu, "'…'"],
  [/`[^`]*`/g, "`…`"],
  [/«[^»]*»/g, "«…»"],
  // Ids: UUIDs, Restate-style prefixed ids, long hex, and words mixing letters and digits.
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<id>"],
  [/\b[a-z]{2,5}_[A-Za-z0-9]{6,}\b/g, "<id>"],
  [/\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{3,}\b/g, "<id>"],
  [/\b0x[0-9a-f]+\b/gi, "<n>"],
  [/-?\b\d+(?:[.,:]\d+)*\b/g, "<n>"],
];

/** The group name of an error message. */
export function maskError(message: string): string {
  let masked = message.trim();
  for (const [pattern, replacement] of MASKS) masked = masked.replace(pattern, replacement);
  return masked.replace(/\s+/g, " ");
}

/** The group of a failed subtask's error (one without a message has a group too). */
export function errorGroupOf(error: string | undefined): string {
  return maskError(error ?? "Failed without a message");
}

/**
 * Groups of failed subtasks, kept up to date as records come in: adding a
 * record again (it was rewritten in a later status write) changes nothing.
 */
export class ErrorGroupTally {
  private readonly groupOf = new Map<number, string>();
  private readonly groups = new Map<string, ErrorGroup>();

  /** Takes the failed ones among `records`; answers whether any group changed. */
  add(records: readonly { index: number; status: string; error?: string }[]): boolean {
    let changed = false;
    for (const record of records) {
      if (record.status !== "failed" || this.groupOf.has(record.index)) continue;
      const name = errorGroupOf(record.error);
      this.groupOf.set(record.index, name);
      const group = this.groups.get(name);
      if (group) {
        group.count += 1;
        group.sample = Math.min(group.sample, record.index);
      } else {
        this.groups.set(name, { error: name, count: 1, sample: record.index });
      }
      changed = true;
    }
    return changed;
  }

  summary(top = TOP_ERROR_GROUPS): ErrorGroupsSummary {
    const sorted = [...this.groups.values()].sort((a, b) => b.count - a.count || a.sample - b.sample);
    const rest = sorted.slice(top);
    return {
      groups: sorted.slice(0, top).map((g) => ({ ...g })),
      rest: { groups: rest.length, count: rest.reduce((n, g) => n + g.count, 0) },
    };
  }
}
