import "server-only";
import net from "node:net";
import * as clients from "@restatedev/restate-sdk-clients";
import { RUN_ATTEMPTS_OBJECT, RUN_INDEX_KEY, RUN_INDEX_OBJECT, RUN_WORKFLOW } from "@/lib/names";
import type { RunAttempts } from "@/restate/run-attempts";
import type { RunIndex } from "@/restate/run-index";
import type { RunWorkflow } from "@/restate/run-workflow";

/**
 * The dashboard's only way to Restate: typed ingress clients for the run
 * workflow and the runs index. Types come from the services themselves
 * (`typeof`), so a call is checked against the handler it reaches.
 *
 * On a Restate cluster every node serves ingress and admin, so the API is
 * given all of them (`RESTATE_INGRESS_URLS`, `RESTATE_ADMIN_URLS`,
 * comma-separated) and moves to the next live node when one dies; the
 * single-URL variables still work for one server.
 */
export function restateIngressUrls(): string[] {
  return urlList(process.env.RESTATE_INGRESS_URLS, process.env.RESTATE_INGRESS_URL, process.env.RESTATE_INGRESS_PORT ?? 8080);
}

export function restateAdminUrls(): string[] {
  return urlList(process.env.RESTATE_ADMIN_URLS, process.env.RESTATE_ADMIN_URL, process.env.RESTATE_ADMIN_PORT ?? 9070);
}

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

function urlList(list: string | undefined, single: string | undefined, port: string | number): string[] {
  const urls = (list ?? "")
    .split(",")
    .map((u) => u.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  if (urls.length > 0) return urls;
  return [(single ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "")];
}

/** How long to wait for a TCP connection to a node not seen alive lately. */
const CONNECT_TIMEOUT_MS = Number(process.env.RESTATE_CONNECT_TIMEOUT_MS ?? 1000);
/** A node that answered is trusted this long without a connection check. */
const TRUSTED_MS = 5000;
/** A node that failed is skipped this long (unless every node has failed). */
const DOWN_MS = 3000;

/** Connection failures where the request cannot have reached Restate. */
const NOT_SENT = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "CONNECT_TIMEOUT"]);

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

function neverSent(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: string }).code;
    if (code && NOT_SENT.has(code)) return true;
    // Several addresses for one host: undici reports every attempt.
    if (e instanceof AggregateError && e.errors.every(neverSent)) return true;
  }
  return false;
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
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || (protocol === "https:" ? 443 : 80)) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

let ingress: { key: string; client: clients.Ingress; failover: Failover } | null = null;
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

export function runIndexClient() {
  return connection().client.objectClient<RunIndex>({ name: RUN_INDEX_OBJECT }, RUN_INDEX_KEY);
}

export function runAttemptsClient(id: string) {
  return connection().client.objectClient<RunAttempts>({ name: RUN_ATTEMPTS_OBJECT }, id);
}
