import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";
import type { RunSummary } from "@/lib/answers";
import { runInput, useTestStack, waitUntil } from "../support/test-stack";

/**
 * A run far past the old 10,000 limit, its services SIGKILLed halfway: the
 * workflow replays its journal (three entries and more per subtask) and ends
 * exact. FANLINE_BIG_RUN sets the size: `npm test` runs 20,000 to stay quick,
 * `npm run test:big` the full 100,000.
 */
const N = Number(process.env.FANLINE_BIG_RUN ?? 20_000);

describe(`a ${N.toLocaleString("en-US")}-subtask run`, () => {
  const stack = useTestStack();

  it("survives a services crash halfway with every subtask run exactly once", { timeout: 30 * 60_000 }, async () => {
    const id = "big";
    const description = Array.from({ length: N }, (_, i) => `s${i}`).join(",");
    await stack()
      .run(id)
      .workflowSubmit(runInput({ kind: "noop", description }));

    const before = await waitUntil(
      "half the subtasks done",
      async () => {
        const s: RunSummary | null = await stack().run(id).summary();
        return s && s.done >= N / 2 ? s : null;
      },
      20 * 60_000,
      250,
    );
    assert.ok(before.done < N, "the crash comes mid-run");
    await stack().crash("services");
    await stack().restart("services");

    assert.deepEqual(await stack().run(id).workflowAttach(), { succeeded: N, failed: 0 });
    const summary = await stack().run(id).summary();
    assert.equal(summary?.status, "succeeded");
    assert.deepEqual(summary?.counts, { pending: 0, running: 0, retrying: 0, succeeded: N, failed: 0, cancelled: 0 });

    // Restate's side: one successful invocation per subtask, none failed, none twice.
    const [workflow] = await stack().sql<{ id: string }>(
      `SELECT id FROM sys_invocation WHERE target = '${RUN_WORKFLOW}/${id}/run'`,
    );
    const rows = await stack().sql<{ completion_result: string; n: number }>(
      `SELECT completion_result, COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}' AND invoked_by_id = '${workflow.id}' GROUP BY completion_result`,
    );
    assert.deepEqual(
      rows.map((r) => [r.completion_result, Number(r.n)]),
      [["success", N]],
    );
  });
});
