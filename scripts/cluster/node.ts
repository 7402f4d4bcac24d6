import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { httpOk, startProcess, waitFor, type Managed } from "../stack/process";
import { restateServerBinary } from "../stack/restate-server";
import { adminUrlOf, ingressUrlOf, nodeAddressOf, type ClusterEnv, type ClusterNode } from "./env";

export interface RunningNode extends Managed {
  node: ClusterNode;
  ingressUrl: string;
  adminUrl: string;
}

/**
 * One node's config. Every node runs every role and lists every node as a
 * metadata server; only the first may provision the cluster, the others wait
 * to join it. Replication applies to the logs and the partitions alike.
 */
export function writeNodeConfig(env: ClusterEnv, node: ClusterNode, identityPrivateKeyFile?: string): string {
  mkdirSync(node.dataDir, { recursive: true });
  const file = path.join(node.dataDir, "fanline-node.toml");
  const first = env.nodes[0].name === node.name;
  writeFileSync(
    file,
    [
      `# Written by Fanline's scripts/cluster on every start; edit the environment, not this file.`,
      `cluster-name = ${JSON.stringify(env.clusterName)}`,
      `node-name = ${JSON.stringify(node.name)}`,
      `base-dir = ${JSON.stringify(node.dataDir)}`,
      `roles = ["metadata-server", "admin", "worker", "log-server", "http-ingress"]`,
      `bind-ip = ${JSON.stringify(env.host)}`,
      `bind-port = ${node.nodePort}`,
      `advertised-address = ${JSON.stringify(nodeAddressOf(env, node))}`,
      `auto-provision = ${first}`,
      `default-replication = ${env.replication}`,
      `default-num-partitions = 4`,
      `rocksdb-total-memory-size = "256 MiB"`,
      `[metadata-client]`,
      `addresses = [${env.nodes.map((n) => JSON.stringify(nodeAddressOf(env, n))).join(", ")}]`,
      `[bifrost]`,
      `default-provider = "replicated"`,
      `[ingress]`,
      `bind-port = ${node.ingressPort}`,
      `[admin]`,
      `bind-port = ${node.adminPort}`,
      `[admin.query-engine]`,
      `memory-size = "256 MiB"`,
      ...(identityPrivateKeyFile
        ? [`[worker.invoker]`, `request-identity-private-key-pem-file = ${JSON.stringify(identityPrivateKeyFile)}`]
        : []),
      ``,
    ].join("\n"),
  );
  return file;
}

/** Starts one node; it answers health only once it has joined a provisioned cluster. */
export function launchNode(
  env: ClusterEnv,
  node: ClusterNode,
  options: { quiet?: boolean; identityPrivateKeyFile?: string } = {},
): RunningNode {
  const config = writeNodeConfig(env, node, options.identityPrivateKeyFile);
  const managed = startProcess(
    node.name,
    restateServerBinary(),
    ["--config-file", config, "--listen-mode", "tcp", "--no-logo"],
    {
      quiet: options.quiet,
      env: { ...process.env, RESTATE_LOG_FORMAT: "compact" },
    },
  );
  return { ...managed, node, ingressUrl: ingressUrlOf(env, node), adminUrl: adminUrlOf(env, node) };
}

export async function waitForNode(running: RunningNode, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    `Restate node ${running.node.name}`,
    async () => (await httpOk(`${running.adminUrl}/health`)) && (await httpOk(`${running.ingressUrl}/restate/health`)),
    timeoutMs,
    running,
  );
}
