import { expect, test } from "./fixtures";

test("a task with no subtasks gets an inline message and starts nothing", async ({ page, request }) => {
  const before = (await (await request.get("/api/runs")).json()).total;
  await page.goto("/");
  await page.getByRole("textbox", { name: "Task description" }).fill(" , , ");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /commas and spaces|at least one subtask/ })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  expect((await (await request.get("/api/runs")).json()).total).toBe(before);
});

test("a subtask description holding HTML is shown as text, never run", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await page.goto("/");
  const hostile = `<img src=x onerror="alert(1)">`;
  await page.getByRole("textbox", { name: "Task description" }).fill(`${hostile};plain`);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByText(hostile).first()).toBeVisible();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(dialogs).toBe(0);
});
