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

/**
 * How Debian's Chromium is started, as root in a sandbox-less container with
 * no network beyond loopback; Playwright's own browser needs none of this.
 */
export function chromiumLaunchArgs(executablePath: string | undefined): string[] {
  return executablePath
    ? [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ]
    : [];
}
