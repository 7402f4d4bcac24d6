import { RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";
/** Restate's own account of a run, read over the admin SQL API: what the checker trusts and what it prints. */
export interface InvocationRow {
  id: string;
  target: string;
  status: string;
  completion_result: string | null;
  completion_failure: string | null;
  invoked_by_id: string | null;
  retry_count: number | null;
  last_failure: string | null;
}

export type Sql = <T = Record<string, unknown>>(query: string) => Promise<T[]>;

const INVOCATION_COLUMNS =
  "id, target, status, completion_result, completion_failure, invoked_by_id, retry_count, last_failure";

/** Ids reach SQL only from our own generator or Restate's answers; still, refuse anything outside their alphabet. */
function literal(value: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`refusing to put ${JSON.stringify(value)} in SQL`);
  return `'${value}'`;
}

export async function runInvocation(sql: Sql, runId: string): Promise<InvocationRow | null> {
  const rows = await sql<InvocationRow>(
    `SELECT ${INVOCATION_COLUMNS} FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = ${literal(runId)} AND target_handler_name = 'run'`,
  );
  return rows[0] ?? null;
}

export function subtaskInvocations(sql: Sql, runInvocationId: string): Promise<InvocationRow[]> {
  return sql<InvocationRow>(
    `SELECT ${INVOCATION_COLUMNS} FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}' AND invoked_by_id = ${literal(runInvocationId)}`,
  );
}

/** The guide's worker call made with this idempotency key, and the Fanline run it started. */
export async function workerRun(
  sql: Sql,
  idempotencyKey: string,
): Promise<{ worker: InvocationRow[]; runIds: string[] }> {
  const worker = await sql<InvocationRow>(
    `SELECT ${INVOCATION_COLUMNS} FROM sys_invocation WHERE target = 'worker/run' AND idempotency_key = ${literal(idempotencyKey)}`,
  );
  const runIds: string[] = [];
  for (const w of worker) {
    const children = await sql<{ key: string }>(
      `SELECT target_service_key AS key FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_handler_name = 'run' AND invoked_by_id = ${literal(w.id)}`,
    );
    runIds.push(...children.map((c) => c.key));
  }
  return { worker, runIds };
}

/** Every invocation of ours that has not completed: after convergence there must be none. */
export function unfinishedInvocations(sql: Sql): Promise<InvocationRow[]> {
  return sql<InvocationRow>(
    `SELECT ${INVOCATION_COLUMNS} FROM sys_invocation WHERE status <> 'completed' AND (target_service_name LIKE 'Fanline%' OR target_service_name = 'worker')`,
  );
}

/** Everything Restate holds about one invocation (and, for a run, its state), for a failure report. */
export async function dump(sql: Sql, invocationId: string | null, runId?: string): Promise<string> {
  const out: string[] = [];
  if (invocationId) {
    out.push(
      `  sys_invocation ${invocationId}:`,
      ...(await sql(`SELECT ${INVOCATION_COLUMNS} FROM sys_invocation WHERE id = ${literal(invocationId)}`)).map(
        (r) => `    ${JSON.stringify(r)}`,
      ),
    );
    const journal = await sql<{ index: number; entry_type: string; name: string; entry_lite_json: string }>(
      `SELECT index, entry_type, name, entry_lite_json FROM sys_journal WHERE id = ${literal(invocationId)} ORDER BY index`,
    );
    out.push(
      `  sys_journal (${journal.length} entries${journal.length > 40 ? ", last 40" : ""}):`,
      ...journal.slice(-40).map((j) => `    ${j.index} ${j.entry_type} ${j.name ?? ""} ${j.entry_lite_json ?? ""}`),
    );
  }
  if (runId) {
    const state = await sql<{ key: string; value_utf8: string }>(
      `SELECT key, value_utf8 FROM state WHERE service_name = '${RUN_WORKFLOW}' AND service_key = ${literal(runId)}`,
    );
    // The inputs are what was submitted; the records and the meta key are what the run made of them.
    const made = state.filter((s) => !s.key.startsWith("inputs"));
    out.push(
      `  state of FanlineRun/${runId} (${state.length} keys; inputs left out):`,
      ...made.slice(0, 12).map((s) => `    ${s.key} = ${(s.value_utf8 ?? "").slice(0, 300)}`),
    );
  }
  return out.join("\n");
}
