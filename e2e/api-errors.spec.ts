import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Managed } from "../scripts/stack/process";
import { freePort } from "../scripts/stack/ports";
import { startWeb } from "../scripts/stack/web";
import { expect, test } from "./fixtures";
import { distDirFor, E2E_WEB_MODE } from "./web-mode";

/**
 * A stand-in for Restate's ingress and admin API, answering on demand what a
 * real one can: a refusal with its message, a connection cut mid-request, or
 * an answer the API cannot make sense of (which the API treats as its own
 * bug). The run id in the path picks the behaviour.
 */
const RUNNING = {
  id: "x",
  kind: "noop",
  label: "x",
  status: "running",
  total: 1,
  done: 0,
  counts: { pending: 0, running: 1, retrying: 0, succeeded: 0, failed: 0, cancelled: 0 },
  concurrency: 1,
  retry: { maxAttempts: 1, initialIntervalMs: 100 },
  onFailure: "continue",
  createdAt: 0,
  finishedAt: null,
  aggregate: null,
  error: null,
  version: 1,
  rerunOf: null,
  reruns: [],
};

function standIn(): http.Server {
  return http.createServer((request, response) => {
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const url = request.url ?? "";
    request.resume();
    if (url === "/query") return json(400, { code: "400", message: "Stand-in refuses this query" });
    if (url.startsWith("/FanlineRetryReports/")) return json(200, { version: 0, retryingNow: 0, reports: [] });
    if (url.startsWith("/FanlineRunIndex/")) return json(200, null);
    if (url.startsWith("/FanlineRun/refused/"))
      return json(404, { code: "404", message: "Service 'FanlineRun' not found. Check the deployment is registered." });
    if (url.startsWith("/FanlineRun/cut/")) return void request.socket.destroy();
    if (url.startsWith("/FanlineRun/garbage/"))
      return response.writeHead(200, { "content-type": "application/json" }).end("<html>not json</html>");
    if (url.startsWith("/FanlineRun/admin-refuses/")) return json(200, { ...RUNNING, id: "admin-refuses" });
    json(404, { message: "unknown" });
  });
}

let restate: http.Server | null = null;
let web: (Managed & { url: string }) | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  restate = standIn();
  await new Promise<void>((resolve) => restate!.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(restate.address() as AddressInfo).port}`;
  web = await startWeb({
    host: "127.0.0.1",
    port: await freePort(),
    mode: E2E_WEB_MODE,
    ingressUrl: url,
    adminUrl: url,
    quiet: true,
    env: { NEXT_DIST_DIR: distDirFor("errors") },
  });
});

test.afterAll(async () => {
  await web?.stop();
  await new Promise((resolve) => restate?.close(resolve));
});

test("errors are named honestly: Restate's refusals keep their status and message, only a lost connection is 503, a bug is 500 and logged", async ({
  request,
}) => {
  const refused = await request.get(`${web!.url}/api/runs/refused`);
  expect(refused.status()).toBe(404);
  expect((await refused.json()).error).toMatch(/Restate answered 404: Service 'FanlineRun' not found/);

  const adminRefuses = await request.post(`${web!.url}/api/runs/admin-refuses/cancel`);
  expect(adminRefuses.status()).toBe(400);
  expect((await adminRefuses.json()).error).toMatch(/refused a query: Stand-in refuses this query/);

  const cut = await request.get(`${web!.url}/api/runs/cut`);
  expect(cut.status()).toBe(503);
  expect((await cut.json()).error).toMatch(/Can't reach Restate/);

  const bug = await request.get(`${web!.url}/api/runs/garbage`);
  expect(bug.status()).toBe(500);
  const message = (await bug.json()).error;
  expect(message).toMatch(/^Internal error in the Fanline API: /);
  expect(message).not.toMatch(/Can't reach Restate/);
  await expect.poll(() => web!.recentOutput()).toMatch(/Fanline API: unexpected error/);
});
