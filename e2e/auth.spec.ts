import { freePort } from "../scripts/stack/ports";
import type { Managed } from "../scripts/stack/process";
import { startWeb } from "../scripts/stack/web";
import { expect, test } from "./fixtures";
import { runId, streamUntilAnswered } from "./helpers";
import { distDirFor, E2E_WEB_MODE } from "./web-mode";

const TOKEN = "correct horse battery staple";

// A second dashboard, with FANLINE_API_TOKEN set, on the same Restate as the rest of the suite.
let web: (Managed & { url: string }) | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  web = await startWeb({
    host: "127.0.0.1",
    port: await freePort(),
    mode: E2E_WEB_MODE,
    ingressUrl: process.env.FANLINE_INGRESS_URL!,
    adminUrl: process.env.FANLINE_ADMIN_URL!,
    quiet: true,
    env: { FANLINE_API_TOKEN: TOKEN, FANLINE_PROTECT_READS: "true", NEXT_DIST_DIR: distDirFor("auth") },
  });
  for (const page of ["/login", "/", "/api/runs"]) await fetch(`${web.url}${page}`).catch(() => undefined);
});

test.afterAll(async () => {
  await web?.stop();
});

test("with an access token set, the API refuses calls without it and creates nothing", async ({ request }) => {
  const denied = await request.post(`${web!.url}/api/runs`, { data: { description: "a,b" } });
  expect(denied.status()).toBe(401);
  expect((await denied.json()).error).toMatch(/requires an access token/);
  expect((await request.get(`${web!.url}/api/runs`)).status()).toBe(401);
  expect((await request.post(`${web!.url}/api/session`, { data: { token: "wrong" } })).status()).toBe(401);

  const allowed = await request.post(`${web!.url}/api/runs`, {
    data: { description: "a,b", kind: "noop" },
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(allowed.status()).toBe(201);
});

test("the browser signs in through the login page and then uses the dashboard", async ({ page }) => {
  await page.goto(`${web!.url}/`);
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await page.getByLabel("Access token").fill("not it");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();

  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${web!.url}/`);
  await page.getByRole("textbox", { name: "Task description" }).fill("signed in chore");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByRole("region", { name: "Aggregate result" })).toContainText("signed in chore: DONE", {
    timeout: 30_000,
  });
});

test("after sign-in, only paths on this site are followed: a crafted next goes to /", async ({ page }) => {
  await page.route("http://evil.example/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" }),
  );
  for (const next of ["/\\evil.example/", "/%09/evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`${web!.url}/login?next=${next}`);
    await page.getByLabel("Access token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page, next).toHaveURL(`${web!.url}/`);
    await expect(page.getByRole("button", { name: "Start run" })).toBeVisible();
  }
});

test.describe("before the page's script runs", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in still works: the form posts urlencoded, a wrong token comes back with the reason, the right one follows next", async ({
    page,
  }) => {
    await page.goto(`${web!.url}/runs/some-run?follow=0`);
    await expect(page).toHaveURL(/\/login\?next=%2Fruns%2Fsome-run%3Ffollow%3D0$/);
    await page.getByLabel("Access token").fill("not it either");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/login\?.*error=wrong/);
    await expect(page.getByRole("alert")).toContainText("not right");

    await page.getByLabel("Access token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${web!.url}/runs/some-run?follow=0`);
    expect((await page.context().cookies()).map((c) => c.name)).toContain("fanline_session");
  });

  test("a crafted next is not followed there either", async ({ page }) => {
    await page.route("http://evil.example/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" }),
    );
    await page.goto(`${web!.url}/login?next=/%09/evil.example`);
    await page.getByLabel("Access token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${web!.url}/`);
  });
});

test("the session cookie does not let another origin on the same host write (Restate's UI, another port)", async ({
  request,
}) => {
  expect((await request.post(`${web!.url}/api/session`, { data: { token: TOKEN } })).status()).toBe(200);
  const id = runId("same-site");
  const fromRestateUi = await request.post(`${web!.url}/api/runs`, {
    data: { kind: "noop", description: "a", id },
    headers: { origin: process.env.FANLINE_ADMIN_URL! },
  });
  expect(fromRestateUi.status()).toBe(403);
  const sameSite = await request.post(`${web!.url}/api/runs`, {
    data: { kind: "noop", description: "a", id },
    headers: { "sec-fetch-site": "same-site" },
  });
  expect(sameSite.status()).toBe(403);
  expect((await request.get(`${web!.url}/api/runs/${id}`)).status()).toBe(404);
  // The dashboard's own origin, with the cookie, may.
  const own = await request.post(`${web!.url}/api/runs`, {
    data: { kind: "noop", description: "a", id },
    headers: { origin: web!.url },
  });
  expect(own.status()).toBe(201);
});

test("POST /api/session reads no more than a small body before authenticating: 413 at once", async () => {
  const answer = await streamUntilAnswered(`${web!.url}/api/session`);
  expect(answer.status).toBe(413);
  expect(answer.sent).toBeLessThan(16 * 1024 * 1024);
});
