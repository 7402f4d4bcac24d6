import { expect, test } from "./fixtures";

const CHORES = ["get out of bed", "shower", "make coffee", "have breakfast"];

test("the guide's four chores: submitted in the form, four live lanes, then the exact aggregate", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("textbox", { name: "Task description" }).fill(CHORES.join(","));
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[A-Za-z0-9_-]+$/);

  const lanes = page.getByRole("list", { name: "Subtasks timeline" }).getByRole("listitem");
  await expect(lanes).toHaveCount(4);
  for (const chore of CHORES) {
    await expect(
      lanes
        .filter({ has: page.locator(`text="${chore}"`) })
        .or(page.getByRole("listitem", { name: new RegExp(chore) })),
    ).not.toHaveCount(0);
  }

  await expect(page.getByText("4 of 4 done")).toBeVisible({ timeout: 30_000 });
  // The four ran side by side, not one after another: all dispatched at once (concurrency 100).
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const { subtasks } = await (await page.request.get(`/api/runs/${id}/subtasks?since=0`)).json();
  const dispatched: number[] = subtasks.map((r: { dispatchedAt: number }) => r.dispatchedAt);
  expect(subtasks).toHaveLength(4);
  expect(Math.max(...dispatched) - Math.min(...dispatched)).toBeLessThan(1000);
  for (const chore of CHORES) {
    await expect(page.getByRole("listitem", { name: new RegExp(`${chore}.*succeeded`) })).toBeVisible();
  }

  const aggregate = page.getByRole("region", { name: "Aggregate result" });
  await expect(aggregate).toContainText("get out of bed: DONE,shower: DONE,make coffee: DONE,have breakfast: DONE");
});

test("a run started with the guide's curl shows up in the recent runs and opens", async ({ page, request }) => {
  const ingress = process.env.FANLINE_INGRESS_URL!;
  const answer = await request.post(`${ingress}/worker/run`, { data: { description: "feed the cat,water plants" } });
  expect(await answer.json()).toEqual({ description: "feed the cat: DONE,water plants: DONE" });

  await page.goto("/");
  const link = page.getByRole("link", { name: /feed the cat, water plants/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/runs\/guide-/);
  await expect(page.getByText("2 of 2 done")).toBeVisible();
  await expect(page.getByRole("region", { name: "Aggregate result" })).toContainText(
    "feed the cat: DONE,water plants: DONE",
  );
});
