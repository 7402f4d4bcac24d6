import "server-only";
import { FANLINE_SERVICES, RUN_WORKFLOW } from "@/lib/names";
import { RestateRefusal, restateAdminFetch, restateAdminUrls } from "./restate";

/**
 * Restate's admin API, server-side only (the browser never reaches it): the
 * dashboard uses it to find a run's invocation and cancel it, and links to
 * Restate's own UI for a subtask's invocation. On a cluster, calls go to the
 * first live admin node.
 */
export function restateAdminUrl(): string {
  return restateAdminUrls()[0];
}

export async function adminSql<T>(query: string): Promise<T[]> {
  const response = await restateAdminFetch("/query", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw await RestateRefusal.of(response, "Restate's admin API refused a query");
  return ((await response.json()) as { rows: T[] }).rows;
}

/** The invocation id of run `id`'s `run` handler (ids are validated to a safe alphabet before they get here). */
export async function runInvocationId(id: string): Promise<string | null> {
  const rows = await adminSql<{ id: string }>(
    `SELECT id FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = '${id}' AND target_handler_name = 'run'`,
  );
  return rows[0]?.id ?? null;
}

export type InvocationAction = "cancel" | "kill" | "resume";

/** Asks Restate to cancel, kill or resume an invocation (its admin `PATCH /invocations/<id>/<action>`). */
export async function actOnInvocation(invocationId: string, action: InvocationAction): Promise<void> {
  const response = await restateAdminFetch(`/invocations/${encodeURIComponent(invocationId)}/${action}`, {
    method: "PATCH",
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw await RestateRefusal.of(response, `Restate refused to ${action} ${invocationId}`);
}

export const cancelInvocation = (invocationId: string) => actOnInvocation(invocationId, "cancel");
/**
 * The invocations that invocation `id` made to services other than Fanline's
 * own (a subtask's retry reports are not what it "called"), oldest first;
 * empty for an id outside Restate's alphabet.
 */
export async function childInvocationIds(id: string): Promise<string[]> {
  if (!/^inv_[A-Za-z0-9]+$/.test(id)) return [];
  const own = FANLINE_SERVICES.map((s) => `'${s}'`).join(", ");
  const rows = await adminSql<{ id: string }>(
    `SELECT id FROM sys_invocation WHERE invoked_by_id = '${id}' AND target_service_name NOT IN (${own}) ORDER BY created_at`,
  );
  return rows.map((r) => r.id);
}
