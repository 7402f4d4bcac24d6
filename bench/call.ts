/*
 * `npm run bench:call`: the `call` kind at 10,000 items, on a stack of its own
 * (free ports, the example user service registered, the production dashboard
 * from the e2e build or a fresh one).
 *
 *   drop a 10,000-row CSV on the form → preview and count → Start → first lane   (Chromium)
 *   then, alternating ×2: a 10,000-item call run ⇄ a 10,000-item noop run        (run time, from the summary)
 */
import { existsSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { RunSummary } from "@/lib/answers";
import { startTestStack, type TestStack } from "@/test/support/test-stack";
import { launchBrowser } from "./dashboard";
import { buildDashboard, BENCH_DIST_DIR } from "./stack";

const N = Number(process.env.BENCH_CALL_N ?? 10_000);
const csv = [
  "id,text",
  ...Array.from(
    { length: N },
    (_, i) => `${i},"row ${i}: the quick brown fox jumps over the lazy dog, ${i % 7} times."`,
  ),
].join("\n");

async function finished(stack: TestStack, id: string): Promise<RunSummary> {
  for (;;) {
    const summary = (await (await fetch(`${stack.webUrl}/api/runs/${id}`)).json()) as RunSummary;
    if (summary.finishedAt !== null) return summary;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function post(stack: TestStack, path: string, body: string, type: string): Promise<string> {
  const response = await fetch(`${stack.webUrl}${path}`, { method: "POST", headers: { "content-type": type }, body });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function dropToFirstLane(page: Page, webUrl: string) {
  await page.goto(webUrl);
  await page.getByLabel("Kind").selectOption({ label: "Call your Restate handler" });
  await page.getByLabel("Handler").selectOption("TextStats/analyze");
  const started = Date.now();
  const transfer = await page.evaluateHandle((text) => {
    const t = new DataTransfer();
    t.items.add(new File([text], "items.csv", { type: "text/csv" }));
    return t;
  }, csv);
  await page.getByTestId("items-drop").dispatchEvent("drop", { dataTransfer: transfer });
  await page
    .getByRole("status")
    .filter({ hasText: `${N.toLocaleString("en-US")} items` })
    .waitFor({ timeout: 120_000 });
  const preview = Date.now() - started;
  await page.getByRole("button", { name: "Start run" }).click();
  await page
    .getByRole("list", { name: "Subtasks timeline" })
    .getByRole("listitem")
    .first()
    .waitFor({ timeout: 120_000 });
  const firstLane = Date.now() - started;
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  return { preview, firstLane, id };
}

async function main() {
  const dist = existsSync(".next-e2e/BUILD_ID") ? ".next-e2e" : (buildDashboard(), BENCH_DIST_DIR);
  const stack = await startTestStack({
    web: "start",
    webEnv: { NEXT_DIST_DIR: dist, NODE_OPTIONS: "" },
    example: true,
  });
  const browser = await launchBrowser();
  // Ctrl-C: stop the stack's processes too (they run in process groups of their own).
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void browser.close().finally(() => stack.stop().finally(() => process.exit(130))));
  }
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const drop = await dropToFirstLane(page, stack.webUrl!);
    const formRun = await finished(stack, drop.id);
    console.log(`drop → preview and count: ${drop.preview} ms; drop → first lane: ${drop.firstLane} ms (${N} items)`);
    console.log(`call (from the form): ${formRun.finishedAt! - formRun.createdAt} ms`);
    for (let round = 1; round <= 2; round++) {
      const call = await finished(stack, await post(stack, "/api/runs?target=TextStats/analyze", csv, "text/csv"));
      const noopDescription = Array.from({ length: N }, (_, i) => `item ${i}`).join(",");
      const noop = await finished(
        stack,
        await post(
          stack,
          "/api/runs",
          JSON.stringify({ kind: "noop", description: noopDescription }),
          "application/json",
        ),
      );
      console.log(
        `round ${round}: call ${call.finishedAt! - call.createdAt} ms (${call.counts.succeeded} succeeded), noop ${noop.finishedAt! - noop.createdAt} ms`,
      );
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

await main();
