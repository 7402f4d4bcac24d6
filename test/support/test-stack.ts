import { mkdtempSync, rmSync } from "node:fs";
import { after, before } from "node:test";
import os from "node:os";
import path from "node:path";
import * as clients from "@restatedev/restate-sdk-clients";
import { RETRY_REPORTS_OBJECT, RUN_WORKFLOW } from "@/lib/names";
import { runsListClient, type RunsListClient } from "@/lib/run-list-client";
import { parseSubmission, type RunInput } from "@/lib/run-input";
import type { RetryReports } from "@/restate/retry-reports";
import type { RunWorkflow } from "@/restate/run-workflow";
import type { StackEnv } from "@/scripts/stack/env";
import { freePort } from "@/scripts/stack/ports";
import type { Managed } from "@/scripts/stack/process";
import { startStack, type PartName, type Stack } from "@/scripts/stack/stack";

export interface TestStack extends Stack {
  ingress: clients.Ingress;
  run(id: string): clients.IngressWorkflowClient<clients.Workflow<RunWorkflow>>;
  /** The runs list as the API reads it. */
  runIndex(): RunsListClient;
  retryReports(id: string): clients.IngressClient<clients.VirtualObject<RetryReports>>;
  /** Admin SQL over Restate's introspection tables. */
  sql<T = Record<string, unknown>>(query: string): Promise<T[]>;
  /** SIGKILLs one part (no chance to clean up), as a crash would. */
  crash(part: PartName): Promise<void>;
  /** Starts a crashed part again on the same ports (and, for Restate, the same data). */
  restart(part: PartName): Promise<Managed>;
}

/** A real Restate server, the real services and (optionally) the dashboard, on free loopback ports. */
export interface TestStackOptions {
  web?: "dev" | "start" | false;
  signRequests?: boolean;
  /** Extra environment for the dashboard (NEXT_DIST_DIR, FANLINE_API_TOKEN...). */
  webEnv?: Record<string, string | undefined>;
  /** Start the example user service (examples/text-stats) too, as `npm run dev` does. */
  example?: boolean;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "fanline-test-"));
  const env: StackEnv = {
    host: "127.0.0.1",
    webPort: await freePort(),
    ingressPort: await freePort(),
    adminPort: await freePort(),
    nodePort: await freePort(),
    servicePort: await freePort(),
    dataDir,
    signRequests: options.signRequests ?? false,
    external: null,
  };
  const examplePort = options.example ? await freePort() : undefined;
  const stack = await startStack({
    env,
    web: options.web ?? false,
    webEnv: options.webEnv,
    examplePort,
    quiet: !process.env.FANLINE_TEST_VERBOSE,
    verbose: true,
    log: process.env.FANLINE_TEST_VERBOSE ? console.log : () => undefined,
  });
  const ingress = clients.connect({ url: stack.ingressUrl });
  const runsList = runsListClient(ingress);
  return {
    ...stack,
    ingress,
    run: (id) => ingress.workflowClient<RunWorkflow>({ name: RUN_WORKFLOW }, id),
    runIndex: () => runsList,
    retryReports: (id) => ingress.objectClient<RetryReports>({ name: RETRY_REPORTS_OBJECT }, id),
    async sql<T>(query: string) {
      const response = await fetch(`${stack.adminUrl}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
      });
      if (!response.ok) throw new Error(`SQL failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { rows: T[] }).rows;
    },
    async crash(name) {
      const part = stack.parts.find((p) => p.name === name);
      if (!part) throw new Error(`No running part named ${name}`);
      await part.stop("SIGKILL");
      stack.parts.splice(stack.parts.indexOf(part), 1);
    },
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { waitUntil } from "./wait";

/** A validated run input, exactly as `POST /api/runs` would build it from this body. */
export function runInput(body: Record<string, unknown>): RunInput {
  const parsed = parseSubmission(body);
  if (!parsed.ok) throw new Error(`test input rejected: ${parsed.error}`);
  return parsed.input;
}

/**
 * One stack for a whole test file: started before its first test, stopped
 * after its last. Call at the top of a `describe`; the getter gives the stack.
 */
export function useTestStack(options: TestStackOptions = {}): () => TestStack {
  let stack: TestStack | undefined;
  before(async () => {
    stack = await startTestStack(options);
  });
  after(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error("the test stack is not running");
    return stack;
  };
}
