// `npm run cluster`: a 3-node Restate cluster on loopback, the services, their
// registration and the dashboard pointed at every node. Ctrl-C stops it all;
// if any part dies the rest are stopped too, except a node: the cluster is
// meant to survive losing one.
import { PortTakenError } from "../stack/ports";
import { startCluster, type Cluster } from "./cluster";
import { CLUSTER_VARIABLES, readClusterEnv } from "./env";

async function main() {
  const env = readClusterEnv();
  // Each node runs in its own process group, so Ctrl-C reaches only this
  // script: it must stop them itself, also when it comes while they start.
  let stopping = false;
  let cluster: Cluster | null = null;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (!cluster) console.error("Stopping as soon as the parts already starting are up...");
    await starting.catch(() => undefined);
    await cluster?.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

  const starting = startCluster(env, { web: process.argv.includes("--prod") ? "start" : "dev" });
  cluster = await starting;
  if (stopping) return;
  const rows = env.nodes.map(
    (n, i) =>
      `  ${n.name}  ingress ${cluster!.ingressUrls[i]}  admin ${cluster!.adminUrls[i]}  node ${cluster!.nodeAddresses[i]}  data ${n.dataDir}`,
  );
  console.log(
    [
      ``,
      `Fanline is running on a ${env.nodes.length}-node Restate cluster (replication ${env.replication}):`,
      ...rows,
      `  services   ${cluster.serviceUrl}`,
      `  dashboard  ${cluster.webUrl}`,
      `Status: npm run cluster:status. Nodes: ${CLUSTER_VARIABLES.nodes}. Ctrl-C stops everything.`,
      ``,
    ].join("\n"),
  );

  for (const part of cluster.parts) {
    part.exited.then((code) => {
      if (stopping) return;
      console.error(`${part.name} exited (code ${code}); stopping the rest.`);
      void shutdown(1);
    });
  }
  for (const node of cluster.nodes.values()) {
    node.exited.then((code) => {
      if (!stopping)
        console.error(`Restate node ${node.node.name} exited (code ${code}); the cluster carries on without it.`);
    });
  }
}

main().catch((error) => {
  console.error(
    error instanceof PortTakenError ? error.message : `Fanline's cluster failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
});
