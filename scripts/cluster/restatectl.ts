import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import { promisify } from "node:util";

/** `restatectl` ships inside @restatedev/restatectl's platform package, like the server. */
export function restatectlBinary(): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@restatedev/restatectl-${os.platform()}-${os.arch()}/bin/restatectl`);
}

/**
 * The addresses that accept a connection now. restatectl gives up when an
 * address it was given refuses, so a dead node must be left out.
 */
export async function liveAddresses(addresses: string[], timeoutMs = 1000): Promise<string[]> {
  const up = await Promise.all(
    addresses.map(
      (address) =>
        new Promise<boolean>((resolve) => {
          const { hostname, port } = new URL(address);
          const socket = net.connect({ host: hostname, port: Number(port) });
          const done = (ok: boolean) => (socket.destroy(), resolve(ok));
          socket.setTimeout(timeoutMs, () => done(false));
          socket.once("connect", () => done(true));
          socket.once("error", () => done(false));
        }),
    ),
  );
  return addresses.filter((_, i) => up[i]);
}

/** Runs restatectl against the live ones of the given node-to-node addresses, one after another until one answers. */
export async function restatectl(addresses: string[], args: string[], timeoutMs = 15_000): Promise<string> {
  const live = await liveAddresses(addresses);
  let lastError: unknown = new Error(`No Restate node accepts connections at ${addresses.join(", ")}`);
  for (const address of live) {
    try {
      const { stdout } = await promisify(execFile)(restatectlBinary(), args, {
        env: { ...process.env, RESTATECTL_ADDRESS: address },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Cluster-state SQL (nodes, partitions, partition_state, logs) as rows. */
export async function clusterSql<T = Record<string, unknown>>(addresses: string[], query: string): Promise<T[]> {
  const out = await restatectl(addresses, ["sql", "--json", query]);
  // restatectl prints the row count and timing inside the JSON array's closing line.
  const json = out.replace(/\d+ rows?\. Query took [^\n\]]*/g, "");
  return JSON.parse(json.slice(json.indexOf("["))) as T[];
}

export interface PartitionLeader {
  partitionId: number;
  startKey: bigint;
  endKey: bigint;
  /** The node's name (n1, n2, ...), null while no leader is known. */
  leader: string | null;
}

/** Each partition's key range and the node leading it, as the cluster controller sees it. */
export async function partitionLeaders(addresses: string[]): Promise<PartitionLeader[]> {
  const rows = await clusterSql<{ partition_id: number; start_key: string; end_key: string; leader: string | null }>(
    addresses,
    "SELECT p.partition_id, CAST(p.start_key AS VARCHAR) AS start_key, CAST(p.end_key AS VARCHAR) AS end_key, n.name AS leader " +
      "FROM partitions p LEFT JOIN nodes n ON p.leader_plain_node_id = n.plain_node_id ORDER BY p.partition_id",
  );
  return rows.map((r) => ({
    partitionId: r.partition_id,
    startKey: BigInt(r.start_key),
    endKey: BigInt(r.end_key),
    leader: r.leader ?? null,
  }));
}

export interface Member {
  name: string;
  state: string;
  workerState: string;
}

export async function members(addresses: string[]): Promise<Member[]> {
  const rows = await clusterSql<{ name: string; state: string; worker_state: string }>(
    addresses,
    "SELECT name, state, worker_state FROM nodes ORDER BY name",
  );
  return rows.map((r) => ({ name: r.name, state: r.state, workerState: r.worker_state }));
}
