import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { analyze } from "../examples/text-stats/service";
import { expect, test } from "./fixtures";
import { lanes } from "./helpers";

const SAMPLE = path.resolve(import.meta.dirname, "../examples/text-stats/sample.csv");
const sample = readFileSync(SAMPLE, "utf8");
const rows = Papa.parse<{ id: string; text: string }>(sample, { header: true, skipEmptyLines: true }).data;
const EMPTY = rows.filter((r) => r.text === "");
const GROUP = 'Item "…" has no text to analyse';

/** Drops `text` as a file on the items field, as a user dragging it from their desktop would. */
async function dropFile(page: Page, text: string, name: string) {
  const dataTransfer = await page.evaluateHandle(
    ([content, fileName]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: "text/csv" }));
      return transfer;
    },
    [text, name] as const,
  );
  await page.getByTestId("items-drop").dispatchEvent("drop", { dataTransfer });
}

/** FANLINE_UPDATE_SCREENSHOTS=1 refreshes the README's pictures; otherwise they go with the test results. */
const shot = (name: string) =>
  process.env.FANLINE_UPDATE_SCREENSHOTS === "1" ? `docs/${name}` : test.info().outputPath(name);

async function download(page: Page, name: RegExp): Promise<{ file: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("group", { name: "Download results" }).getByRole("link", { name }).click(),
  ]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { file: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
}

test("the example service over the sample CSV: drop, preview, start, lanes, results, downloads, re-run a group", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/");
  await page.getByLabel("Kind").selectOption({ label: "Call your Restate handler" });
  await page.getByLabel("Handler").selectOption("TextStats/analyze");
  await dropFile(page, sample, "sample.csv");

  await expect(page.getByRole("status").filter({ hasText: /items$/ })).toHaveText(`✓ ${rows.length} items`);
  const preview = page.getByRole("table", { name: /Preview of the first 5 items/ });
  await expect(preview.getByRole("row")).toHaveCount(6);
  await expect(preview.getByRole("row").nth(1)).toContainText(rows[0].text);
  await expect(preview.getByRole("columnheader")).toHaveText(["#", "id", "text"]);
  await page.getByRole("form", { name: "Start a run" }).screenshot({ path: shot("call-form.png") });

  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(lanes(page).first()).toBeVisible();
  await expect(lanes(page)).not.toHaveCount(0);
  await expect(page.getByText(`All ${rows.length} subtasks shown`)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Failures by cause" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^failed|succeeded$/).first()).toBeVisible();

  // The results table: every row, then only the failures, then a search.
  const results = page.getByRole("table", { name: "Results" });
  await expect(page.getByTestId("results-count")).toHaveText(`${rows.length} of ${rows.length} subtasks`, {
    timeout: 60_000,
  });
  await expect(
    page
      .getByRole("heading", { name: "Aggregate result" })
      .or(page.getByRole("heading", { name: "Partial aggregate" })),
  ).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: shot("call-run.png"), fullPage: true });
  await page.getByRole("search", { name: "Results" }).getByLabel("Status").selectOption("failed");
  await expect(page.getByTestId("results-count")).toHaveText(`${EMPTY.length} of ${rows.length} subtasks`);
  await expect(results.getByRole("row").nth(1)).toContainText("has no text to analyse");
  await page.getByRole("search", { name: "Results" }).getByLabel("Status").selectOption("");
  await page.getByRole("search", { name: "Results" }).getByLabel("Search").fill("ishmael");
  const ishmael = rows.filter((r) => /ishmael/i.test(r.text));
  await expect(page.getByTestId("results-count")).toHaveText(`${ishmael.length} of ${rows.length} subtasks`);
  await page.getByRole("search", { name: "Results" }).getByLabel("Search").fill("");

  // Both downloads, every record checked against its row and the example's own function.
  const jsonl = await download(page, /JSON Lines/);
  expect(jsonl.file).toMatch(/\.jsonl$/);
  const records = jsonl.text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(records.map((r) => r.input)).toEqual(rows);
  for (const [i, record] of records.entries()) {
    if (rows[i].text === "")
      expect(record).toMatchObject({
        status: "failed",
        error: `Item "${rows[i].id}" has no text to analyse`,
        result: null,
      });
    else expect(record).toMatchObject({ status: "succeeded", result: analyze(rows[i]), error: null });
  }
  const csv = await download(page, /CSV/);
  expect(csv.file).toMatch(/\.csv$/);
  const table = Papa.parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  });
  expect(table.errors).toEqual([]);
  expect(table.meta.fields).toEqual(
    expect.arrayContaining(["index", "status", "input.id", "input.text", "result.words", "result.sha256"]),
  );
  expect(table.data.map((r) => r["input.text"])).toEqual(rows.map((r) => r.text));
  for (const [i, row] of table.data.entries())
    if (rows[i].text !== "") expect(row["result.sha256"]).toBe(analyze(rows[i]).sha256);

  // A group filters lanes and table; re-running it starts a run of just those rows.
  const groups = page.getByRole("region", { name: "Failures by cause" });
  await groups.getByRole("button", { name: new RegExp(`${EMPTY.length}×`) }).click();
  await expect(page.getByTestId("lanes-shown")).toContainText(`${EMPTY.length} of ${rows.length} shown`);
  await expect(page.getByTestId("results-count")).toContainText(
    `${EMPTY.length} of ${rows.length} subtasks in the error group “${GROUP}”`,
  );
  await groups.getByRole("button", { name: /Re-run this group/ }).click();
  await expect(page).toHaveURL(/-rerun-/);
  await expect(page.getByText(`All ${EMPTY.length} subtasks shown`)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("results-count")).toHaveText(`${EMPTY.length} of ${EMPTY.length} subtasks`, {
    timeout: 60_000,
  });
});

test("a bad CSV row is named by its line, and nothing starts", async ({ page, request }) => {
  const before = (await (await request.get("/api/runs")).json()).total;
  await page.goto("/");
  await page.getByLabel("Kind").selectOption({ label: "Call your Restate handler" });
  await page.getByLabel("Handler").selectOption("TextStats/analyze");
  await page.getByRole("textbox", { name: "Items" }).fill("id,text\n1,fine\n2,too,many\n");
  await expect(page.getByRole("alert").filter({ hasText: "Line 3:" })).toBeVisible();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Fix the problems in the items first" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  expect((await (await request.get("/api/runs")).json()).total).toBe(before);
});
