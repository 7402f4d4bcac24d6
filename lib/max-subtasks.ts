// Its own module, free of side effects, so the start scripts can check the
// variable and say what is wrong before anything evaluates LIMITS.

export const DEFAULT_MAX_SUBTASKS = 100_000;

/**
 * FANLINE_MAX_SUBTASKS, read strictly: a value that is not a whole number of
 * at least 1 stops the start with this message, rather than becoming NaN and
 * quietly turning the limit off.
 */
export function parseMaxSubtasks(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_SUBTASKS;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(
      `FANLINE_MAX_SUBTASKS=${raw} is not a whole number of at least 1: set it to the most subtasks one run may have (default ${DEFAULT_MAX_SUBTASKS}).`,
    );
  }
  return value;
}
