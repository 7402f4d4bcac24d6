import { expect, test } from "./fixtures";
import { runId, startRun, waitFinished } from "./helpers";

test("the runs list agrees with the run pages: status, counts, newest first, filter by status", async ({
  page,
  request,
}) => {
  const good = await startRun(request, { id: runId("list-good"), description: "a,b,c" });
  const bad = await startRun(request, { id: runId("list-bad"), description: "x,y [fail permanently]" });
  await waitFinished(request, good);
  await waitFinished(request, bad);

  await page.goto("/");
  const list = page.getByRole("list", { name: "Runs, newest first" });
  const goodRow = list.getByRole("link").filter({ hasText: good });
  const badRow = list.getByRole("link").filter({ hasText: bad });
  await expect(goodRow).toContainText("succeeded");
  await expect(goodRow).toContainText("3 of 3 done");
  await expect(badRow).toContainText("failed");
  await expect(badRow).toContainText("2 of 2 done");
  await expect(badRow).toContainText("1 failed");
  await expect(goodRow).toContainText(/took \d/);
  await expect(goodRow).toContainText(/ago|just now/);

  // Newest first: the failing run was started second.
  const order = await list.getByRole("link").allTextContents();
  expect(order.findIndex((t) => t.includes(bad))).toBeLessThan(order.findIndex((t) => t.includes(good)));

  // The run page says the same.
  await badRow.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${bad}$`));
  await expect(page.getByText("2 of 2 done")).toBeVisible();
  await expect(page.getByRole("button", { name: /^failed\s*1$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^succeeded\s*1$/ })).toBeVisible();
  await page.goBack();

  await page.getByRole("combobox", { name: "Status" }).selectOption("failed");
  await expect(page).toHaveURL(/runs=failed/);
  await expect(list.getByRole("link").filter({ hasText: bad })).toBeVisible();
  await expect(list.getByRole("link").filter({ hasText: good })).toHaveCount(0);
  await expect(page.getByTestId("runs-shown")).toContainText("failed");

  await page.reload();
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("failed");
  await expect(list.getByRole("link").filter({ hasText: good })).toHaveCount(0);
});
