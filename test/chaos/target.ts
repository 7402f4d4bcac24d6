import { startTestCluster } from "../cluster/cluster-stack";
import { startTestStack } from "../support/test-stack";
import type { Sql } from "./restate-view";

/** What the soak drives and breaks: one Restate server with its parts, or a 3-node cluster. */
export interface ChaosTarget {
  webUrl: string;
  /** Every node's ingress; the guide's call moves to the next when one is down. */
  ingressUrls: string[];
  sql: Sql;
  /** What may be SIGKILLed. */
  parts: string[];
  crash(part: string): Promise<void>;
  restart(part: string): Promise<void>;
  stop(): Promise<void>;
}

/** The single-node stack: the services, the Restate server or the dashboard is killed. */
export async function singleNode(): Promise<ChaosTarget> {
  const stack = await startTestStack({ web: "dev" });
  return {
    webUrl: stack.webUrl!,
    ingressUrls: [stack.ingressUrl],
    sql: stack.sql,
    parts: ["services", "restate", "web"],
    crash: (part) => stack.crash(part as "services"),
    restart: async (part) => void (await stack.restart(part as "services")),
    stop: () => stack.stop(),
  };
}

/** A 3-node cluster (replication 2): one node at a time is killed, the cluster carries on. */
export async function cluster(): Promise<ChaosTarget> {
  const c = await startTestCluster({ web: "dev" });
  return {
    webUrl: c.webUrl!,
    ingressUrls: c.ingressUrls,
    sql: c.sql,
    parts: c.env.nodes.map((n) => n.name),
    crash: (node) => c.kill(node),
    restart: (node) => c.restart(node),
    stop: () => c.stop(),
  };
}
