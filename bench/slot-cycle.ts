// Where one slot of the window spends its time between two subtasks: from the
// finish that freed it to the next subtask's finish, split at what Restate
// recorded (sys_invocation's created_at and completed_at) and what the
// subtask recorded (its own start and finish).
import { SUBTASK_SERVICE } from "@/lib/names";
import { runRecords } from "@/test/support/run-records";
import type { BenchStack } from "./stack";
import { percentile, round } from "./stats";

export interface Phase {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
}

export interface SlotCycle {
  /** The finish that freed the slot (the record's dispatch time) → Restate creates the next invocation: the parent hearing of it and dispatching. */
  freedToCreated: Phase;
  /** Restate creates the invocation → the handler starts. */
  createdToStart: Phase;
  /** The handler's start → its recorded finish, less the work it was asked to do. */
  overrun: Phase;
  /** The recorded finish → Restate completes the invocation. */
  finishToCompleted: Phase;
  /** Subtasks measured (the first window's are left out: nothing freed their slot). */
  subtasks: number;
}

function phase(values: number[]): Phase {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { meanMs: round(mean), p50Ms: percentile(values, 50), p90Ms: percentile(values, 90) };
}

export async function slotCycle(
  stack: BenchStack,
  id: string,
  concurrency: number,
  workMs: (index: number) => number,
): Promise<SlotCycle> {
  const records = (await runRecords(stack, id)).filter((r) => r.index >= concurrency && r.invocationId);
  const rows = await stack.sql<{ id: string; created_at: string; completed_at: string }>(
    `SELECT id, created_at, completed_at FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}' AND invoked_by_target LIKE '%/${id}/%'`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parts = {
    freedToCreated: [] as number[],
    createdToStart: [] as number[],
    overrun: [] as number[],
    finishToCompleted: [] as number[],
  };
  for (const r of records) {
    const row = byId.get(r.invocationId!);
    if (!row || r.startedAt === undefined || r.finishedAt === undefined || r.dispatchedAt === undefined) continue;
    const created = Date.parse(row.created_at);
    parts.freedToCreated.push(created - r.dispatchedAt);
    parts.createdToStart.push(r.startedAt - created);
    parts.overrun.push(r.finishedAt - r.startedAt - workMs(r.index));
    parts.finishToCompleted.push(Date.parse(row.completed_at) - r.finishedAt);
  }
  return {
    freedToCreated: phase(parts.freedToCreated),
    createdToStart: phase(parts.createdToStart),
    overrun: phase(parts.overrun),
    finishToCompleted: phase(parts.finishToCompleted),
    subtasks: parts.overrun.length,
  };
}
