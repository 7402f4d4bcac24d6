// Every input limit in one module: the API validates against these, the form
// shows them, and the README documents them.

export const LIMITS = {
  /** Subtasks one run may split into. */
  maxSubtasks: Number(process.env.FANLINE_MAX_SUBTASKS ?? 10_000),
  /** Characters in one subtask description. */
  maxSubtaskLength: 500,
  /** Bytes in a POST body. */
  maxBodyBytes: 1024 * 1024,
  /** Bytes in a POST body that carries items (`POST /api/runs`: CSV, JSON Lines or JSON). */
  maxItemsBodyBytes: 20 * 1024 * 1024,
  /** Bytes in one item of the `call` kind, as JSON. */
  maxItemBytes: 64 * 1024,
  /** Subtasks in flight at once, per run. */
  defaultConcurrency: 100,
  minConcurrency: 1,
  maxConcurrency: 1000,
  /** Retry policy for subtask errors, per run: attempts in all (1 = no retry), and the first wait (doubling, capped). */
  defaultMaxAttempts: 3,
  minMaxAttempts: 1,
  maxMaxAttempts: 10,
  defaultInitialIntervalMs: 1000,
  minInitialIntervalMs: 100,
  maxInitialIntervalMs: 60_000,
  maxRetryIntervalMs: 30_000,
  /** Run ids: letters, digits, dash and underscore. */
  runIdPattern: /^[A-Za-z0-9_-]+$/,
  maxRunIdLength: 64,
  /** Runs listed per page of `GET /api/runs`. */
  defaultListLimit: 20,
  maxListLimit: 100,
  /** Subtasks returned per page of `GET /api/runs/<id>/subtasks`. */
  subtaskPageSize: 2000,
} as const;
