import { expect, test } from "./fixtures";
import { runId, streamUntilAnswered, waitFinished } from "./helpers";

/** A run id's summary status, or its HTTP status when there is none. */
async function statusOf(request: import("@playwright/test").APIRequestContext, id: string): Promise<string | number> {
  const response = await request.get(`/api/runs/${id}`);
  return response.ok() ? (await response.json()).status : response.status();
}

test.describe("cross-site writes", () => {
  test("another site's page cannot start a run, with a simple text/plain fetch or a form post", async ({
    page,
    request,
    baseURL,
  }) => {
    const sameHostOtherPort = new URL(baseURL!);
    sameHostOtherPort.port = String(Number(sameHostOtherPort.port) + 1);
    // Pages on other origins, served by the browser's router: what evil.example, or a page
    // on another port of this host (Restate's UI, say), could serve.
    for (const origin of ["http://evil.example", sameHostOtherPort.origin]) {
      const fetched = runId("csrf-fetch");
      const posted = runId("csrf-form");
      await page.route(`${origin}/`, (route) =>
        route.fulfill({
          contentType: "text/html",
          body: `<form id="f" method="post" action="${baseURL}/api/runs" enctype="text/plain">
                   <input name='{"kind":"noop","id":"${posted}","description":"x","pad":"' value='"}'>
                 </form>`,
        }),
      );
      await page.goto(`${origin}/`);
      // A "simple" request needs no CORS preflight; Chromium may also block it from a public origin.
      await page.evaluate(
        ({ url, id }) =>
          fetch(`${url}/api/runs`, {
            method: "POST",
            mode: "no-cors",
            headers: { "content-type": "text/plain" },
            body: JSON.stringify({ kind: "noop", id, description: "x" }),
          }).catch(() => null),
        { url: baseURL!, id: fetched },
      );
      const answer = page.waitForResponse(`${baseURL}/api/runs`);
      await page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit());
      expect((await answer).status(), origin).toBe(403);
      expect(await statusOf(request, fetched), origin).toBe(404);
      expect(await statusOf(request, posted), origin).toBe(404);
    }
  });

  test("a write naming another origin is 403, another content type 415; the dashboard's own page and scripts still write", async ({
    page,
    request,
    baseURL,
  }) => {
    const other = new URL(baseURL!);
    other.port = String(Number(other.port) + 1); // another port on the same host is the same *site* to a cookie
    const body = { kind: "noop", description: "a" };
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: other.origin },
      { origin: "null" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of foreign) {
      const id = runId("csrf-origin");
      const response = await request.post("/api/runs", { data: { ...body, id }, headers });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error).toMatch(/another site/);
      expect(await statusOf(request, id)).toBe(404);
    }
    const plain = runId("csrf-plain");
    const textPlain = await request.post("/api/runs", {
      data: JSON.stringify({ ...body, id: plain }),
      headers: { "content-type": "text/plain" },
    });
    expect(textPlain.status()).toBe(415);
    expect((await textPlain.json()).error).toMatch(/application\/json.*, not text\/plain/);
    const form = await request.post("/api/runs", { form: { description: "a" } });
    expect(form.status()).toBe(415);
    expect(await statusOf(request, plain)).toBe(404);

    // Cancel and re-run are writes too.
    const slow = runId("csrf-cancel");
    expect(
      (await request.post("/api/runs", { data: { kind: "noop", id: slow, description: "x [take 5s]" } })).status(),
    ).toBe(201);
    expect(
      (await request.post(`/api/runs/${slow}/cancel`, { headers: { origin: "https://evil.example" } })).status(),
    ).toBe(403);
    expect(
      (await request.post(`/api/runs/${slow}/rerun-failed`, { headers: { origin: "https://evil.example" } })).status(),
    ).toBe(403);
    expect(
      (
        await request.post(`/api/runs/${slow}/cancel`, { data: "x", headers: { "content-type": "text/plain" } })
      ).status(),
    ).toBe(415);
    expect(await statusOf(request, slow)).toBe("running");

    // The dashboard's own origin, from its page (the browser sets Origin) and named by a script.
    await page.goto("/");
    const own = runId("csrf-own");
    const status = await page.evaluate(async (id) => {
      const response = await fetch("/api/runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "noop", id, description: "a" }),
      });
      return response.status;
    }, own);
    expect(status).toBe(201);
    expect(
      (await request.post(`/api/runs/${slow}/cancel`, { headers: { origin: new URL(baseURL!).origin } })).status(),
    ).toBe(202);
  });
});

test.describe("bounded request bodies", () => {
  test("a chunked body with no Content-Length is cut off at the route's limit (20 MiB for items) with a 413 at once, and starts nothing", async ({
    request,
    baseURL,
  }) => {
    const before = (await (await request.get("/api/runs")).json()).total;
    const answer = await streamUntilAnswered(`${baseURL}/api/runs`, {}, 64 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(36 * 1024 * 1024);
    expect((await (await request.get("/api/runs")).json()).total).toBe(before);
  });
});

test.describe("idempotency that tells the truth", () => {
  test("the same id with a different request is 409; the same request (defaults spelled out or not) is 200, the same run", async ({
    request,
  }) => {
    const id = runId("same-id");
    expect((await request.post("/api/runs", { data: { id, kind: "noop", description: "a,b" } })).status()).toBe(201);
    const same = await request.post("/api/runs", {
      data: { id, kind: "noop", description: "a,b", concurrency: 100, onFailure: "continue" },
    });
    expect(same.status()).toBe(200);
    expect((await same.json()).id).toBe(id);
    const different = await request.post("/api/runs", { data: { id, kind: "noop", description: "a,b,c" } });
    expect(different.status()).toBe(409);
    expect((await different.json()).error).toMatch(/already taken by a different request/);
    const otherPolicy = await request.post("/api/runs", {
      data: { id, kind: "noop", description: "a,b", retry: { maxAttempts: 1 } },
    });
    expect(otherPolicy.status()).toBe(409);
    await waitFinished(request, id);
    expect((await (await request.get(`/api/runs/${id}`)).json()).total).toBe(2);
  });

  test("re-run failed: concurrent requests start one re-run; a new one is possible once it finished", async ({
    request,
  }) => {
    const id = runId("rerun-once");
    await request.post("/api/runs", {
      data: {
        id,
        kind: "noop",
        description: "fine,slow and broken [take 3s, fail permanently]",
        retry: { maxAttempts: 1 },
      },
    });
    await waitFinished(request, id);

    const answers = await Promise.all([1, 2, 3].map(() => request.post(`/api/runs/${id}/rerun-failed`)));
    const bodies = await Promise.all(answers.map((a) => a.json()));
    const statuses = answers.map((a) => a.status()).sort();
    expect(statuses, JSON.stringify(bodies)).toEqual([200, 200, 201]);
    const first = bodies[0].id;
    expect(bodies.map((b) => b.id)).toEqual([first, first, first]);
    // While it runs, another click answers the same re-run.
    const again = await request.post(`/api/runs/${id}/rerun-failed`);
    expect(again.status()).toBe(200);
    expect((await again.json()).id).toBe(first);

    await waitFinished(request, first);
    await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).reruns).toEqual([first]);
    const next = await request.post(`/api/runs/${id}/rerun-failed`);
    expect(next.status()).toBe(201);
    const second = (await next.json()).id;
    expect(second).not.toBe(first);
    await waitFinished(request, second);
    await expect
      .poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).reruns)
      .toEqual([first, second]);
  });
});
