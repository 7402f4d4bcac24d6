import { startTestStack, type TestStack } from "../test/support/test-stack";
import { test } from "./fixtures";
import { distDirFor, E2E_WEB_MODE } from "./web-mode";

/** The pages and routes a first visit compiles or warms, so no test pays for it. */
const WARM_UP = ["/", "/runs/warm-up", "/api/runs", "/api/runs/warm-up", "/api/runs/warm-up/subtasks"];

/**
 * A stack of the spec's own (Restate, the services, a dashboard), for tests
 * that crash its parts or kill invocations, so the rest of the suite is not
 * disturbed. Started before the spec's first test and stopped after its last.
 */
export function ownStack(name: string): () => TestStack {
  let stack: TestStack | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    stack = await startTestStack({ web: E2E_WEB_MODE, webEnv: { NEXT_DIST_DIR: distDirFor(name) } });
    for (const page of WARM_UP) await fetch(`${stack.webUrl}${page}`).catch(() => undefined);
  });
  test.afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error(`the ${name} stack has not started`);
    return stack;
  };
}
