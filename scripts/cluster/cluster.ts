import path from "node:path";
import { ensureIdentityKeys } from "../stack/identity";
import { assertPortsFree } from "../stack/ports";
import type { Managed } from "../stack/process";
import { startApp } from "../stack/app";
import { nodeAddressOf, type ClusterEnv } from "./env";
import { launchNode, waitForNode, type RunningNode } from "./node";
import { members, partitionLeaders, type Member, type PartitionLeader } from "./restatectl";

export interface Cluster {
  env: ClusterEnv;
  ingressUrls: string[];
  adminUrls: string[];
  /** Node-to-node addresses, for restatectl. */
  nodeAddresses: string[];
  serviceUrl: string;
  webUrl: string | null;
  /** The nodes now running, by name. */
  nodes: Map<string, RunningNode>;
  /** The services endpoint and the dashboard. */
  parts: Managed[];
  /** SIGKILLs one node, as a crash would. */
  kill(name: string): Promise<void>;
  /** Starts a stopped node again on its ports and data; resolves when it serves. */
  restart(name: string): Promise<void>;
  members(): Promise<Member[]>;
  partitionLeaders(): Promise<PartitionLeader[]>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  web?: "dev" | "start" | false;
  quiet?: boolean;
}

/**
 * Starts the cluster's nodes (all at once: the first provisions, the others
 * join), the services endpoint, its registration, and the dashboard with
 * every node's ingress and admin URL. Stopping stops them in reverse order.
 */
export async function startCluster(env: ClusterEnv, options: ClusterOptions = {}): Promise<Cluster> {
  const wanted = env.nodes.flatMap((n) => [
    { port: n.ingressPort, variable: "RESTATE_INGRESS_PORT" },
    { port: n.adminPort, variable: "RESTATE_ADMIN_PORT" },
    { port: n.nodePort, variable: "RESTATE_NODE_PORT" },
  ]);
  wanted.push({ port: env.servicePort, variable: "SERVICE_PORT" });
  if (options.web) wanted.push({ port: env.webPort, variable: "PORT" });
  await assertPortsFree(wanted, env.host);

  const nodes = new Map<string, RunningNode>();
  const parts: Managed[] = [];
  const ingressUrls = env.nodes.map((n) => `http://${env.host}:${n.ingressPort}`);
  const adminUrls = env.nodes.map((n) => `http://${env.host}:${n.adminPort}`);
  const nodeAddresses = env.nodes.map((n) => nodeAddressOf(env, n));
  const serviceUrl = `http://${env.host}:${env.servicePort}`;
  // One key pair for the whole cluster: any node may call the services.
  const identity = env.signRequests ? ensureIdentityKeys(path.join(env.dir, "identity")) : null;

  const stop = async () => {
    for (const part of parts.slice().reverse()) await part.stop();
    await Promise.all([...nodes.values()].map((n) => n.stop()));
    nodes.clear();
  };
  const start = async (name: string) => {
    const node = env.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`No node named ${name}`);
    const running = launchNode(env, node, { quiet: options.quiet, identityPrivateKeyFile: identity?.privateKeyFile });
    nodes.set(name, running);
    await waitForNode(running);
  };

  try {
    await Promise.all(env.nodes.map((n) => start(n.name)));
    const { webUrl } = await startApp(
      {
        host: env.host,
        servicePort: env.servicePort,
        identityKey: identity?.publicKey,
        adminUrls,
        ingressUrls,
        web: options.web ?? false,
        webPort: env.webPort,
        quiet: options.quiet,
      },
      parts,
    );
    return {
      env,
      ingressUrls,
      adminUrls,
      nodeAddresses,
      serviceUrl,
      webUrl,
      nodes,
      parts,
      async kill(name) {
        const running = nodes.get(name);
        if (!running) throw new Error(`Node ${name} is not running`);
        await running.stop("SIGKILL");
        nodes.delete(name);
      },
      restart: start,
      members: () => members(nodeAddresses),
      partitionLeaders: () => partitionLeaders(nodeAddresses),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
