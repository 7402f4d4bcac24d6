import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInput, useTestStack, waitUntil } from "../support/test-stack";

// One retention for everything, shortened so expiry happens within the test;
// Restate's cleaner (which purges the finished workflow) runs every second.
process.env.FANLINE_RUN_RETENTION_MS = "3000";
process.env.RESTATE_WORKER__CLEANUP_INTERVAL = "1s";

describe("run retention", () => {
  const stack = useTestStack();

  it("takes a finished run out of the list with its retry reports once its page is gone, and its id starts a clean new run", async () => {
    const first = stack().run("kept-briefly");
    await first.workflowSubmit(
      runInput({ kind: "noop", description: "a [fail 1],b", retry: { maxAttempts: 3, initialIntervalMs: 100 } }),
    );
    await first.workflowAttach();
    const old = await waitUntil("the finished entry", async () => {
      const entry = await stack().runIndex().get("kept-briefly");
      return entry?.status === "succeeded" && entry;
    });
    assert.ok(
      (await stack().retryReports("kept-briefly").changes({ since: 0 })).reports.length > 0,
      "the failed attempt was reported",
    );

    await waitUntil(
      "the run to expire",
      async () =>
        (await stack().runIndex().get("kept-briefly")) === null &&
        (await stack().runIndex().list({ offset: 0, limit: 10 })).total === 0 &&
        (await first.summary()) === null,
      60_000,
    );
    assert.deepEqual(await stack().retryReports("kept-briefly").changes({ since: 0 }), {
      version: 0,
      retryingNow: 0,
      reports: [],
    });

    const again = await stack()
      .run("kept-briefly")
      .workflowSubmit(runInput({ kind: "noop", description: "x,y,z" }));
    assert.equal(again.status, "Accepted", "the id is free: a new run, not the old one");
    assert.deepEqual(await stack().run("kept-briefly").workflowAttach(), { succeeded: 3, failed: 0 });
    const fresh = await waitUntil("the new entry", async () => {
      const entry = await stack().runIndex().get("kept-briefly");
      return entry?.status === "succeeded" && entry;
    });
    assert.ok(fresh.createdAt > old.createdAt);
    const list = await stack().runIndex().list({ offset: 0, limit: 10 });
    assert.deepEqual(
      list.entries.map((e) => [e.id, e.createdAt]),
      [["kept-briefly", fresh.createdAt]],
    );
    assert.equal(list.total, 1);
    assert.equal(
      (await stack().retryReports("kept-briefly").changes({ since: 0 })).reports.length,
      0,
      "no retry report of the old run",
    );
    assert.equal((await stack().run("kept-briefly").summary())?.total, 3);
  });
});
