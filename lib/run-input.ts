import { z } from "zod";
import { LIMITS } from "./limits";
import { DEFAULT_KIND, findKind, TASK_KINDS, type SubtaskSpec } from "./kinds";
import { FAILURE_MODES, type FailureMode, type RetryPolicy } from "./status";
import type { Tolerance } from "./tolerance";

/** What the workflow's `run` handler receives: validated, with defaults filled in. */
export interface RunInput {
  kind: string;
  concurrency: number;
  retry: RetryPolicy;
  onFailure: FailureMode;
  /** Failures a run may have and still succeed; past it the run stops (lib/tolerance.ts). */
  tolerance?: Tolerance;
  /** The kind's own input (for the comma-list kinds: `{ description }`). */
  task: unknown;
  /** A re-run: exactly these subtasks, taken from run `of`, instead of splitting `task`. */
  rerun?: { of: string; specs: SubtaskSpec[] };
  /** A re-run: the kind's context of run `of` (what `kind.context` made of its task). */
  kindContext?: unknown;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: LIMITS.defaultMaxAttempts,
  initialIntervalMs: LIMITS.defaultInitialIntervalMs,
};

export interface InputIssue {
  path: string;
  message: string;
}

export type ParsedSubmission =
  | { ok: true; id?: string; input: RunInput }
  | { ok: false; error: string; issues: InputIssue[] };

export const runIdSchema = z
  .string({ error: "Run id must be text." })
  .min(1, { error: "Run id is empty." })
  .max(LIMITS.maxRunIdLength, { error: `Run id is longer than ${LIMITS.maxRunIdLength} characters.` })
  .regex(LIMITS.runIdPattern, { error: "Run id may contain only letters, digits, '-' and '_'." });

const TOLERANCE_ERROR = 'Tolerance must be {"count": n} (a whole number of failed subtasks, 0 or more) or {"percent": p} (0–100).';

const submissionSchema = z.object({
  kind: z
    .string({ error: "Kind must be text." })
    .refine((name) => findKind(name) !== undefined, {
      error: `Unknown task kind; known kinds: ${TASK_KINDS.map((k) => k.name).join(", ")}.`,
    })
    .optional(),
  id: runIdSchema.optional(),
  concurrency: z
    .number({ error: "Concurrency must be a number." })
    .int({ error: "Concurrency must be a whole number." })
    .min(LIMITS.minConcurrency, { error: `Concurrency must be at least ${LIMITS.minConcurrency}.` })
    .max(LIMITS.maxConcurrency, { error: `Concurrency must be at most ${LIMITS.maxConcurrency}.` })
    .optional(),
  retry: z
    .object(
      {
        maxAttempts: z
          .number({ error: "Max attempts must be a number." })
          .int({ error: "Max attempts must be a whole number." })
          .min(LIMITS.minMaxAttempts, { error: `Max attempts must be at least ${LIMITS.minMaxAttempts}.` })
          .max(LIMITS.maxMaxAttempts, { error: `Max attempts must be at most ${LIMITS.maxMaxAttempts}.` })
          .optional(),
        initialIntervalMs: z
          .number({ error: "Retry interval must be a number of milliseconds." })
          .int({ error: "Retry interval must be a whole number of milliseconds." })
          .min(LIMITS.minInitialIntervalMs, { error: `Retry interval must be at least ${LIMITS.minInitialIntervalMs} ms.` })
          .max(LIMITS.maxInitialIntervalMs, { error: `Retry interval must be at most ${LIMITS.maxInitialIntervalMs} ms.` })
          .optional(),
      },
      { error: "Retry must be an object like {\"maxAttempts\": 3, \"initialIntervalMs\": 1000}." },
    )
    .strict()
    .optional(),
  onFailure: z.enum(FAILURE_MODES, { error: `On failure must be one of: ${FAILURE_MODES.join(", ")}.` }).optional(),
  tolerance: z
    .union(
      [
        z.object({ count: z.number({ error: TOLERANCE_ERROR }).int({ error: TOLERANCE_ERROR }).min(0, { error: TOLERANCE_ERROR }) }).strict(),
        z.object({ percent: z.number({ error: TOLERANCE_ERROR }).min(0, { error: TOLERANCE_ERROR }).max(100, { error: TOLERANCE_ERROR }) }).strict(),
      ],
      { error: TOLERANCE_ERROR },
    )
    .optional(),
});

function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/**
 * Validates a submission (the body of `POST /api/runs`, or the guide's worker
 * input) before anything reaches Restate, so bad input creates nothing.
 */
export function parseSubmission(body: unknown): ParsedSubmission {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail([{ path: "", message: "The request body must be a JSON object." }]);
  }
  const common = submissionSchema.safeParse(body);
  if (!common.success) return fail(toIssues(common.error));
  const kind = findKind(common.data.kind ?? DEFAULT_KIND)!;
  const task = kind.inputSchema.safeParse(body);
  if (!task.success) return fail(toIssues(task.error));
  return {
    ok: true,
    id: common.data.id,
    input: {
      kind: kind.name,
      concurrency: common.data.concurrency ?? LIMITS.defaultConcurrency,
      retry: { ...DEFAULT_RETRY, ...common.data.retry },
      onFailure: common.data.onFailure ?? "continue",
      ...(common.data.tolerance ? { tolerance: common.data.tolerance } : {}),
      task: task.data,
    },
  };
}

function fail(issues: InputIssue[]): ParsedSubmission {
  return { ok: false, error: issues[0]?.message ?? "Invalid request.", issues };
}
