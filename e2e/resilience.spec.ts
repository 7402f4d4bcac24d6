import { runInput } from "../test/support/test-stack";
import { expect, test } from "./fixtures";
import { ownStack } from "./own-stack";

// Its own stack, so crashing its parts does not disturb the rest of the suite.
const stack = ownStack("restart");

test("the run page recovers by itself when the dashboard restarts mid-run", async ({ page }) => {
  test.setTimeout(180_000);
  const items = Array.from({ length: 30 }, (_, i) => `part ${i} [take 1s]`).join(",");
  await stack()
    .run("restart-web")
    .workflowSubmit(runInput({ kind: "noop", description: items, concurrency: 3 }));
  await page.goto(`${stack().webUrl}/runs/restart-web`);
  await expect(page.getByText(/^([3-9]|[12]\d) of 30 done$/)).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await stack().crash("web");
  // The page notices the dashboard server is gone, and says which part it cannot reach.
  await expect(page.getByText("Can't reach the dashboard server — retrying.")).toBeVisible();
  await stack().restart("web");

  await expect(page.getByText("30 of 30 done")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Can't reach/)).toBeHidden();
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test("the runs list agrees with each run after the services restart", async ({ page, request }) => {
  test.setTimeout(120_000);
  await stack()
    .run("list-ok")
    .workflowSubmit(runInput({ kind: "noop", description: "a,b,c" }));
  await stack()
    .run("list-failed")
    .workflowSubmit(runInput({ kind: "noop", description: "x,y [fail permanently]", retry: { maxAttempts: 1 } }));
  const slow = Array.from({ length: 8 }, (_, i) => `s${i} [take 1s]`).join(",");
  await stack()
    .run("list-slow")
    .workflowSubmit(runInput({ kind: "noop", description: slow, concurrency: 2 }));
  await stack().run("list-ok").workflowAttach();
  await stack().run("list-failed").workflowAttach();

  await stack().crash("services");
  await stack().restart("services");
  await stack().run("list-slow").workflowAttach();

  await page.goto(`${stack().webUrl}/`);
  const runs = (await (await request.get(`${stack().webUrl}/api/runs?limit=100`)).json()).runs as Array<{
    id: string;
    label: string;
  }>;
  for (const id of ["list-ok", "list-failed", "list-slow", "restart-web"]) {
    const summary = await (await request.get(`${stack().webUrl}/api/runs/${id}`)).json();
    const listed = runs.find((r) => r.id === id);
    expect(listed, `${id} is listed`).toBeTruthy();
    const row = page
      .getByRole("link", { name: new RegExp(summary.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })
      .first();
    await expect(row).toContainText(`${summary.done} of ${summary.total} done`);
    await expect(row).toContainText(summary.status);
  }
});

test("while Restate is down the run page says so and keeps what it showed, then carries on by itself", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Long enough (12 s) that the page is up, under load, while the run is still going.
  const items = Array.from({ length: 12 }, (_, i) => `piece ${i} [take 2s]`).join(",");
  await stack()
    .run("restate-down")
    .workflowSubmit(runInput({ kind: "noop", description: items, concurrency: 2 }));
  await page.goto(`${stack().webUrl}/runs/restate-down`);
  await expect(page.getByText(/^([2-9]|1[01]) of 12 done$/)).toBeVisible();

  await stack().crash("restate");
  await expect(page.getByText(/Can.t reach Restate — retrying/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("list", { name: "Subtasks timeline" }).getByRole("listitem").first()).toBeVisible();

  await stack().restart("restate");
  await expect(page.getByText("12 of 12 done")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Can.t reach Restate/)).toHaveCount(0);
});

test("while the services are down the run page says so, then carries on by itself", async ({ page }) => {
  test.setTimeout(120_000);
  // Long enough (about 12 s) for a loaded machine to show the page before the run ends.
  const items = Array.from({ length: 12 }, (_, i) => `piece ${i} [take 2s]`).join(",");
  await stack()
    .run("services-down")
    .workflowSubmit(runInput({ kind: "noop", description: items, concurrency: 2 }));
  await page.goto(`${stack().webUrl}/runs/services-down`);
  await expect(page.getByText(/^([2-9]|10) of 12 done$/)).toBeVisible({ timeout: 30_000 });

  await stack().crash("services");
  await expect(
    page.getByText("The services are down — Restate keeps this run and carries on when they are back."),
  ).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/Can.t reach Restate/)).toHaveCount(0);

  await stack().restart("services");
  await expect(page.getByText("12 of 12 done")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("The services are down")).toHaveCount(0);
});
