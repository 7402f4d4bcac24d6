import type { FullConfig } from "@playwright/test";
import { startTestStack } from "../test/support/test-stack";
import { buildDashboard, E2E_DIST_DIR, E2E_WEB_MODE } from "./web-mode";

/**
 * One real stack for the e2e suite: Restate from npm, the services, their
 * registration and the dashboard, on free ports. Tests read the dashboard's
 * address from FANLINE_BASE_URL; the returned function stops everything.
 */
export default async function globalSetup(_config: FullConfig) {
  process.env.NEXT_DIST_DIR = E2E_DIST_DIR;
  if (E2E_WEB_MODE === "start") buildDashboard();
  const stack = await startTestStack({ web: E2E_WEB_MODE, example: true });
  process.env.FANLINE_BASE_URL = stack.webUrl!;
  process.env.FANLINE_INGRESS_URL = stack.ingressUrl;
  process.env.FANLINE_ADMIN_URL = stack.adminUrl;
  // Compile the pages once so the first test does not wait on the dev compiler.
  for (const page of ["/", "/runs/warm-up", "/api/runs", "/api/runs/warm-up", "/api/runs/warm-up/subtasks"]) {
    await fetch(`${stack.webUrl}${page}`).catch(() => undefined);
  }
  return async () => {
    await stack.stop();
  };
}
