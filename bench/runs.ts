// One timed run each: a Fanline run (through the ingress client or the
// dashboard API) and the guide's bare pattern. Both end when the caller has
// the final answer, so both include the aggregate.
import http from "node:http";
import { RUN_WORKFLOW } from "@/lib/names";
import { runInput } from "@/test/support/test-stack";
import { openRunPage, type ProgressReport } from "./observe";
import type { BenchStack } from "./stack";
import { sleep } from "./stats";

/** N no-op subtasks, the guide's comma-separated form. */
export function noopDescription(n: number): string {
  return Array.from({ length: n }, (_, i) => `s${i}`).join(",");
}

/** Deterministic durations spread over 0–200 ms (a stride coprime with 201 visits every value). */
export function variedMs(i: number): number {
  return (i * 73) % 201;
}

export function variedDescription(n: number): string {
  return Array.from({ length: n }, (_, i) => `t${i} [take ${variedMs(i)}ms]`).join(",");
}

export interface TimedRun {
  id: string;
  ms: number;
  /** Epoch ms at submit, for observers. */
  submittedAt: number;
  /** What the open run page saw (summary latency, progress), when one was open. */
  page?: ProgressReport;
}

let counter = 0;
export function newRunId(label: string): string {
  return `bench-${label}-${Date.now().toString(36)}-${counter++}`;
}

/**
 * A Fanline run of the noop kind (default concurrency unless given): submitted,
 * then timed until `workflowAttach` answers with the aggregate. `onSubmitted`
 * starts observers once the run exists; they are awaited before returning.
 */
export async function timeFanline(
  stack: BenchStack,
  description: string,
  options: {
    via?: "ingress" | "api";
    label: string;
    concurrency?: number;
    /** Keep a run page open (polling once a second) while it runs. */
    pageOpen?: boolean;
    onSubmitted?: (id: string, submittedAt: number) => Promise<unknown> | void;
  },
): Promise<TimedRun> {
  const id = newRunId(options.label);
  const started = performance.now();
  const submittedAt = Date.now();
  if (options.via === "api") {
    if (!stack.webUrl) throw new Error("bench: the API path needs the dashboard");
    const response = await fetch(`${stack.webUrl}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "noop", description, id, concurrency: options.concurrency }),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/runs answered ${response.status}: ${await response.text()}`);
  } else {
    await stack.run(id).workflowSubmit(runInput({ kind: "noop", description, concurrency: options.concurrency }));
  }
  const page = options.pageOpen ? openRunPage(stack, id, submittedAt) : null;
  const observing = options.onSubmitted?.(id, submittedAt);
  await attachUntilDone(stack, id);
  const ms = performance.now() - started;
  const pageReport = await page?.close();
  await observing;
  return { id, ms, submittedAt, page: pageReport };
}

/**
 * Waits for the run's aggregate. Node's fetch gives up on an answer whose
 * headers take over 300 s, which a 100,000-subtask run on a loaded machine
 * can: attach again then (the run goes on meanwhile).
 */
async function attachUntilDone(stack: BenchStack, id: string): Promise<void> {
  for (;;) {
    try {
      await stack.run(id).workflowAttach();
      return;
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== "UND_ERR_HEADERS_TIMEOUT") throw error;
    }
  }
}

/**
 * The guide's request against the bare pattern: one call, answered when every
 * subtask is done. Through node:http with no timeout: Node's fetch gives up on
 * an answer whose headers take over 300 s, and at 100,000 the bare pattern's do.
 * `signal` gives up on it (the request is closed, not left running).
 */
export async function timeBaseline(
  stack: BenchStack,
  description: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<number> {
  const started = performance.now();
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      `${stack.ingressUrl}/BenchBaseline/run`,
      { method: "POST", headers: { "content-type": "application/json" }, timeout: 0, signal },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify({ description }));
  });
  const ms = performance.now() - started;
  const body = (() => {
    try {
      return JSON.parse(text) as { done?: number };
    } catch {
      return {};
    }
  })();
  if (status !== 200 || typeof body.done !== "number")
    throw new Error(`BenchBaseline/run answered ${status}: ${text.slice(0, 500)}`);
  return ms;
}

export interface IdlePoll {
  /** Bytes of `GET /api/runs/<id>/subtasks?since=<latest>` (body), when the dashboard runs. */
  apiBytes: number | null;
  /** Bytes of the `subtasks` query with `since` = the latest version, straight from the ingress. */
  queryBytes: number;
}

/** Bytes of a poll that has nothing new to report, for a finished run. */
export async function idlePollBytes(stack: BenchStack, id: string): Promise<IdlePoll> {
  const query = async (since: number) => {
    const response = await fetch(`${stack.ingressUrl}/${RUN_WORKFLOW}/${encodeURIComponent(id)}/subtasks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ since }),
    });
    return new Uint8Array(await response.arrayBuffer());
  };
  const summary = await stack.run(id).summary();
  if (!summary) throw new Error(`bench: run ${id} has no summary`);
  const queryBytes = (await query(summary.version)).byteLength;
  let apiBytes: number | null = null;
  if (stack.webUrl) {
    const url = (since: string) =>
      `${stack.webUrl}/api/runs/${encodeURIComponent(id)}/subtasks?since=${encodeURIComponent(since)}`;
    const first = (await (await fetch(url("0"))).json()) as { version: string };
    apiBytes = (await (await fetch(url(first.version))).arrayBuffer()).byteLength;
  }
  return { apiBytes, queryBytes };
}

/** Waits out the tail of a run's side effects (index updates, timers) before the next timing starts. */
export async function settle(ms = 1500): Promise<void> {
  await sleep(ms);
}
