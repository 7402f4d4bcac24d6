import { z } from "zod";
import { LIMITS, type ServerLimits } from "./limits";
import { DEFAULT_KIND, findKind, TASK_KINDS, type SubtaskSpec, type TaskKind } from "./kinds";
import { FAILURE_MODES, type FailureMode, type RetryPolicy } from "./records";
import type { Tolerance } from "./tolerance";

/** What the workflow's `run` handler receives: validated, with defaults filled in. */
export interface RunInput {
  kind: string;
  concurrency: number;
  retry: RetryPolicy;
  onFailure: FailureMode;
  /** The kind's own input (for the comma-list kinds: `{ description }`). */
  task: unknown;
  /** A re-run: exactly these subtasks, taken from run `of`, instead of splitting `task`. */
  rerun?: { of: string; specs: SubtaskSpec[] };
  /** A hash of the request that started the run, so the same id with another body can be told apart. */
  fingerprint?: string;
  /** Failures a run may have and still succeed; past it the run stops (lib/tolerance.ts). */
  tolerance?: Tolerance;
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
  { ok: true; id?: string; input: RunInput } | { ok: false; error: string; issues: InputIssue[] };

export type ParsedRunInput = { ok: true; input: RunInput } | { ok: false; error: string; issues: InputIssue[] };

export const runIdSchema = z
  .string({ error: "Run id must be text." })
  .min(1, { error: "Run id is empty." })
  .max(LIMITS.maxRunIdLength, { error: `Run id is longer than ${LIMITS.maxRunIdLength} characters.` })
  .regex(LIMITS.runIdPattern, { error: "Run id may contain only letters, digits, '-' and '_'." });

// Each field's bounds, spelled once: the run's input and the submission are built from them.
const kindName = z.string({ error: "Kind must be text." }).refine((name) => findKind(name) !== undefined, {
  error: `Unknown task kind; known kinds: ${TASK_KINDS.map((k) => k.name).join(", ")}.`,
});
const concurrency = z
  .number({ error: "Concurrency must be a number." })
  .int({ error: "Concurrency must be a whole number." })
  .min(LIMITS.minConcurrency, { error: `Concurrency must be at least ${LIMITS.minConcurrency}.` })
  .max(LIMITS.maxConcurrency, { error: `Concurrency must be at most ${LIMITS.maxConcurrency}.` });
const maxAttempts = z
  .number({ error: "Max attempts must be a number." })
  .int({ error: "Max attempts must be a whole number." })
  .min(LIMITS.minMaxAttempts, { error: `Max attempts must be at least ${LIMITS.minMaxAttempts}.` })
  .max(LIMITS.maxMaxAttempts, { error: `Max attempts must be at most ${LIMITS.maxMaxAttempts}.` });
const initialIntervalMs = z
  .number({ error: "Retry interval must be a number of milliseconds." })
  .int({ error: "Retry interval must be a whole number of milliseconds." })
  .min(LIMITS.minInitialIntervalMs, { error: `Retry interval must be at least ${LIMITS.minInitialIntervalMs} ms.` })
  .max(LIMITS.maxInitialIntervalMs, {
    error: `Retry interval must be at most ${LIMITS.maxInitialIntervalMs} ms: waits are capped at ${LIMITS.maxRetryIntervalMs / 1000} s.`,
  });
const retryError = { error: 'Retry must be an object like {"maxAttempts": 3, "initialIntervalMs": 1000}.' };
const onFailure = z.enum(FAILURE_MODES, { error: `On failure must be one of: ${FAILURE_MODES.join(", ")}.` });
const TOLERANCE_ERROR =
  'Tolerance must be {"count": n} (a whole number of failed subtasks, 0 or more) or {"percent": p} (0–100).';
const tolerance = z.union(
  [
    z
      .object({
        count: z.number({ error: TOLERANCE_ERROR }).int({ error: TOLERANCE_ERROR }).min(0, { error: TOLERANCE_ERROR }),
      })
      .strict(),
    z
      .object({
        percent: z
          .number({ error: TOLERANCE_ERROR })
          .min(0, { error: TOLERANCE_ERROR })
          .max(100, { error: TOLERANCE_ERROR }),
      })
      .strict(),
  ],
  { error: TOLERANCE_ERROR },
);
const spec = z.object({
  description: z
    .string()
    .max(LIMITS.maxSubtaskLength, { error: `A subtask is longer than ${LIMITS.maxSubtaskLength} characters.` }),
  input: z.unknown(),
});

/**
 * The whole input of the workflow's `run`. The API builds it (parseSubmission)
 * and `run` checks it again, so a call that skips the API (Restate's ingress,
 * the guide's worker) meets the same bounds.
 */
export const runInputSchema = z
  .object({
    kind: kindName,
    concurrency,
    retry: z.object({ maxAttempts, initialIntervalMs }, retryError).strict(),
    onFailure,
    task: z.unknown(),
    rerun: z
      .object({ of: runIdSchema, specs: z.array(spec).min(1, { error: "A re-run needs at least one subtask." }) })
      .strict()
      .optional(),
    fingerprint: z.string().max(128).optional(),
    tolerance: tolerance.optional(),
    kindContext: z.unknown().optional(),
  })
  .strict();

/** A submission: the same fields, each optional with a default, plus the run id; the kind's own fields ride along. */
const submissionSchema = z.object({
  kind: kindName.optional(),
  id: runIdSchema.optional(),
  concurrency: concurrency.optional(),
  retry: z
    .object({ maxAttempts: maxAttempts.optional(), initialIntervalMs: initialIntervalMs.optional() }, retryError)
    .strict()
    .optional(),
  onFailure: onFailure.optional(),
  tolerance: tolerance.optional(),
});

function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function fail(issues: InputIssue[]) {
  return { ok: false as const, error: issues[0]?.message ?? "Invalid request.", issues };
}

/** Too many subtasks for `limits`: the kind's own message, or a plain one under its first field. */
function sizeIssue(kind: TaskKind, task: unknown, limits: ServerLimits): InputIssue | null {
  if (kind.checkSize) return kind.checkSize(task, limits);
  const count = kind.split(task).length;
  if (count <= limits.maxSubtasks) return null;
  const field = kind.fields[0];
  return {
    path: field?.name ?? "",
    message: `${field?.label ?? "The task"} has ${count} subtasks; the limit is ${limits.maxSubtasks}.`,
  };
}

/**
 * Checks a run's whole input against the bounds (`limits` defaults to this
 * process's; the browser passes the server's). The answer carries the kind's
 * parsed task.
 */
export function parseRunInput(input: unknown, limits: ServerLimits = LIMITS): ParsedRunInput {
  const common = runInputSchema.safeParse(input);
  if (!common.success) return fail(toIssues(common.error));
  const { rerun, ...rest } = common.data;
  const kind = findKind(rest.kind)!;
  if (rerun) {
    const size =
      rerun.specs.length > limits.maxSubtasks
        ? {
            path: "rerun.specs",
            message: `A re-run of ${rerun.specs.length} subtasks is over the limit of ${limits.maxSubtasks}.`,
          }
        : null;
    return size ? fail([size]) : { ok: true, input: { ...rest, task: null, rerun } };
  }
  const task = kind.inputSchema.safeParse(rest.task);
  if (!task.success) return fail(toIssues(task.error));
  const size = sizeIssue(kind, task.data, limits);
  return size ? fail([size]) : { ok: true, input: { ...rest, task: task.data } };
}

/**
 * Validates a submission (the body of `POST /api/runs`, the guide's worker
 * input, the form before it sends) before anything reaches Restate, so bad
 * input creates nothing.
 */
export function parseSubmission(body: unknown, limits: ServerLimits = LIMITS): ParsedSubmission {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail([{ path: "", message: "The request body must be a JSON object." }]);
  }
  const common = submissionSchema.safeParse(body);
  if (!common.success) return fail(toIssues(common.error));
  const parsed = parseRunInput(
    {
      kind: common.data.kind ?? DEFAULT_KIND,
      concurrency: common.data.concurrency ?? LIMITS.defaultConcurrency,
      retry: { ...DEFAULT_RETRY, ...common.data.retry },
      onFailure: common.data.onFailure ?? "continue",
      ...(common.data.tolerance ? { tolerance: common.data.tolerance } : {}),
      task: body,
    },
    limits,
  );
  return parsed.ok ? { ok: true, id: common.data.id, input: parsed.input } : parsed;
}
