import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RunSummary } from "@/lib/answers";
// The same failover client the API routes use (run with --conditions=react-server for its "server-only" import).
import { restateIngressUrl, runClient } from "@/lib/server/restate";
import { restatectl } from "@/scripts/cluster/restatectl";
import { sleep, startTestCluster, type TestCluster } from "./cluster-stack";
import { waitUntil } from "../support/wait";
import { RUN_WORKFLOW, SUBTASK_SERVICE } from "@/lib/names";

/**
 * A 3-node cluster (replication 2) loses one node mid-run: first the node
 * leading the run's partition, then one that leads nothing of it. The run must
 * finish with every subtask exactly once, the dashboard's API and our failover
 * client must never fail for longer than MAX_OUTAGE_MS, and the node must
 * rejoin when it comes back.
 */
const SUBTASKS = 300;
const MAX_OUTAGE_MS = 5000;
const chores = Array.from({ length: SUBTASKS }, (_, i) => `job ${i}`);

interface PollLog {
  ok: number;
  errors: string[];
  /** The longest time between two answers (slow or failed polls included), as a person watching the run page would see it. */
  longestOutageMs: number;
  lastDone: number;
  doneWentBack: boolean;
}

/** Polls a run's summary every 250 ms, as the run page does, until stopped. */
function poll(what: string, get: () => Promise<RunSummary | null>) {
  const log: PollLog = { ok: 0, errors: [], longestOutageMs: 0, lastDone: 0, doneWentBack: false };
  let running = true;
  const done = (async () => {
    let lastOk = Date.now();
    while (running) {
      try {
        const summary = await get();
        if (!summary) throw new Error("no summary");
        if (summary.done < log.lastDone) log.doneWentBack = true;
        log.lastDone = summary.done;
        log.ok++;
        log.longestOutageMs = Math.max(log.longestOutageMs, Date.now() - lastOk);
        lastOk = Date.now();
      } catch (error) {
        log.errors.push(`${new Date().toISOString()} ${what}: ${(error as Error).message.slice(0, 200)}`);
        log.longestOutageMs = Math.max(log.longestOutageMs, Date.now() - lastOk);
      }
      await sleep(250);
    }
  })();
  return {
    log,
    async stop() {
      running = false;
      await done;
      return log;
    },
  };
}

