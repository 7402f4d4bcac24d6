import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

let counter = 0;
/** A run id no other test uses, readable in failure output. */
export function runId(name: string): string {
  counter += 1;
  return `e2e-${name}-${Date.now().toString(36)}-${counter}`;
}

/** Starts a run through the API (the form has its own tests) and answers its id. */
export async function startRun(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const id = (body.id as string | undefined) ?? runId("run");
  const response = await request.post("/api/runs", { data: { kind: "noop", ...body, id } });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return id;
}

/** Waits until the API says the run finished. */
export async function waitFinished(request: APIRequestContext, id: string, timeout = 45_000): Promise<void> {
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).status, { timeout })
    .toMatch(/^(succeeded|failed|cancelled)$/);
}

export function lanes(page: Page) {
  return page.getByRole("list", { name: "Subtasks timeline" }).getByRole("listitem");
}

export function lane(page: Page, name: RegExp) {
  return page.getByRole("list", { name: "Subtasks timeline" }).getByRole("listitem", { name });
}

/** A status count in the fan-in header: a button such as "failed 2". */
export function countButton(page: Page, status: string, count?: number) {
  return page.getByRole("button", { name: new RegExp(`^${status}\\s*${count ?? "\\d+"}$`) });
}

export function details(page: Page) {
  return page.getByRole("complementary");
}
