import http from "node:http";
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

/**
 * POSTs a chunked body (no Content-Length) that never ends, 64 KiB at a time,
 * and answers the status and how many bytes had gone out when the answer
 * came (counting what sat in socket buffers: on loopback several MiB go out
 * before a server that stopped reading pushes back). A server that reads the
 * whole body first never answers: after `maxBytes` this gives up and answers
 * status 0.
 */
export function streamUntilAnswered(
  url: string,
  headers: Record<string, string> = {},
  maxBytes = 24 * 1024 * 1024,
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } });
    const answer = (status: number) => {
      if (answered) return;
      answered = true;
      resolve({ status, sent });
      request.destroy();
    };
    request.on("response", (response) => {
      response.resume();
      answer(response.statusCode ?? 0);
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, " "); // whitespace: still "JSON" to a server that waits for the end
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) setTimeout(() => answer(0), 5000);
    };
    pump();
  });
}
