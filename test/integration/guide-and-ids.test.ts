import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInput, useTestStack, waitUntil } from "../support/test-stack";
import { RUN_WORKFLOW } from "@/lib/names";

describe("the guide's request and run ids", () => {
  const stack = useTestStack();

  it("answers the guide's curl with the exact aggregate, and the run shows in the runs index", async () => {
    const response = await fetch(`${stack().ingressUrl}/worker/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ description: "get out of bed,shower,make coffee,have breakfast" }),
    });
    assert.equal(response.status, 200);
    assert.equal(
      await response.text(),
      '{"description":"get out of bed: DONE,shower: DONE,make coffee: DONE,have breakfast: DONE"}',
    );

    // The list learns of the run by messages (run → its index entry → a shard): wait for it, then once only.
    const index = await waitUntil("the guide's run listed", async () => {
      const page = await stack().runIndex().list({ offset: 0, limit: 10 });
      return page.entries.some((e) => e.id.startsWith("guide-")) ? page : null;
    });
    const guideRuns = index.entries.filter((e) => e.id.startsWith("guide-"));
    assert.equal(guideRuns.length, 1);
    const summary = await stack().run(guideRuns[0].id).summary();
    assert.equal(summary?.status, "succeeded");
    assert.equal(summary?.total, 4);
  });

  it("rejects the guide's request with no subtasks as a 400, without starting a run", async () => {
    const before = (await stack().runIndex().list({ offset: 0, limit: 100 })).total;
    const response = await fetch(`${stack().ingressUrl}/worker/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ description: " , " }),
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /only commas and spaces/);
    assert.equal((await stack().runIndex().list({ offset: 0, limit: 100 })).total, before);
  });

  it("runs a workflow id once: submitting it again is the same run", async () => {
    const input = runInput({ kind: "noop", concurrency: 5, description: "x,y,z" });
    const first = await stack().run("same-id").workflowSubmit(input);
    const second = await stack()
      .run("same-id")
      .workflowSubmit(runInput({ kind: "noop", concurrency: 5, description: "other,input" }));
    assert.equal(first.status, "Accepted");
    assert.equal(second.status, "PreviouslyAccepted");
    assert.equal(second.invocationId, first.invocationId);

    assert.deepEqual(await stack().run("same-id").workflowAttach(), { succeeded: 3, failed: 0 });
    // The list learns of a run by messages (run → its index entry → a shard): wait for it, then once only.
    const index = await waitUntil("the run listed", async () => {
      const page = await stack().runIndex().list({ offset: 0, limit: 100 });
      return page.entries.some((e) => e.id === "same-id") ? page : null;
    });
    assert.equal(index.entries.filter((e) => e.id === "same-id").length, 1);
    const runs = await stack().sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = 'same-id' AND target_handler_name = 'run'`,
    );
    assert.equal(Number(runs[0].n), 1);
  });

  it("answers null for a run that does not exist", async () => {
    assert.equal(await stack().run("never-submitted").summary(), null);
    assert.equal(await stack().run("never-submitted").subtasks({ since: 0 }), null);
  });
});
