import { existsSync } from "node:fs";

/** Where a browser for the e2e tests may already be: an explicit path, then Debian's Chromium. */
export const SYSTEM_CHROMIUM_CANDIDATES = [
  process.env.FANLINE_CHROMIUM,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
];

/**
 * The Chromium binary Playwright should drive: FANLINE_CHROMIUM or the
 * system's; undefined means "use Playwright's own browser" (on a laptop with
 * `npx playwright install`).
 */
export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUM_CANDIDATES.find(
    (candidate): candidate is string => Boolean(candidate) && existsSync(candidate!),
  );
}
