import { expect, test } from "./fixtures";
import { countButton, details, lane, lanes, runId, startRun, waitFinished } from "./helpers";

test("clicking a count filters the lanes to that state, and says how many are shown", async ({ page, request }) => {
  const id = await startRun(request, {
    description: "alpha,beta [fail permanently],gamma,delta [fail permanently],epsilon",
  });
  await waitFinished(request, id);
  await page.goto(`/runs/${id}`);
  await expect(lanes(page)).toHaveCount(5);

  await countButton(page, "failed", 2).click();
  await expect(lanes(page)).toHaveCount(2);
  await expect(lane(page, /^beta .*failed/)).toBeVisible();
  await expect(lane(page, /^delta .*failed/)).toBeVisible();
  await expect(page.getByText("2 of 5 shown")).toBeVisible();
  await expect(page.getByText(/— only failed/)).toBeVisible();
  await expect(page).toHaveURL(/status=failed/);

  await countButton(page, "succeeded", 3).click();
  await expect(lanes(page)).toHaveCount(3);
  await expect(page.getByText("3 of 5 shown")).toBeVisible();

  await countButton(page, "succeeded", 3).click();
  await expect(lanes(page)).toHaveCount(5);
  await expect(page.getByText("All 5 subtasks shown")).toBeVisible();
});

test("the run page asks for its subtasks beside its summary, not once the summary has come", async ({
  page,
  request,
}) => {
  const id = await startRun(request, { description: "alpha,beta,gamma" });
  await waitFinished(request, id);
  let summaryAnswered: number | undefined;
  let subtasksAsked: number | undefined;
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === `/api/runs/${id}`) summaryAnswered ??= performance.now();
  });
  page.on("request", (asked) => {
    if (new URL(asked.url()).pathname === `/api/runs/${id}/subtasks`) subtasksAsked ??= performance.now();
  });
  await page.goto(`/runs/${id}`);
  await expect(lanes(page)).toHaveCount(3);
  expect(subtasksAsked).toBeDefined();
  expect(subtasksAsked!).toBeLessThan(summaryAnswered!);
});

test("details open from the keyboard: focus a lane, Enter shows its attempts, Escape closes", async ({
  page,
  request,
}) => {
  const id = await startRun(request, {
    description: "first,flaky [fail 1],last",
    retry: { maxAttempts: 3, initialIntervalMs: 200 },
  });
  await waitFinished(request, id);
  await page.goto(`/runs/${id}`);
  await expect(lanes(page)).toHaveCount(3);

  await lane(page, /^first/).focus();
  await page.keyboard.press("ArrowDown");
  await expect(lane(page, /^flaky/)).toBeFocused();
  await page.keyboard.press("j");
  await expect(lane(page, /^last/)).toBeFocused();
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");

  const panel = details(page);
  await expect(panel.getByRole("heading", { name: "flaky [fail 1]" })).toBeVisible();
  await expect(panel.getByText("Attempts (2)")).toBeVisible();
  const rows = panel.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // header + two attempts
  await expect(rows.nth(1)).toContainText("Simulated failure on attempt 1");
  await expect(panel.getByText(/^inv_/)).toBeVisible();
  await expect(panel.getByRole("link", { name: /Open in Restate UI/ })).toHaveAttribute(
    "href",
    /\/ui\/invocations\/inv_/,
  );
  await expect(page).toHaveURL(/subtask=1/);

  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(lane(page, /^flaky/)).toBeFocused();
  await expect(page).not.toHaveURL(/subtask=/);
});

