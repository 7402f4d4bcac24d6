import type { SubtaskDelta, SubtaskSlice } from "@/lib/answers";
import { expect, test } from "./fixtures";
import { lane, lanes, startRun } from "./helpers";

// A big run that has barely begun: 3,000 subtasks, five at a time, each 2 s.
const TOTAL = 3000;
const items = Array.from({ length: TOTAL }, (_, i) => `item ${i} [take 2s]`).join(",");

test.describe("a first load sends untouched subtasks as ranges", () => {
  let id: string;
  test.beforeEach(async ({ request }) => {
    id = await startRun(request, { description: items, concurrency: 5 });
    await expect.poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).counts?.running).toBe(5);
  });
  test.afterEach(async ({ request }) => {
    await request.post(`/api/runs/${id}/cancel`, { data: {} });
  });

  test("through the API: what started as records, every other subtask once in a range, descriptions by slice", async ({
    request,
  }) => {
    const first = (await (await request.get(`/api/runs/${id}/subtasks?since=0&pending=ranges`)).json()) as SubtaskDelta;
    expect(first.next).toBeNull();
    expect(first.subtasks.length).toBeLessThan(200);
    expect(first.subtasks.filter((r) => r.status === "running").length).toBeGreaterThan(0);
    const covered = new Array<number>(TOTAL).fill(0);
    for (const r of first.subtasks) covered[r.index]++;
    for (const [from, to] of first.pending ?? []) for (let i = from; i < to; i++) covered[i]++;
    expect(covered.filter((n) => n !== 1)).toEqual([]);

    const slice = (await (
      await request.get(`/api/runs/${id}/subtasks/slice?from=2500&to=2503`)
    ).json()) as SubtaskSlice;
    expect(slice.total).toBe(TOTAL);
    expect(slice.subtasks.map((r) => [r.index, r.description, r.status])).toEqual([
      [2500, "item 2500 [take 2s]", "pending"],
      [2501, "item 2501 [take 2s]", "pending"],
      [2502, "item 2502 [take 2s]", "pending"],
    ]);

    // Without the flag an API user still gets every record in full.
    const full = (await (await request.get(`/api/runs/${id}/subtasks?since=0`)).json()) as SubtaskDelta;
    expect(full.pending).toBeUndefined();
    expect(full.subtasks.length).toBe(2000);

    for (const [path, message] of [
      ["subtasks?since=0&pending=all", /pending must be 'ranges'/],
      ["subtasks/slice?from=10&to=10", /from below to/],
      ["subtasks/slice?from=0&to=5000", /At most 2000/],
    ] as const) {
      const response = await request.get(`/api/runs/${id}/${path}`);
      expect(response.status(), path).toBe(400);
      expect((await response.json()).error).toMatch(message);
    }
  });

  test("on the run page: a small first load, and a lane far down shows its description once on screen", async ({
    page,
  }) => {
    const firstLoad: number[] = [];
    page.on("response", async (response) => {
      if (/\/subtasks\?since=0&/.test(response.url())) firstLoad.push((await response.body()).length);
    });
    await page.goto(`/runs/${id}`);
    await expect(lane(page, /^item 0 \[take 2s\]: /)).toBeVisible();
    await expect(lane(page, /^item 20 \[take 2s\]: pending/)).toBeVisible();
    expect(firstLoad.length).toBeGreaterThan(0);
    expect(Math.max(...firstLoad), "the first load's largest page, in bytes").toBeLessThan(50_000);

    await lanes(page).first().focus();
    await page.keyboard.press("End");
    await expect(lane(page, /^item 2999 \[take 2s\]: pending/)).toBeVisible();
    await expect(page.getByText(`All ${TOTAL.toLocaleString("en-US")} subtasks shown`)).toBeVisible();

    // A search looks into every description, loading the pending ones it has not got.
    await page.getByRole("searchbox", { name: "Search" }).fill("item 2950 [");
    const results = page.getByRole("table", { name: "Results" });
    await expect(results.getByRole("row").filter({ hasText: "item 2950 [take 2s]" })).toBeVisible();
    await expect(page.getByTestId("results-count")).toHaveText(/^1 of 3,000 subtasks$/);
  });
});
