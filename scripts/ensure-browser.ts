// Makes sure the e2e tests have a Chromium to drive, so `npm test` needs
// nothing else on a fresh machine: the system's (or FANLINE_CHROMIUM), else
// Playwright's own; where neither exists, Debian's package when apt is there
// and we are root, Playwright's download elsewhere.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { systemChromium } from "./browser";

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "inherit" }).status === 0;
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const found = systemChromium() ?? playwrightChromium();
if (found) {
  console.log(`e2e browser: ${found}`);
  process.exit(0);
}

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (hasApt && isRoot) {
  console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)...");
  if (run("apt-get", ["update", "-qq"]) && run("apt-get", ["install", "-y", "-qq", "chromium"]) && systemChromium())
    process.exit(0);
  console.error("Installing Debian's chromium failed.");
  process.exit(1);
}
console.log("No Chromium found: downloading Playwright's (npx playwright install chromium)...");
process.exit(run("npx", ["playwright", "install", "chromium"]) ? 0 : 1);
