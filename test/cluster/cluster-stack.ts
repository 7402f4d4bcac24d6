import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClusterEnv } from "@/scripts/cluster/env";
import { startCluster, type Cluster } from "@/scripts/cluster/cluster";
import { freePort } from "@/scripts/stack/ports";
import { RUN_WORKFLOW } from "@/lib/names";

export interface TestCluster extends Cluster {
  /** Admin SQL over Restate's introspection tables, on the first live node. */
  sql<T = Record<string, unknown>>(query: string): Promise<T[]>;
  /** The node leading the partition that holds this run, from the cluster's own tables. */
  leaderOfRun(id: string): Promise<string>;
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** A real 3-node Restate cluster (replication 2), the services and the dashboard, on free loopback ports in a temp dir. */
export async function startTestCluster(options: { web?: "dev" | false } = {}): Promise<TestCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fanline-cluster-"));
  const ports = await distinctFreePorts(3 * 3 + 2);
  const env: ClusterEnv = {
    clusterName: `fanline-test-${process.pid}`,
    host: "127.0.0.1",
    replication: 2,
    signRequests: true,
    dir,
    webPort: ports[9],
    servicePort: ports[10],
    nodes: [0, 1, 2].map((i) => ({
      name: `n${i + 1}`,
      ingressPort: ports[i * 3],
      adminPort: ports[i * 3 + 1],
      nodePort: ports[i * 3 + 2],
      dataDir: path.join(dir, `n${i + 1}`),
    })),
  };
  let cluster: Cluster;
  try {
    cluster = await startCluster(env, { web: options.web ?? false, quiet: !process.env.FANLINE_TEST_VERBOSE });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const sql = async <T>(query: string): Promise<T[]> => {
    let last: unknown;
    for (const admin of cluster.adminUrls) {
      try {
        const response = await fetch(`${admin}/query`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(10_000),
        });
        if (!response.ok) throw new Error(`SQL failed on ${admin}: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { rows: T[] }).rows;
      } catch (error) {
        last = error;
      }
    }
    throw last;
  };

  return {
    ...cluster,
    sql,
    async leaderOfRun(id) {
      const rows = await sql<{ pk: string }>(
        `SELECT CAST(partition_key AS VARCHAR) AS pk FROM sys_invocation_status WHERE target_service_name = '${RUN_WORKFLOW}' AND target_service_key = '${id}' AND target_handler_name = 'run'`,
      );
      if (rows.length !== 1) throw new Error(`expected one run invocation for ${id}, found ${rows.length}`);
      const key = BigInt(rows[0].pk);
      const partition = (await cluster.partitionLeaders()).find((p) => p.startKey <= key && key <= p.endKey);
      if (!partition?.leader) throw new Error(`no leader known for the partition of ${id} (key ${key})`);
      return partition.leader;
    },
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
