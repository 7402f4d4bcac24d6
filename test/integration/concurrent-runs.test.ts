import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInput, useTestStack, waitUntil } from "../support/test-stack";
import { SUBTASK_SERVICE } from "@/lib/names";

describe("twenty runs of 100 subtasks submitted at once", () => {
  const stack = useTestStack();

  it("all complete, none lost, and the runs list is exact", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    const items = (run: number) =>
      Array.from({ length: 100 }, (_, i) => `r${run}-item-${i} [take ${(i * 7) % 50}ms]`).join(",");
    const submissions = await Promise.all(
      ids.map((id, i) =>
        stack()
          .run(id)
          .workflowSubmit(runInput({ kind: "noop", description: items(i), concurrency: 25 })),
      ),
    );
    assert.ok(submissions.every((s) => s.status === "Accepted"));

    const aggregates = await Promise.all(ids.map((id) => stack().run(id).workflowAttach()));
    assert.ok(aggregates.every((a) => JSON.stringify(a) === JSON.stringify({ succeeded: 100, failed: 0 })));

    const summaries = await Promise.all(ids.map((id) => stack().run(id).summary()));
    for (const summary of summaries) {
      assert.equal(summary?.status, "succeeded");
      assert.equal(summary?.counts.succeeded, 100);
      assert.equal(summary?.done, 100);
    }

    const invocations = await stack().sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}'`,
    );
    assert.equal(Number(invocations[0].n), 2000, "exactly one subtask invocation per subtask");

    // The list learns of each run, and of its end, by messages (run → its index entry → a shard of
    // the list): give the last ones a moment to land, then it must hold exactly these runs.
    const list = await waitUntil(
      "every run listed as succeeded",
      async () => {
        const page = await stack().runIndex().list({ offset: 0, limit: 100 });
        const listed = new Set(page.entries.map((e) => e.id));
        return ids.every((id) => listed.has(id)) && page.entries.every((e) => e.status === "succeeded") ? page : null;
      },
      10_000,
    );
    assert.equal(list.total, 20);
    assert.deepEqual(list.entries.map((e) => e.id).sort(), [...ids].sort());
    assert.ok(list.entries.every((e) => e.status === "succeeded" && e.finishedAt !== null));
    assert.equal((await stack().runIndex().list({ offset: 0, limit: 100, status: "active" })).total, 0);
    assert.equal((await stack().runIndex().list({ offset: 0, limit: 100, status: "succeeded" })).total, 20);
    const page2 = await stack().runIndex().list({ offset: 15, limit: 10 });
    assert.equal(page2.entries.length, 5, "paging returns the rest, not more");
  });
});
