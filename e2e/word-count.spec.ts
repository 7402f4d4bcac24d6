import { expect, test } from "./fixtures";

const TEXT = `The cat sat on the mat. The dog sat on the log!
It's the cat's mat, isn't it? THE END`;

test("word count from the form: chunks as lanes, then totals and top words a person can check", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Word count" });
  await expect(page.getByRole("textbox", { name: "Task description" })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Text" }).fill(TEXT);
  await page.getByRole("spinbutton", { name: "Words per subtask" }).fill("5");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\//);

  // 20 words in chunks of 5: four lanes, labelled by the words they hold.
  const lanes = page.getByRole("list", { name: "Subtasks timeline" }).getByRole("listitem");
  await expect(lanes).toHaveCount(4);
  await expect(page.getByRole("listitem", { name: /^words 1–5: «The cat sat on…»/ })).toBeVisible();

  const aggregate = page.getByRole("region", { name: "Aggregate result" });
  await expect(aggregate).toBeVisible({ timeout: 30_000 });
  await expect(aggregate.getByRole("definition").first()).toHaveText("20");
  await expect(aggregate.getByRole("definition").nth(1)).toHaveText("12");
  const top = aggregate.getByRole("table");
  await expect(top.getByRole("row").nth(1)).toHaveText(/the\s*6/);
  await expect(top.getByRole("row", { name: /sat\s*2/ })).toBeVisible();
});

test("word count refuses empty text with a message next to the field", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Word count" });
  await page.getByRole("textbox", { name: "Text" }).fill("   \n  ");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Text is empty" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});
