import "server-only";
import type { ErrorGroupsSummary } from "@/lib/error-groups";
import { AGGREGATE_PROMISE, bucketStateKey, RUN_WORKFLOW, STATE_ERROR_GROUPS, STATE_META } from "@/lib/names";
import { changesOf, summaryOf, type RunMeta, type SubtaskQuery } from "@/lib/run-state";
import type { RunSummary, SubtaskChanges } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { adminSql } from "./admin";

/*
 * A run's state read from Restate's storage through the admin API, for when
 * its query handlers cannot run (the services are down: Restate would hold a
 * query until they are back). Same layout and the same derivations as the
 * workflow's own queries (lib/run-state.ts).
 */

function safeKey(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`Refusing to query Restate for run ${JSON.stringify(id)}`);
  return id;
}

async function stateValues(id: string, keys: string[]): Promise<Map<string, unknown>> {
  const list = keys.map((k) => `'${k.replace(/'/g, "''")}'`).join(", ");
  const rows = await adminSql<{ key: string; value_utf8: string | null }>(
    `SELECT key, value_utf8 FROM state WHERE service_name = '${RUN_WORKFLOW}' AND service_key = '${safeKey(id)}' AND key IN (${list})`,
  );
  return new Map(rows.filter((r) => typeof r.value_utf8 === "string").map((r) => [r.key, JSON.parse(r.value_utf8!)]));
}

async function storedMeta(id: string): Promise<RunMeta | null> {
  return ((await stateValues(id, [STATE_META])).get(STATE_META) as RunMeta | undefined) ?? null;
}

export async function storedSummary(id: string): Promise<RunSummary | null> {
  const meta = await storedMeta(id);
  if (!meta) return null;
  const [promise] = await adminSql<{ completion_success_value_utf8: string | null }>(
    `SELECT completion_success_value_utf8 FROM sys_promise WHERE service_name = '${RUN_WORKFLOW}' AND service_key = '${safeKey(id)}' AND key = '${AGGREGATE_PROMISE}'`,
  );
  const aggregate = promise?.completion_success_value_utf8 ? JSON.parse(promise.completion_success_value_utf8) : null;
  const groups = (await stateValues(id, [STATE_ERROR_GROUPS])).get(STATE_ERROR_GROUPS) as
    ErrorGroupsSummary | undefined;
  return summaryOf(meta, aggregate, groups ?? null);
}

export async function storedChanges(id: string, query: SubtaskQuery): Promise<SubtaskChanges | null> {
  const meta = await storedMeta(id);
  if (!meta) return null;
  return changesOf(meta, query, async (buckets) => {
    const values = await stateValues(id, buckets.map(bucketStateKey));
    return buckets.map((b) => (values.get(bucketStateKey(b)) as SubtaskRecord[] | undefined) ?? null);
  });
}
