import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RunFilter } from "@/lib/run-list";
import { RUN_INDEX_OBJECT, RUN_LIST_OBJECT, RUN_WORKFLOW } from "@/lib/names";
import { runInput, useTestStack, waitUntil, type TestStack } from "../support/test-stack";

/** Every entry of a filter, read page by page as the dashboard does. */
async function allPages(stack: TestStack, status: RunFilter, pageSize: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += pageSize) {
    const page = await stack.runIndex().list({ offset, limit: pageSize, status });
    totals.add(page.total);
    ids.push(...page.entries.map((e) => e.id));
    if (page.entries.length < pageSize) break;
  }
  return { ids, totals: [...totals] };
}

async function runInvocationId(stack: TestStack, id: string): Promise<string> {
  const [row] = await stack.sql<{ id: string }>(
    `SELECT id FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = '${id}' AND target_handler_name = 'run'`,
  );
  return row.id;
}

describe("the runs list", () => {
  const stack = useTestStack();

  it("is exact with forty runs created at once: statuses, filters, newest first, every page and total", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `list-${String(i).padStart(2, "0")}`);
    const failing = new Set(ids.filter((_, i) => i % 4 === 0));
    await Promise.all(
      ids.map((id) =>
        stack()
          .run(id)
          .workflowSubmit(
            runInput({
              kind: "noop",
              description: failing.has(id) ? "a,b [fail permanently]" : "a,b,c",
              concurrency: 3,
            }),
          ),
      ),
    );
    await Promise.all(ids.map((id) => stack().run(id).workflowAttach()));
    await waitUntil(
      "every run listed as finished",
      async () =>
        (await stack().runIndex().list({ offset: 0, limit: 1, status: "active" })).total === 0 &&
        (await stack().runIndex().list({ offset: 0, limit: 1 })).total === 40,
    );

    const createdAt = new Map(
      await Promise.all(ids.map(async (id) => [id, (await stack().run(id).summary())!.createdAt] as const)),
    );
    const newestFirst = [...ids].sort((a, b) => createdAt.get(b)! - createdAt.get(a)! || (a < b ? 1 : -1));
    for (const [status, expected] of [
      [undefined, newestFirst],
      ["succeeded", newestFirst.filter((id) => !failing.has(id))],
      ["failed", newestFirst.filter((id) => failing.has(id))],
      ["active", []],
      ["running", []],
    ] as const) {
      for (const pageSize of [7, 40]) {
        const pages = await allPages(stack(), status, pageSize);
        assert.deepEqual(pages.ids, expected, `${status ?? "all"} by pages of ${pageSize}`);
        assert.deepEqual(pages.totals, [expected.length], `${status ?? "all"} total`);
      }
    }
    const entry = await stack().runIndex().get("list-00");
    assert.equal(entry?.status, "failed");
    assert.equal(entry?.createdAt, createdAt.get("list-00"));
    assert.ok(entry?.finishedAt);
  });

  it("takes no writes from outside Fanline: the index's and the shards' write handlers are private to Restate", async () => {
    const before = await stack().runIndex().list({ offset: 0, limit: 1 });
    const forged = {
      id: "forged",
      kind: "noop",
      label: "x",
      createdAt: Date.now(),
      status: "succeeded",
      finishedAt: null,
      rerunOf: null,
      reruns: [],
    };
    for (const [path, body] of [
      [`${RUN_INDEX_OBJECT}/forged/add`, forged],
      [`${RUN_INDEX_OBJECT}/list-01/finished`, { id: "list-01", status: "cancelled", finishedAt: 1 }],
      [`${RUN_INDEX_OBJECT}/list-01/expire`, { createdAt: 1 }],
      [`${RUN_LIST_OBJECT}/0/put`, { entry: forged }],
      [`${RUN_LIST_OBJECT}/0/remove`, { id: "list-01", status: "succeeded", createdAt: 1 }],
    ] as const) {
      const response = await fetch(`${stack().ingressUrl}/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.ok(response.status >= 400 && response.status < 500, `${path} answered ${response.status}`);
    }
    assert.equal((await stack().runIndex().list({ offset: 0, limit: 1 })).total, before.total);
    assert.equal(await stack().runIndex().get("forged"), null);
    assert.equal((await stack().runIndex().get("list-01"))?.status, "succeeded");
  });

  it("records a run killed in Restate as killed, once Restate confirms it; a forged claim about a live run changes nothing", async () => {
    await stack()
      .run("to-kill")
      .workflowSubmit(runInput({ kind: "noop", description: "a [take 60s],b [take 60s]", concurrency: 2 }));
    await stack()
      .run("live")
      .workflowSubmit(runInput({ kind: "noop", description: "a [take 60s]", concurrency: 1 }));
    await waitUntil(
      "both listed",
      async () => (await stack().runIndex().get("to-kill")) && (await stack().runIndex().get("live")),
    );

    assert.equal((await stack().runIndex().markKilled("live"))?.status, "running");
    const kill = await fetch(`${stack().adminUrl}/invocations/${await runInvocationId(stack(), "to-kill")}/kill`, {
      method: "PATCH",
    });
    assert.ok(kill.ok, `kill answered ${kill.status}`);
    await waitUntil("Restate to show the kill", async () => {
      const [row] = await stack().sql<{ status: string }>(
        `SELECT status FROM sys_invocation WHERE target_service_key = 'to-kill' AND target_handler_name = 'run'`,
      );
      return !row || row.status === "completed";
    });

    assert.equal((await stack().runIndex().markKilled("to-kill"))?.status, "killed");
    assert.equal((await stack().runIndex().get("live"))?.status, "running");
    const killed = await stack().runIndex().list({ offset: 0, limit: 10, status: "killed" });
    assert.deepEqual(
      killed.entries.map((e) => e.id),
      ["to-kill"],
    );
    assert.ok(killed.entries[0].finishedAt);
    assert.deepEqual(
      (await stack().runIndex().list({ offset: 0, limit: 10, status: "active" })).entries.map((e) => e.id),
      ["live"],
    );
  });
});
