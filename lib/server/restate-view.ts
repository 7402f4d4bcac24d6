import "server-only";
import { RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";
import type { ProblemAction, RunProblem } from "@/lib/answers";
import { needsAttention, viewUse } from "@/lib/reconcile";
import { adminSql } from "./admin";

/**
 * What Restate itself knows about a run, from its introspection tables: how
 * its workflow invocation ended (a kill or a purge leaves the workflow's own
 * records saying "running"), and which of its invocations Restate is
 * retrying, backing off or has paused. The workflow's records cannot say
 * either: its code does not run when Restate kills it or cannot reach it.
 *
 * Admin queries scan Restate's tables, so a poll answers from a cached view
 * and refreshes it in the background; a view too old to be shown as current
 * is waited for (lib/reconcile.ts viewUse).
 */
export interface RestateRunView {
  /** The run's workflow invocation, or null when Restate has none (never started, or purged). */
  workflow: { invocationId: string; status: string; failure: string | null; completedAt: number | null } | null;
  problems: RunProblem[];
  checkedAt: number;
}

/** Views of runs nobody asked about for this long are dropped. */
const FORGET_MS = 60_000;

interface Entry {
  view: RestateRunView | null;
  refreshing: Promise<RestateRunView> | null;
  askedAt: number;
}

const views = new Map<string, Entry>();
/** When each problem invocation was first seen, so "since" survives across refreshes. */
const firstSeen = new Map<string, number>();

/** A row of sys_invocation; Restate's query API leaves a null column out. */
interface InvocationRow {
  id: string;
  status: string;
  completion_result?: string;
  completion_failure?: string;
  completed_at?: string;
  retry_count?: number;
  last_failure?: string;
  last_start_at?: string;
  next_retry_at?: string;
}

const time = (value: string | undefined) => (value ? Date.parse(value) : null);

/** Invocation ids and run ids reach SQL only after validation to a safe alphabet; this guards the rest. */
function literal(value: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`Refusing to query Restate for ${JSON.stringify(value)}`);
  return `'${value}'`;
}

const COLUMNS =
  "id, status, completion_result, completion_failure, completed_at, retry_count, last_failure, last_start_at, next_retry_at";

function actionsFor(row: InvocationRow): ProblemAction[] {
  return row.status === "paused" ? ["resume", "kill"] : ["kill"];
}

/** A subtask invocation's index, from its input (the first journal entry), for the few that have problems. */
async function subtaskIndexes(ids: string[]): Promise<Map<string, number>> {
  const indexes = new Map<string, number>();
  if (ids.length === 0) return indexes;
  const rows = await adminSql<{ id: string; entry_json: string }>(
    `SELECT id, entry_json FROM sys_journal WHERE index = 0 AND id IN (${ids.map(literal).join(", ")})`,
  );
  for (const row of rows) {
    try {
      const payload = (JSON.parse(row.entry_json) as { Command?: { Input?: { payload?: number[] } } }).Command?.Input
        ?.payload;
      const request = payload ? (JSON.parse(Buffer.from(payload).toString("utf8")) as { index?: unknown }) : null;
      if (typeof request?.index === "number") indexes.set(row.id, request.index);
    } catch {
      // An input we cannot read: the problem is still listed, without its lane.
    }
  }
  return indexes;
}

async function readView(runId: string): Promise<RestateRunView> {
  const checkedAt = Date.now();
  const [workflowRow] = await adminSql<InvocationRow>(
    `SELECT ${COLUMNS} FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = ${literal(runId)} AND target_handler_name = 'run'`,
  );
  if (!workflowRow) return { workflow: null, problems: [], checkedAt };
  const workflow = {
    invocationId: workflowRow.id,
    status: workflowRow.status,
    failure: workflowRow.completion_result === "failure" ? (workflowRow.completion_failure ?? null) : null,
    completedAt: time(workflowRow.completed_at),
  };
  const rows =
    workflowRow.status === "completed"
      ? []
      : await adminSql<InvocationRow>(
          `SELECT ${COLUMNS} FROM sys_invocation WHERE invoked_by_id = ${literal(workflowRow.id)} AND target_service_name = '${SUBTASK_SERVICE}' AND status <> 'completed' AND (status = 'paused' OR last_failure IS NOT NULL)`,
        );
  const troubled = rows.filter(needsAttention);
  const indexes = await subtaskIndexes(troubled.map((r) => r.id));
  const problems: RunProblem[] = [];
  for (const [row, index] of [
    ...(needsAttention(workflowRow) ? [[workflowRow, null] as const] : []),
    ...troubled.map((r) => [r, indexes.get(r.id) ?? null] as const),
  ]) {
    const seen = firstSeen.get(row.id) ?? checkedAt;
    firstSeen.set(row.id, seen);
    const lastStart = time(row.last_start_at);
    problems.push({
      index,
      invocationId: row.id,
      status: row.status,
      error: row.last_failure ?? null,
      retryCount: Number(row.retry_count ?? 0),
      since: lastStart !== null ? Math.min(seen, lastStart) : seen,
      nextRetryAt: time(row.next_retry_at),
      actions: actionsFor(row),
    });
  }
  for (const id of firstSeen.keys())
    if (!problems.some((p) => p.invocationId === id) && !rows.some((r) => r.id === id)) firstSeen.delete(id);
  return { workflow, problems, checkedAt };
}

function forgetStale(now: number) {
  for (const [id, entry] of views) if (now - entry.askedAt > FORGET_MS && !entry.refreshing) views.delete(id);
}

/**
 * The view of run `runId`, fresh enough to show as current. The first ask for
 * a run, or one after a long pause, waits for Restate; a failed refresh keeps
 * the last view (and the next ask tries again).
 */
export async function restateRunView(runId: string): Promise<RestateRunView | null> {
  const now = Date.now();
  forgetStale(now);
  const entry = views.get(runId) ?? { view: null, refreshing: null, askedAt: now };
  entry.askedAt = now;
  views.set(runId, entry);
  const use = entry.view ? viewUse(now - entry.view.checkedAt) : "wait";
  if (use !== "use" && !entry.refreshing) {
    entry.refreshing = readView(runId)
      .then((view) => (entry.view = view))
      .finally(() => (entry.refreshing = null));
  }
  if (use === "wait" && entry.refreshing) return entry.refreshing.catch(() => entry.view);
  entry.refreshing?.catch(() => undefined);
  return entry.view;
}

/** The cached view of a run, without asking Restate (null when none is cached). */
export function peekRunView(runId: string): RestateRunView | null {
  return views.get(runId)?.view ?? null;
}

/** Drops a cached view, so the next ask reads Restate again (after an action on one of its invocations). */
export function forgetRunView(runId: string): void {
  views.delete(runId);
}