describe("a 3-node Restate cluster loses a node mid-run", { timeout: 600_000 }, () => {
  let cluster: TestCluster;

  before(async () => {
    cluster = await startTestCluster({ web: "dev" });
    process.env.RESTATE_INGRESS_URLS = cluster.ingressUrls.join(",");
    process.env.RESTATE_ADMIN_URLS = cluster.adminUrls.join(",");
    // Compile the routes the test polls before any clock starts.
    await fetch(`${cluster.webUrl}/api/runs/warm-up`);
    await fetch(`${cluster.webUrl}/api/runs?limit=1`);
  });
  after(async () => {
    await cluster?.stop();
  });

  const api = (id: string) => async () => {
    const response = await fetch(`${cluster.webUrl}/api/runs/${id}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    return (await response.json()) as RunSummary;
  };

  async function submit(id: string) {
    const response = await fetch(`${cluster.webUrl}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id, kind: "chores", concurrency: 50, description: chores.join(",") }),
    });
    assert.equal(response.status, 201, await response.text());
  }

  const waitForDone = (id: string, atLeast: number): Promise<RunSummary> =>
    waitUntil(
      `run ${id} to reach ${atLeast} done`,
      async () => {
        const summary = await runClient(id).summary();
        return summary && summary.done >= atLeast ? summary : null;
      },
      60_000,
    );

  /** Waits for the run to finish; if it stalls, fails with what the cluster says about itself. */
  async function waitForFinish(id: string, timeoutMs = 150_000) {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      const summary = await Promise.resolve(runClient(id).summary()).catch((e: Error) => e);
      last = summary instanceof Error ? summary.message : `${summary?.status} ${summary?.done}/${summary?.total}`;
      if (!(summary instanceof Error) && summary?.finishedAt) return;
      await sleep(500);
    }
    const stuck = await cluster
      .sql<{ id: string; target: string; status: string; last_failure: string | null }>(
        "SELECT id, target, status, last_failure FROM sys_invocation WHERE status NOT IN ('completed', 'suspended') LIMIT 5",
      )
      .then((rows) => rows.map((r) => `${r.id} ${r.target} ${r.status}: ${r.last_failure ?? ""}`).join("\n"))
      .catch((e: Error) => e.message);
    const status = await restatectl(cluster.nodeAddresses, ["status", "--extra"]).catch((e: Error) => e.message);
    assert.fail(
      `run ${id} did not finish in ${timeoutMs} ms (last: ${last})\nInvocations not done:\n${stuck}\n${status}`,
    );
  }

  /** Every subtask ran exactly once and the records agree with the aggregate. */
  async function assertCompleteExactlyOnce(id: string) {
    await waitForFinish(id);
    const aggregate = await runClient(id).workflowAttach();
    assert.deepEqual(aggregate, { description: chores.map((c) => `${c}: DONE`).join(",") });

    const summary = await runClient(id).summary();
    assert.equal(summary?.status, "succeeded");
    assert.equal(summary?.counts.succeeded, SUBTASKS);
    assert.equal(summary?.done, SUBTASKS);

    const changes = await runClient(id).subtasks({ since: 0 });
    assert.equal(changes?.subtasks.length, SUBTASKS);
    changes!.subtasks.forEach((s, i) => {
      assert.equal(s.index, i);
      assert.equal(s.status, "succeeded");
    });

    const [run] = await cluster.sql<{ id: string }>(
      `SELECT id FROM sys_invocation WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = '${id}' AND target_handler_name = 'run'`,
    );
    const [counted] = await cluster.sql<{ n: number; distinct_ids: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS distinct_ids FROM sys_invocation WHERE target_service_name = '${SUBTASK_SERVICE}' AND invoked_by_id = '${run.id}'`,
    );
    assert.equal(Number(counted.n), SUBTASKS, "one subtask invocation per subtask, none doubled");
    assert.equal(Number(counted.distinct_ids), SUBTASKS);
  }

  async function assertRejoins(name: string, runId: string) {
    const started = Date.now();
    await cluster.restart(name);
    for (;;) {
      const member = (await cluster.members().catch(() => [])).find((m) => m.name === name);
      if (member?.state === "alive" && member.workerState === "active") break;
      assert.ok(
        Date.now() - started < 60_000,
        `${name} did not rejoin within 60 s (last seen: ${JSON.stringify(member)})`,
      );
      await sleep(500);
    }
    // Its own ingress serves the cluster's data again.
    const node = cluster.nodes.get(name)!;
    const response = await fetch(`${node.ingressUrl}/${RUN_WORKFLOW}/${runId}/summary`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "null",
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.equal((JSON.parse(body) as RunSummary).status, "succeeded");
    console.log(`# ${name} rejoined in ${Date.now() - started} ms`);
  }

  function assertNeverDown(logs: PollLog[]) {
    for (const log of logs) {
      assert.ok(log.ok > 10, "the poller saw the run");
      assert.ok(
        log.longestOutageMs < MAX_OUTAGE_MS,
        `no answer for ${log.longestOutageMs} ms:\n${log.errors.join("\n")}`,
      );
      assert.equal(log.doneWentBack, false, "progress never went backwards");
    }
  }

  async function loseNodeMidRun(id: string, pickVictim: (leader: string) => string) {
    const t0 = Date.now();
    await submit(id);
    const pollers = [poll("dashboard API", api(id)), poll("failover client", async () => runClient(id).summary())];
    let leader: string, victim: string, killedAt: number;
    try {
      const before = await waitForDone(id, 30);
      assert.ok(before.done < SUBTASKS / 2, "the node dies mid-run");
      leader = await cluster.leaderOfRun(id);
      victim = pickVictim(leader);
      await cluster.kill(victim);
      killedAt = Date.now();
      console.log(`# ${id}: partition leader ${leader}; SIGKILLed ${victim} at ${before.done}/${SUBTASKS} done`);
      await assertCompleteExactlyOnce(id);
    } finally {
      await Promise.all(pollers.map((p) => p.stop()));
    }
    const newLeader = await cluster.leaderOfRun(id);
    assert.notEqual(newLeader, victim, "a live node leads the run's partition");
    const logs = pollers.map((p) => p.log);
    console.log(
      `# ${id}: finished ${Date.now() - killedAt} ms after the kill (run took ${Date.now() - t0} ms); leader now ${newLeader}; ` +
        logs
          .map(
            (l, i) =>
              `${i ? "client" : "API"}: ${l.ok} answers, ${l.errors.length} errors, longest gap ${l.longestOutageMs} ms`,
          )
          .join("; "),
    );
    for (const error of logs.flatMap((l) => l.errors)) console.log(`#   ${error.split("\n")[0]}`);
    assertNeverDown(logs);
    return { leader, victim };
  }

  it("the node leading the run's partition", async () => {
    const { leader, victim } = await loseNodeMidRun("lose-leader", (leader) => leader);
    assert.equal(victim, leader);
    await assertRejoins(victim, "lose-leader");
  });

  it("a node that does not lead the run's partition", async () => {
    // Prefer the node our failover client talks to now, so the kill also moves the client.
    const current = cluster.env.nodes.find((n) => restateIngressUrl().endsWith(`:${n.ingressPort}`))?.name;
    const { leader, victim } = await loseNodeMidRun("lose-follower", (leader) =>
      current && current !== leader ? current : cluster.env.nodes.map((n) => n.name).find((n) => n !== leader)!,
    );
    assert.notEqual(victim, leader);
    await assertRejoins(victim, "lose-follower");
  });
});
