import path from "node:path";
import { readStackEnv, type StackEnv } from "../stack/env";

/** One Restate node of the local cluster: its name, ports and data. */
export interface ClusterNode {
  name: string;
  ingressPort: number;
  adminPort: number;
  nodePort: number;
  dataDir: string;
}

export interface ClusterEnv {
  clusterName: string;
  host: string;
  nodes: ClusterNode[];
  /** Copies of each log and partition; 2 of 3 nodes survives losing one. */
  replication: number;
  webPort: number;
  servicePort: number;
  /** FANLINE_SIGN_REQUESTS=true: every node signs its requests to the services, which refuse unsigned ones. */
  signRequests: boolean;
  /** Where the cluster keeps what is not one node's (the signing keys). */
  dir: string;
}

export const CLUSTER_VARIABLES = {
  nodes: "FANLINE_CLUSTER_NODES",
  replication: "FANLINE_CLUSTER_REPLICATION",
  dir: "FANLINE_CLUSTER_DIR",
} as const;

function positive(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} is not a positive whole number.`);
  return value;
}

/**
 * The cluster's layout from the environment: node i (from 0) uses the
 * single-node ports plus i (ingress 8080, 8081, 8082; admin 9070, ...; node
 * 5122, ...) and keeps its data in `.restate/cluster/n<i+1>`.
 */
export function readClusterEnv(env = process.env): ClusterEnv {
  const stack: StackEnv = readStackEnv(env);
  const count = positive(CLUSTER_VARIABLES.nodes, 3, env);
  const replication = positive(CLUSTER_VARIABLES.replication, Math.min(2, count), env);
  if (replication > count)
    throw new Error(
      `${CLUSTER_VARIABLES.replication}=${replication} needs at least that many nodes (${CLUSTER_VARIABLES.nodes}=${count}).`,
    );
  const dir = path.resolve(env[CLUSTER_VARIABLES.dir] ?? path.join(stack.dataDir, "cluster"));
  return {
    clusterName: "fanline",
    host: stack.host,
    replication,
    webPort: stack.webPort,
    servicePort: stack.servicePort,
    signRequests: stack.signRequests,
    dir,
    nodes: Array.from({ length: count }, (_, i) => ({
      name: `n${i + 1}`,
      ingressPort: stack.ingressPort + i,
      adminPort: stack.adminPort + i,
      nodePort: stack.nodePort + i,
      dataDir: path.join(dir, `n${i + 1}`),
    })),
  };
}

export const ingressUrlOf = (env: ClusterEnv, node: ClusterNode) => `http://${env.host}:${node.ingressPort}`;
export const adminUrlOf = (env: ClusterEnv, node: ClusterNode) => `http://${env.host}:${node.adminPort}`;
/** The node-to-node address: what nodes advertise to each other and what restatectl talks to. */
export const nodeAddressOf = (env: ClusterEnv, node: ClusterNode) => `http://${env.host}:${node.nodePort}/`;
