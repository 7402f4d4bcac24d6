import { freePort } from "../scripts/stack/ports";
import type { Managed } from "../scripts/stack/process";
import { startWeb } from "../scripts/stack/web";
import { expect, test } from "./fixtures";
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
  await expect(page.getByRole("region", { name: "Aggregate result" })).toContainText("signed in chore: DONE", { timeout: 30_000 });
});
