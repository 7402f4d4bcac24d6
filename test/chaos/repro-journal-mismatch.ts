// `node --import tsx test/chaos/repro-journal-mismatch.ts`: the journal
// mismatch `npm run chaos` found, on its own. A 1,000-subtask noop run
// (concurrency 100, every 9th subtask fails once, some take a few ms) has its
// services SIGKILLed a moment after it starts; on replay the workflow takes
// another path than its journal recorded (a status write where a dispatch was,
// or a bucket with other subtasks finished) and Restate retries it forever.
// Prints, per round, "completed" or the mismatch. Not part of `npm test`.
import { runInput, sleep, startTestStack } from "@/test/support/test-stack";
import { RUN_WORKFLOW } from "@/lib/names";
const s = await startTestStack();
try {
  for (let round = 0; round < 3; round++) {
    const id = `repro-${round}`;
    const items = Array.from({ length: 1000 }, (_, i) =>
      i % 9 === 0 ? `t${i} [fail 1]` : i % 5 === 0 ? `t${i} [take ${i % 60}ms]` : `t${i}`,
    );
    await s.run(id).workflowSubmit(
      runInput({
        kind: "noop",
        description: items.join(","),
        concurrency: 100,
        retry: { maxAttempts: 3, initialIntervalMs: 500 },
      }),
    );
    for (;;) {
      const x = await s.run(id).summary();
      if (x && x.done >= 30 + round * 60) break;
      await sleep(50);
    }
    await s.crash("services");
    await sleep(1500);
    await s.restart("services");
    const deadline = Date.now() + 120_000;
    let status = "";
    while (Date.now() < deadline) {
      const rows = await s.sql<{ status: string; last_failure: string | null }>(
        `SELECT status, last_failure FROM sys_invocation WHERE target = '${RUN_WORKFLOW}/${id}/run'`,
      );
      status = rows[0]?.status;
      if (status === "completed") break;
      if (rows[0]?.last_failure?.includes("Journal mismatch")) {
        console.log(id, "JOURNAL MISMATCH:", rows[0].last_failure.split("\n").slice(-2).join(" "));
        break;
      }
      await sleep(500);
    }
    console.log(id, status);
  }
} finally {
  await s.stop();
}
