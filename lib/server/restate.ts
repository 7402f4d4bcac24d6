import "server-only";
import net from "node:net";
import * as clients from "@restatedev/restate-sdk-clients";
import { restateAdminUrls, restateIngressUrls } from "@/lib/restate-urls";
import { RETRY_REPORTS_OBJECT, RUN_WORKFLOW } from "@/lib/names";
import { runsListClient } from "@/lib/run-list-client";
import type { RetryReports } from "@/restate/retry-reports";
import type { RunWorkflow } from "@/restate/run-workflow";

/**
 * The dashboard's only way to Restate: typed ingress clients for the run
 * workflow and the runs index. Types come from the services themselves
 * (`typeof`), so a call is checked against the handler it reaches. On a
 * cluster the API is given every node (see lib/restate-urls.ts) and moves to
 * the next live node when one dies.
 */
export { restateAdminUrls, restateIngressUrls };

/** The ingress URL in use: the node that answered last (for error messages). */
export function restateIngressUrl(): string {
  return connection().failover.current();
}

/** `fetch` against the admin API (`path` like "/query"), on the first live admin node. */
export function restateAdminFetch(path: string, init?: RequestInit): Promise<Response> {
  const urls = restateAdminUrls();
  const key = urls.join(",");
  if (!admin || admin.key !== key) admin = { key, failover: failoverFetch(urls) };
  return admin.failover.fetch(`${urls[0]}${path}`, init);
}

/** How long to wait for a TCP connection to a node not seen alive lately. */
const CONNECT_TIMEOUT_MS = Number(process.env.RESTATE_CONNECT_TIMEOUT_MS ?? 1000);
/** A node that answered is trusted this long without a connection check. */
const TRUSTED_MS = 5000;
/** A node that failed is skipped this long (unless every node has failed). */
const DOWN_MS = 3000;

/** Connection failures where the request cannot have reached Restate. */
const NOT_SENT = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "CONNECT_TIMEOUT",
]);
/** Connection failures after the request may have left: Restate did not answer, which is not a refusal. */
const CUT_OFF = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Restate answered, and said no (an admin call; the ingress client's own
 * HttpCallError carries `status` the same way). `message` is Restate's.
 */
export class RestateRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "RestateRefusal";
  }

  static async of(response: Response, what: string): Promise<RestateRefusal> {
    return new RestateRefusal(response.status, `${what}: ${restateMessage(await response.text())}`);
  }
}

/** Restate's error bodies are JSON with a `message`; anything else is shown as it came. */
export function restateMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === "string") return message;
  } catch {
    // not JSON
  }
  return body.trim() || "(no message)";
}

interface Failover {
  fetch: typeof globalThis.fetch;
  current(): string;
}

/**
 * A `fetch` for the ingress client that sends each request to the last node
 * that answered and, when that node is gone, to the next one. A node not seen
 * alive lately gets a TCP check with a short timeout first, so a host that
 * drops packets costs a second, not the OS's connect timeout.
 *
 * It moves a request to another node only when that cannot run it twice: the
 * connection was never made, or the request is safe to repeat (GET, or it has
 * an idempotency key). Otherwise a connection lost mid-request fails that one
 * call, and the next call goes to a live node.
 */
function failoverFetch(urls: string[]): Failover {
  const trustedUntil = new Map<string, number>();
  const downUntil = new Map<string, number>();
  let preferred = 0;

  const order = () => {
    const now = Date.now();
    const rotated = urls.map((_, i) => urls[(preferred + i) % urls.length]);
    const up = rotated.filter((u) => (downUntil.get(u) ?? 0) <= now);
    return up.length > 0 ? up : rotated;
  };
  const markDown = (url: string) => {
    downUntil.set(url, Date.now() + DOWN_MS);
    trustedUntil.delete(url);
  };

  const fetchAny: typeof globalThis.fetch = async (input, init) => {
    const target = String(input instanceof Request ? input.url : input);
    const base = urls.find((u) => target.startsWith(u)) ?? urls[0];
    const rest = target.slice(base.length);
    let lastError: unknown = new Error(`No Restate node answered (${urls.join(", ")})`);
    for (const url of order()) {
      if ((trustedUntil.get(url) ?? 0) < Date.now() && !(await accepts(url, CONNECT_TIMEOUT_MS))) {
        markDown(url);
        lastError = new Error(`Restate at ${url} is not reachable`, { cause: { code: "CONNECT_TIMEOUT" } });
        continue;
      }
      try {
        const response = await fetch(`${url}${rest}`, init);
        trustedUntil.set(url, Date.now() + TRUSTED_MS);
        downUntil.delete(url);
        preferred = urls.indexOf(url);
        return response;
      } catch (error) {
        if (init?.signal?.aborted) throw error;
        markDown(url);
        lastError = error;
        if (!neverSent(error) && !safeToRepeat(init)) throw error;
      }
    }
    throw lastError;
  };
  return { fetch: fetchAny, current: () => urls[preferred] ?? urls[0] };
}

function hasCode(error: unknown, codes: Set<string>): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: string }).code;
    if (code && codes.has(code)) return true;
    // Several addresses for one host: undici reports every attempt.
    if (e instanceof AggregateError && e.errors.length > 0 && e.errors.every((x) => hasCode(x, codes))) return true;
  }
  return false;
}

function neverSent(error: unknown): boolean {
  return hasCode(error, NOT_SENT);
}

const CONNECTION = new Set([...NOT_SENT, ...CUT_OFF]);

/** Did this call fail because Restate could not be reached (or stopped answering), rather than by an answer? */
export function isConnectionFailure(error: unknown): boolean {
  return hasCode(error, CONNECTION) || (error instanceof Error && error.name === "TimeoutError");
}

function safeToRepeat(init?: RequestInit): boolean {
  if ((init?.method ?? "GET").toUpperCase() === "GET") return true;
  const headers = new Headers(init?.headers);
  return headers.has("idempotency-key");
}

/** True when something accepts a TCP connection at the URL's host and port. */
export function accepts(url: string, timeoutMs: number): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({
      host: hostname.replace(/^\[|\]$/g, ""),
      port: Number(port || (protocol === "https:" ? 443 : 80)),
    });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

let ingress: {
  key: string;
  client: clients.Ingress;
  failover: Failover;
  runsList?: ReturnType<typeof runsListClient>;
} | null = null;
let admin: { key: string; failover: Failover } | null = null;

function connection() {
  const urls = restateIngressUrls();
  const key = urls.join(",");
  if (!ingress || ingress.key !== key) {
    const failover = failoverFetch(urls);
    // No client-side retries: a route should answer 503 at once when Restate is
    // down, and the dashboard's poll is the retry.
    ingress = { key, failover, client: clients.connect({ url: urls[0], retry: false, fetch: failover.fetch }) };
  }
  return ingress;
}

export function runClient(id: string) {
  return connection().client.workflowClient<RunWorkflow>({ name: RUN_WORKFLOW }, id);
}

/** The runs list: pages, one run's entry, and recording a run Restate killed. */
export function runsList() {
  const current = connection();
  return (current.runsList ??= runsListClient(current.client));
}

export function retryReportsClient(id: string) {
  return connection().client.objectClient<RetryReports>({ name: RETRY_REPORTS_OBJECT }, id);
}
