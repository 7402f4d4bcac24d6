import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";
import type { RunSummary } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { runInput, sleep, useTestStack } from "../support/test-stack";

describe("a 50-subtask run against a real Restate server", () => {
  const stack = useTestStack();

  it("runs every subtask once, bounded by concurrency, with statuses visible while it runs", async () => {
    const chores = Array.from({ length: 50 }, (_, i) => `chore ${i}`);
    const concurrency = 10;
    const run = stack().run("fifty");
    const submission = await run.workflowSubmit(
      runInput({ kind: "chores", concurrency, description: chores.join(",") }),
    );
    assert.equal(submission.status, "Accepted");

    // Poll the shared query handlers while the run is in flight.
    const seen: RunSummary[] = [];
    const runningRecords: SubtaskRecord[] = [];
    let summary: RunSummary | null = null;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      summary = await run.summary();
      if (summary) {
        seen.push(summary);
        if (summary.status === "running") {
          const changes = await run.subtasks({ since: 0 });
          runningRecords.push(...(changes?.subtasks.filter((s) => s.status === "running") ?? []));
        }
        if (summary.status === "succeeded" || summary.status === "failed") break;
      }
      await sleep(200);
    }
    assert.ok(summary, "the summary query answered");
    assert.equal(summary.status, "succeeded");

    const midRun = seen.filter((s) => s.status === "running" && s.done > 0 && s.done < s.total);
    assert.ok(midRun.length > 0, "progress was visible before the run finished");
    // Restate's own record of the subtask invocations, not the workflow's counts: at most
    // `concurrency` existed at once (from creation to completion), and they did run side by side.
    const intervals = await stack().sql<{ created_at: string; completed_at: string }>(
      `SELECT created_at, completed_at FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}' AND invoked_by_target LIKE '${RUN_WORKFLOW}/fifty/%'`,
    );
    assert.equal(intervals.length, 50, "one subtask invocation per subtask");
    const events = intervals.flatMap((i) => [
      { at: Date.parse(i.created_at), step: 1 },
      { at: Date.parse(i.completed_at), step: -1 },
    ]);
    // An end and a start at the same millisecond: the slot was freed first.
    events.sort((a, b) => a.at - b.at || a.step - b.step);
    let inFlight = 0;
    let most = 0;
    for (const e of events) most = Math.max(most, (inFlight += e.step));
    assert.ok(most <= concurrency, `at most ${concurrency} subtask invocations at once in Restate (saw ${most})`);
    assert.ok(most >= concurrency / 2, `subtasks ran side by side (at most ${most} at once)`);
    assert.ok(
      seen.some((s) => s.counts.pending > 0 && s.counts.running > 0),
      "pending subtasks waited for a free slot",
    );
    assert.ok(runningRecords.length > 0, "running subtasks were listed while in flight");
    assert.ok(
      runningRecords.every((r) => r.dispatchedAt && r.finishedAt === undefined),
      "running subtasks have a dispatch time and no end",
    );

    assert.deepEqual(summary.counts, { pending: 0, running: 0, retrying: 0, succeeded: 50, failed: 0, cancelled: 0 });
    assert.equal(summary.done, 50);
    assert.ok(summary.finishedAt && summary.finishedAt >= summary.createdAt);

    const all = await run.subtasks({ since: 0 });
    assert.ok(all);
    assert.equal(all.subtasks.length, 50);
    all.subtasks.forEach((s, i) => {
      assert.equal(s.index, i);
      assert.equal(s.description, chores[i]);
      assert.equal(s.status, "succeeded");
      assert.ok(
        s.dispatchedAt! <= s.startedAt! + 5 && s.startedAt! <= s.finishedAt!,
        `subtask ${i} started after its dispatch and finished after it started`,
      );
    });

    // The aggregate lists every chore exactly once, in input order, and is also the workflow's output.
    const expected = { description: chores.map((c) => `${c}: DONE`).join(",") };
    assert.deepEqual(summary.aggregate, expected);
    assert.deepEqual(await run.workflowAttach(), expected);

    // Nothing changed since the last version: an empty delta.
    const idle = await run.subtasks({ since: all.version });
    assert.deepEqual(idle?.subtasks, []);

    // Exactly one subtask invocation per chore.
    const rows = await stack().sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}'`,
    );
    assert.equal(Number(rows[0].n), 50);
  });
});
