import "server-only";
import * as clients from "@restatedev/restate-sdk-clients";
import { RUN_INDEX_KEY, RUN_INDEX_OBJECT, RUN_WORKFLOW } from "@/lib/names";
import type { RunIndex } from "@/restate/run-index";
import type { RunWorkflow } from "@/restate/run-workflow";

/**
 * The dashboard's only way to Restate: typed ingress clients for the run
 * workflow and the runs index. Types come from the services themselves
 * (`typeof`), so a call is checked against the handler it reaches.
 */
export function restateIngressUrl(): string {
  return process.env.RESTATE_INGRESS_URL ?? `http://127.0.0.1:${process.env.RESTATE_INGRESS_PORT ?? 8080}`;
}

let ingress: clients.Ingress | null = null;
let ingressFor = "";

function connection(): clients.Ingress {
  const url = restateIngressUrl();
  if (!ingress || ingressFor !== url) {
    // No client-side retries: a route should answer 503 at once when Restate is
    // down, and the dashboard's poll is the retry.
    ingress = clients.connect({ url, retry: false });
    ingressFor = url;
  }
  return ingress;
}

export function runClient(id: string) {
  return connection().workflowClient<RunWorkflow>({ name: RUN_WORKFLOW }, id);
}

export function runIndexClient() {
  return connection().objectClient<RunIndex>({ name: RUN_INDEX_OBJECT }, RUN_INDEX_KEY);
}
