import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * The e2e suite drives a production build (`next build` + `next start`) by
 * default: what users get, with the real CSP and no dev-server reloads.
 * FANLINE_E2E_WEB=dev runs it against `next dev` instead.
 */
export const E2E_WEB_MODE: "dev" | "start" = process.env.FANLINE_E2E_WEB === "dev" ? "dev" : "start";

/** Where the suite's build goes; extra dashboards in production mode share it. */
export const E2E_DIST_DIR = ".next-e2e";

/** The dist dir for an extra dashboard: a dev server needs its own, `next start` can share the build. */
export function distDirFor(name: string): string {
  return E2E_WEB_MODE === "start" ? E2E_DIST_DIR : `${E2E_DIST_DIR}-${name}`;
}

export function buildDashboard(): void {
  const root = path.resolve(import.meta.dirname, "..");
  console.log("e2e: building the dashboard (next build)...");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed: the e2e suite cannot start");
}
