// The dashboard at 10,000 lanes, measured in Chromium with the browser's own
// performance APIs: resource timing for when the subtasks data arrived, a
// MutationObserver plus two animation frames for when the first lanes were
// painted, and PerformanceObserver('longtask') for main-thread blocking.
import { chromium, type Browser, type Page } from "@playwright/test";
import { chromiumLaunchArgs, systemChromium } from "@/scripts/browser";
import { round, sleep } from "./stats";

/**
 * Runs inside the page before any of its scripts. A string, not a function:
 * tsx compiles functions with name-keeping helpers the page does not have.
 */
const INSTRUMENT = `
  const state = { longTasks: [], firstLaneDom: null, firstLanePaint: null };
  window.__bench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const watcher = new MutationObserver(() => {
    if (state.firstLaneDom !== null) return;
    if (!document.querySelector('[role="listitem"][data-index]:not([aria-label$=": loading"])')) return;
    state.firstLaneDom = performance.now();
    watcher.disconnect();
    // Two frames later the lanes have been through style, layout and paint.
    requestAnimationFrame(() => requestAnimationFrame(() => { state.firstLanePaint = performance.now(); }));
  });
  document.addEventListener("DOMContentLoaded", () => watcher.observe(document.body, { childList: true, subtree: true, attributes: true }));
`;

interface PageState {
  longTasks: { start: number; duration: number }[];
  firstLaneDom: number | null;
  firstLanePaint: number | null;
  subtaskResponses: { start: number; end: number; bytes: number }[];
  now: number;
}

async function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: Omit<PageState, "subtaskResponses" | "now"> }).__bench;
    const subtaskResponses = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => e.name.includes("/subtasks?"))
      .map((e) => ({ start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize }));
    return { ...b, longTasks: [...b.longTasks], subtaskResponses, now: performance.now() };
  });
}

const maxIn = (tasks: { start: number; duration: number }[], from: number, to: number) =>
  round(Math.max(0, ...tasks.filter((t) => t.start + t.duration >= from && t.start <= to).map((t) => t.duration)));

/** Wheel-scrolls the timeline from top to bottom and back in steps; answers the window it took (page clock). */
async function scrollTimeline(page: Page): Promise<{ from: number; to: number; deepestLane: number }> {
  const list = page.getByRole("list", { name: "Subtasks timeline" });
  const box = await list.boundingBox();
  if (!box) throw new Error("bench: the timeline is not on screen");
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  const from = await page.evaluate(() => performance.now());
  let deepest = 0;
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, i < 40 ? 4000 : -6000);
    await sleep(30);
    if (i === 39) deepest = await list.evaluate((el) => el.parentElement!.scrollTop);
  }
  // A long jump, as dragging the scrollbar does.
  await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight / 2 }));
  await sleep(300);
  const to = await page.evaluate(() => performance.now());
  return { from, to, deepestLane: Math.round(deepest / 32) };
}

export interface DashboardTimings {
  /** From the response that completed the first subtasks snapshot to the first lanes painted. */
  firstLanesAfterDataMs: number | null;
  /** From navigation start to the first lanes painted. */
  firstLanesAfterNavigationMs: number | null;
  /** Subtask requests it took to have the first snapshot, and from the first request's start to the last answer. */
  firstSnapshotRequests: number;
  firstSnapshotMs: number | null;
  maxLongTaskLoadMs: number;
  maxLongTaskScrollMs: number;
  /** How far the wheel got (lane index at the top of the view), to show the scroll did happen. */
  scrolledToLane: number;
  /** Only for a run in flight: while the statuses stream in. */
  maxLongTaskStreamingMs: number | null;
  longTasksOver50ms: number;
}

async function measure(page: Page, url: string, whileOpen?: () => Promise<void>): Promise<DashboardTimings> {
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __bench: { firstLanePaint: number | null } }).__bench.firstLanePaint !== null,
    null,
    { timeout: 60_000 },
  );
  await sleep(500);
  const loaded = await pageState(page);
  const paint = loaded.firstLanePaint!;
  // The data that was painted: every subtasks response that ended before the lanes reached the DOM.
  const before = loaded.subtaskResponses.filter((r) => r.end <= loaded.firstLaneDom!);
  const arrived = before.length ? Math.max(...before.map((r) => r.end)) : null;
  let streaming: number | null = null;
  if (whileOpen) {
    const from = loaded.now;
    await whileOpen();
    const after = await pageState(page);
    streaming = maxIn(after.longTasks, from, after.now);
  }
  const scroll = await scrollTimeline(page);
  const final = await pageState(page);
  return {
    firstLanesAfterDataMs: arrived === null ? null : round(paint - arrived),
    firstLanesAfterNavigationMs: round(paint),
    firstSnapshotRequests: before.length,
    firstSnapshotMs: arrived === null ? null : round(arrived - Math.min(...before.map((r) => r.start))),
    maxLongTaskLoadMs: maxIn(final.longTasks, 0, loaded.now),
    maxLongTaskScrollMs: maxIn(final.longTasks, scroll.from, scroll.to),
    scrolledToLane: scroll.deepestLane,
    maxLongTaskStreamingMs: streaming,
    longTasksOver50ms: final.longTasks.length,
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = systemChromium();
  return chromium.launch({
    executablePath,
    args: chromiumLaunchArgs(executablePath),
  });
}

/**
 * Opens `/runs/<id>` in a fresh page at a desktop size. For a run in flight,
 * `whileOpen` keeps the page open while it streams (until the run ends).
 */
export async function measureRunPage(
  browser: Browser,
  webUrl: string,
  id: string,
  whileOpen?: () => Promise<void>,
): Promise<DashboardTimings> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: INSTRUMENT });
    return await measure(page, `${webUrl}/runs/${encodeURIComponent(id)}`, whileOpen);
  } finally {
    await context.close();
  }
}
