import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchArgs, systemChromium } from "./scripts/browser";

// Debian's Chromium where it exists (or FANLINE_CHROMIUM), Playwright's own
// browser otherwise: the same tests run in CI and on a laptop.
const executablePath = systemChromium();

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: chromiumLaunchArgs(executablePath),
        },
      },
    },
  ],
});