test("a deep link restores the selected subtask, the filter and the zoom, also after a reload", async ({
  page,
  request,
}) => {
  const id = await startRun(request, { description: "one,two,three [fail permanently],four" });
  await waitFinished(request, id);
  await page.goto(`/runs/${id}?status=succeeded&subtask=1&zoom=4`);
  const check = async () => {
    await expect(details(page).getByRole("heading", { name: "two" })).toBeVisible();
    await expect(countButton(page, "succeeded", 3)).toHaveAttribute("aria-pressed", "true");
    await expect(lanes(page)).toHaveCount(3);
    await expect(page.getByText("3 of 4 shown")).toBeVisible();
    await expect(page.getByText("4×", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Fit" })).toBeEnabled();
  };
  await check();
  await page.reload();
  await check();

  // Changes made on the page land in the URL too.
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect(page).toHaveURL(/zoom=2/);
  await page.getByRole("button", { name: "Errors only" }).click();
  await expect(page).toHaveURL(/errors=1/);
});

test("a simulated retry shows as retrying while it waits, then as a second attempt segment", async ({
  page,
  request,
}) => {
  const id = await startRun(request, {
    description: "flaky [fail 1],steady [take 8s]",
    retry: { maxAttempts: 3, initialIntervalMs: 4000 },
  });
  await page.goto(`/runs/${id}`);
  const flaky = lane(page, /^flaky/);
  await expect(lane(page, /^flaky \[fail 1\]: retrying, attempt 2 in/)).toBeVisible({ timeout: 15_000 });
  await expect(countButton(page, "retrying", 1)).toBeVisible();
  await expect(flaky.locator('[data-segment="wait"]')).toHaveCount(1);

  await expect(lane(page, /^flaky \[fail 1\]: succeeded/)).toBeVisible({ timeout: 20_000 });
  await expect(flaky.locator('[data-segment="failed"][data-attempt="1"]')).toHaveCount(1);
  await expect(flaky.locator('[data-segment="wait"]')).toHaveCount(1);
  await expect(flaky.locator('[data-segment="succeeded"][data-attempt="2"]')).toHaveCount(1);
});

test("cancel asks first, then cancels the run: what never started shows as cancelled", async ({ page, request }) => {
  const id = await startRun(request, {
    description: "a [take 20s],b [take 20s],c [take 20s],d [take 20s]",
    concurrency: 1,
  });
  await page.goto(`/runs/${id}`);
  await expect(countButton(page, "running", 1)).toBeVisible();

  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("3 pending will never start");
  await dialog.getByRole("button", { name: "Keep running" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Cancel run" }).click();
  await dialog.getByRole("button", { name: "Yes, cancel run" }).click();
  await expect(page.getByText("Why the run was cancelled")).toBeVisible({ timeout: 20_000 });
  await expect(countButton(page, "cancelled", 4)).toBeVisible();
  await expect(countButton(page, "pending", 0)).toBeVisible();
  for (const name of ["b", "c", "d"])
    await expect(lane(page, new RegExp(`^${name} \\[take 20s\\]: cancelled`))).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
});

test("re-run failed starts a run of just the failed subtasks, linked both ways", async ({ page, request }) => {
  const id = await startRun(request, {
    description: "fine,broken [fail permanently],also fine,bad [fail permanently]",
  });
  await waitFinished(request, id);
  await page.goto(`/runs/${id}`);
  await page.getByRole("button", { name: "Re-run failed (2)" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${id}$`));
  const rerun = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

  const related = page.getByRole("navigation", { name: "Related runs" });
  await expect(related).toContainText(`Re-run of ${id}`);
  await expect(lanes(page)).toHaveCount(2);
  await expect(lane(page, /^broken/)).toBeVisible();
  await expect(lane(page, /^bad/)).toBeVisible();

  await related.getByRole("link", { name: id }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${id}`));
  await expect(page.getByRole("navigation", { name: "Related runs" })).toContainText(`Re-runs: ${rerun}`);
  await page.getByRole("navigation", { name: "Related runs" }).getByRole("link", { name: rerun }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${rerun}`));
});

test("a finished run with a retried and a failed subtask (screenshot for the README)", async ({ page, request }) => {
  const id = await startRun(request, {
    id: runId("readme"),
    kind: "chores",
    description:
      "fetch catalogue [take 1s],resize images [fail 1],render thumbnails [take 2500ms],upload to CDN [fail permanently],purge cache [take 700ms],notify team [take 1200ms],write report [take 1800ms]",
    retry: { maxAttempts: 3, initialIntervalMs: 1000 },
  });
  await waitFinished(request, id);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/runs/${id}`);
  await expect(lane(page, /^resize images \[fail 1\]: succeeded/)).toBeVisible();
  await expect(lane(page, /^upload to CDN \[fail permanently\]: failed/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Partial aggregate" })).toBeVisible();
  // FANLINE_UPDATE_SCREENSHOTS=1 refreshes the README's picture; otherwise it goes with the test results.
  const path =
    process.env.FANLINE_UPDATE_SCREENSHOTS === "1" ? "docs/run-view.png" : test.info().outputPath("run-view.png");
  await page.screenshot({ path, fullPage: true });
});

test("with only slow subtasks left in flight, the page does not promise an end from the pace of the fast ones", async ({
  page,
  request,
}) => {
  const fast = Array.from({ length: 20 }, (_, i) => `fast ${i} [take 50ms]`);
  const id = await startRun(request, { kind: "noop", description: ["slow [take 20s]", ...fast].join(",") });
  await page.goto(`/runs/${id}`);
  await expect(page.getByText("20 of 21 done")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("ETA: when the last subtask in flight finishes")).toBeVisible();
  await expect(page.getByText(/^ETA \d/)).toHaveCount(0);
  await request.post(`/api/runs/${id}/cancel`);
});
