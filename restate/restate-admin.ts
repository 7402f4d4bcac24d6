import { RUN_WORKFLOW } from "@/lib/names";
import { restateAdminUrls } from "@/lib/restate-urls";

/**
 * Asks Restate's admin API whether a run's workflow invocation has ended
 * without succeeding (completed with a failure, which a kill leaves) or is
 * gone. Tries each admin node in turn; throws when none answers, so the
 * calling step is retried.
 */
export async function runInvocationEnded(id: string): Promise<{ ended: boolean; seen: string }> {
  const key = id.replaceAll("'", "''");
  const query = `SELECT status, completion_result FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = '${key}' AND target_handler_name = 'run'`;
  let lastError: unknown = null;
  for (const url of restateAdminUrls()) {
    try {
      const response = await fetch(`${url}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`admin query answered ${response.status}`);
      const rows = ((await response.json()) as { rows: Array<{ status: string; completion_result: string | null }> })
        .rows;
      if (rows.length === 0) return { ended: true, seen: "gone" };
      const [row] = rows;
      return {
        ended: row.status === "completed" && row.completion_result === "failure",
        seen: `${row.status} ${row.completion_result ?? ""}`.trim(),
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`No Restate admin API answered (${restateAdminUrls().join(", ")}): ${(lastError as Error)?.message}`);
}
