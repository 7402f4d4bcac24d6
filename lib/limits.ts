// Every input limit in one module: the API validates against these, the form
// shows them, and the README documents them.

import { parseMaxSubtasks } from "./max-subtasks";

/** The limits a client must check against: the server's, which may differ from a bundle's defaults. */
export interface ServerLimits {
  maxSubtasks: number;
}

export const LIMITS = {
  /** Subtasks one run may split into (the browser gets the server's value from /api/config). */
  maxSubtasks: parseMaxSubtasks(process.env.FANLINE_MAX_SUBTASKS),
  /** Characters in one subtask description. */
  maxSubtaskLength: 500,
  /** Bytes in a POST body. */
  maxBodyBytes: 1024 * 1024,
  /** Simulated time one attempt may take (`[take …]`). */
  maxSimulatedMs: 10 * 60 * 1000,
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
  /** The first wait may not exceed the cap on every wait: it would be silently shortened. */
  maxInitialIntervalMs: 30_000,
  maxRetryIntervalMs: 30_000,
  /** Run ids: letters, digits, dash and underscore. */
  runIdPattern: /^[A-Za-z0-9_-]+$/,
  maxRunIdLength: 64,
  /** Runs listed per page of `GET /api/runs`. */
  defaultListLimit: 20,
  maxListLimit: 100,
  /**
   * How long a finished run is kept: its page (the workflow's retention), its
   * entry in the runs list and its retry reports all go after this, and its
   * id is free again. FANLINE_RUN_RETENTION_MS shortens it for tests.
   */
  runRetentionMs: Number(process.env.FANLINE_RUN_RETENTION_MS ?? 7 * 24 * 3600 * 1000),
  /** Subtasks returned per page of `GET /api/runs/<id>/subtasks`. */
  subtaskPageSize: 2000,
} as const;
