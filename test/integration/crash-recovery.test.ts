import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { RunSummary } from "@/lib/answers";
import { runInput, sleep, startTestStack, type TestStack } from "../support/test-stack";
import { waitUntil } from "../support/wait";
import { SUBTASK_SERVICE } from "@/lib/names";
import type { SubtaskRecord } from "@/lib/records";

const SUBTASKS = 200;
const chores = Array.from({ length: SUBTASKS }, (_, i) => `job ${i}`);

const waitForProgress = (stack: TestStack, id: string, atLeast: number): Promise<RunSummary> =>
  waitUntil(
    `run ${id} to reach ${atLeast} done`,
    async () => {
      const summary = await stack.run(id).summary();
      return summary && summary.done >= atLeast ? summary : null;
    },
    60_000,
  );

/** Every subtask ran exactly once and the records agree with the aggregate. */
async function assertCompleteExactlyOnce(stack: TestStack, id: string) {
  const aggregate = await stack.run(id).workflowAttach();
  assert.deepEqual(aggregate, { description: chores.map((c) => `${c}: DONE`).join(",") });

  const summary = await stack.run(id).summary();
  assert.equal(summary?.status, "succeeded");
  assert.deepEqual(summary?.counts, {
    pending: 0,
    running: 0,
    retrying: 0,
    succeeded: SUBTASKS,
    failed: 0,
    cancelled: 0,
  });

  const changes = await stack.run(id).subtasks({ since: 0 });
  assert.equal(changes?.subtasks.length, SUBTASKS);
  changes!.subtasks.forEach((s, i) => {
    assert.equal(s.index, i);
    assert.equal(s.status, "succeeded");
    assert.ok(s.startedAt! >= summary!.createdAt && s.startedAt! <= s.finishedAt!, `subtask ${i} has consistent times`);
    assert.ok(s.finishedAt! <= summary!.finishedAt!, `subtask ${i} finished before the run`);
  });

  const invocations = await stack.sql<{ n: number }>(
    `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}'`,
  );
  assert.equal(Number(invocations[0].n), SUBTASKS, "one subtask invocation per subtask, none doubled");
}

/** Starts the 200 chores, waits until some have finished, SIGKILLs `part`, waits, starts it again; answers the progress before the crash. */
async function crashMidRun(
  stack: TestStack,
  id: string,
  part: "services" | "restate",
  downMs: number,
): Promise<RunSummary> {
  await stack.run(id).workflowSubmit(runInput({ kind: "chores", concurrency: 50, description: chores.join(",") }));
  const before = await waitForProgress(stack, id, 20);
  assert.ok(before.done < SUBTASKS, "the crash happens mid-run");
  await stack.crash(part);
  await sleep(downMs);
  await stack.restart(part);
  return before;
}

describe("crash recovery: a 200-subtask run survives SIGKILL", () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack();
  });
  afterEach(async () => {
    await stack?.stop();
  });

  it("of the services process mid-run", async () => {
    await crashMidRun(stack, "crash-services", "services", 1500);
    await assertCompleteExactlyOnce(stack, "crash-services");
  });

  it("of the Restate server mid-run, restarted on the same data", async () => {
    const before = await crashMidRun(stack, "crash-restate", "restate", 1000);
    const after = await waitForProgress(stack, "crash-restate", before.done);
    assert.ok(after.done >= before.done, "progress recorded before the crash was kept");
    await assertCompleteExactlyOnce(stack, "crash-restate");
  });
});

describe("crash recovery: an attempt cut short by a crash", () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startTestStack();
  });
  afterEach(async () => {
    await stack?.stop();
  });

  it("keeps the start it had: its record spans the whole attempt, as Restate's invocation does", async () => {
    const id = "crash-mid-attempt";
    const TAKE_MS = 4000;
    await stack.run(id).workflowSubmit(
      runInput({
        kind: "noop",
        description: Array.from({ length: 3 }, (_, i) => `long ${i} [take ${TAKE_MS}ms]`).join(","),
      }),
    );
    // Every attempt has begun (journaled its start) before the crash.
    await waitUntil(
      "three attempts begun",
      async () => {
        const [row] = await stack.sql<{ n: number }>(
          `SELECT COUNT(*) AS n FROM sys_journal WHERE name = 'attempt 1 started'`,
        );
        return Number(row?.n ?? 0) === 3 || null;
      },
      30_000,
    );
    const crashedAt = Date.now();
    await stack.crash("services");
    await sleep(1500);
    await stack.restart("services");
    await stack.run(id).workflowAttach();

    const changes = await stack.run(id).subtasks({ since: 0 });
    const restate = await stack.sql<{ created_at: string; completed_at: string }>(
      `SELECT created_at, completed_at FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}'`,
    );
    assert.equal(restate.length, 3);
    const restateMs = restate.map((r) => Date.parse(r.completed_at) - Date.parse(r.created_at));
    for (const r of changes!.subtasks as SubtaskRecord[]) {
      assert.equal(r.status, "succeeded");
      assert.ok(r.startedAt! < crashedAt, `subtask ${r.index} started ${r.startedAt! - crashedAt} ms after the crash`);
      const took = r.finishedAt! - r.startedAt!;
      // At least the work it did (the outage can only make it longer, as it does in Restate's view).
      assert.ok(took >= TAKE_MS - 50, `subtask ${r.index} recorded ${took} ms for a ${TAKE_MS} ms attempt`);
      assert.ok(
        restateMs.some((ms) => Math.abs(ms - took) <= 400),
        `subtask ${r.index}: ${took} ms, Restate's invocations ${restateMs.join(", ")} ms`,
      );
    }
  });
});
