import type { RunSummary } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";
import { isRunFinished } from "@/lib/status";
import { sleep } from "./test-stack";

/** Calls to the dashboard's HTTP API, as a user's script would make them. */
export function apiClient(baseUrl: () => string) {
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl()}${path}`, init);
    const text = await response.text();
    // Whatever the route answered: each test asserts the shape it expects.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (a download): keep the text
    }
    return { status: response.status, headers: response.headers, body, text };
  };
  const api = {
    request,
    get: (path: string) => request(path),
    post: (path: string, body: string | object, contentType = "application/json") =>
      request(path, {
        method: "POST",
        headers: { "content-type": contentType },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    async finished(id: string, timeoutMs = 120_000): Promise<RunSummary> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { status, body } = await request(`/api/runs/${id}`);
        if (status === 200 && isRunFinished((body as RunSummary).status)) return body as RunSummary;
        await sleep(200);
      }
      throw new Error(`run ${id} did not finish in ${timeoutMs} ms`);
    },
    async subtasks(id: string): Promise<SubtaskRecord[]> {
      const records: SubtaskRecord[] = [];
      for (let from: number | null = 0; from !== null;) {
        const { body } = await request(`/api/runs/${id}/subtasks?since=0&from=${from}`);
        records.push(...body.subtasks);
        from = body.next;
      }
      return records;
    },
    async runCount(): Promise<number> {
      return (await request("/api/runs?limit=1")).body.total;
    },
  };
  return api;
}
