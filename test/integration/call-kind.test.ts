import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Papa from "papaparse";
import type { ResultRecord } from "@/lib/results";
import type { Managed } from "@/scripts/stack/process";
import { apiClient } from "../support/api";
import { useTestStack } from "../support/test-stack";
import { expectedStats, startUserService, type TextItem } from "../support/user-service";
import { waitUntil } from "../support/wait";

const MAX_SUBTASKS = 300;

describe("the call kind: a user's own handler per item, from CSV, JSON Lines or JSON", () => {
  const stack = useTestStack({
    web: "dev",
    webEnv: {
      NEXT_DIST_DIR: ".next-it-call",
      FANLINE_CALL_TARGETS: "TestText/*, TestCounter/add",
      FANLINE_MAX_SUBTASKS: String(MAX_SUBTASKS),
    },
  });
  const api = apiClient(() => stack().webUrl!);
  let userService: Managed;
  before(async () => {
    userService = await startUserService(stack().adminUrl);
  });
  after(async () => {
    await userService?.stop();
  });

  it("offers exactly the allowed handlers, none of Fanline's own", async () => {
    const { status, body } = await api.get("/api/call-targets");
    assert.equal(status, 200);
    assert.deepEqual(
      body.targets.map((t: { target: string; keyed: boolean }) => `${t.target}${t.keyed ? " (keyed)" : ""}`),
      ["TestCounter/add (keyed)", "TestText/slow", "TestText/stats"],
    );
  });

  it("CSV: one call per row, every result the handler's answer, refusals failed at once with the handler's message", async () => {
    const items: TextItem[] = Array.from({ length: 40 }, (_, i) => ({
      id: String(i + 1),
      text: i % 10 === 3 ? `please refuse ${i}` : `item number ${i}, with "quotes", commas\nand a newline`,
    }));
    const csv = ["id,text", ...items.map((it) => `${it.id},"${it.text.replace(/"/g, '""')}"`)].join("\r\n");
    const created = await api.post(
      "/api/runs?target=TestText/stats&concurrency=8&retry.maxAttempts=3",
      csv,
      "text/csv",
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const summary = await api.finished(created.body.id);
    assert.equal(summary.kind, "call");
    assert.deepEqual(summary.kindContext, { target: "TestText/stats" });
    assert.equal(summary.counts.succeeded, 36);
    assert.equal(summary.counts.failed, 4);

    const records = await api.subtasks(created.body.id);
    assert.equal(records.length, items.length);
    for (const [i, item] of items.entries()) {
      const record = records[i];
      assert.equal(record.index, i);
      if (item.text.includes("refuse")) {
        assert.equal(record.status, "failed");
        assert.equal(record.error, `Refused item ${item.id}: "${item.text}"`);
        assert.equal(record.attempts?.length, 1, "a TerminalError is not retried");
      } else {
        assert.equal(record.status, "succeeded");
        assert.deepEqual(record.result, expectedStats(item), `row ${i + 1}`);
      }
    }

    // Both downloads: one record per subtask in input order, each checked against its input.
    const jsonl = await api.get(`/api/runs/${created.body.id}/results?format=jsonl`);
    assert.equal(jsonl.headers.get("x-fanline-partial"), "false");
    const lines: ResultRecord[] = jsonl.text
      .trimEnd()
      .split("\n")
      .map((line: string) => JSON.parse(line));
    assert.deepEqual(
      lines.map((r) => r.index),
      items.map((_, i) => i),
    );
    for (const [i, item] of items.entries()) {
      const refused = item.text.includes("refuse");
      assert.deepEqual(lines[i].input, item);
      assert.equal(lines[i].status, refused ? "failed" : "succeeded");
      assert.deepEqual(lines[i].result, refused ? null : expectedStats(item));
      assert.equal(lines[i].error, refused ? `Refused item ${item.id}: "${item.text}"` : null);
      assert.equal(lines[i].attempts, 1);
      assert.equal(lines[i].durationMs, Date.parse(lines[i].finishedAt!) - Date.parse(lines[i].startedAt!));
    }
    const csvDownload = await api.get(`/api/runs/${created.body.id}/results?format=csv`);
    assert.match(csvDownload.headers.get("content-disposition")!, /\.csv"$/);
    const table = Papa.parse<Record<string, string>>(csvDownload.text.replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    });
    assert.deepEqual(table.errors, []);
    assert.deepEqual(table.meta.fields, [
      "index",
      "status",
      "attempts",
      "startedAt",
      "finishedAt",
      "durationMs",
      "error",
      "input",
      "result",
      "input.id",
      "input.text",
      "result.id",
      "result.characters",
      "result.words",
    ]);
    for (const [i, item] of items.entries()) {
      const row = table.data[i];
      assert.equal(row.index, String(i));
      assert.equal(row["input.text"], item.text, `row ${i + 1} keeps quotes, commas and newlines`);
      assert.deepEqual(JSON.parse(row.input), item);
      if (row.status === "succeeded") assert.equal(row["result.words"], String(expectedStats(item).words));
      else assert.equal(row.error, `Refused item ${item.id}: "${item.text}"`);
    }
    const failedOnly = await api.get(`/api/runs/${created.body.id}/results?format=jsonl&status=failed`);
    assert.deepEqual(
      failedOnly.text
        .trimEnd()
        .split("\n")
        .map((l: string) => JSON.parse(l).index),
      [3, 13, 23, 33],
    );
    assert.equal((await api.get(`/api/runs/${created.body.id}/results?format=xml`)).status, 400);

    // The details name the handler's own invocation, a child of the subtask's.
    const detail = await api.get(`/api/runs/${created.body.id}/subtasks/0`);
    assert.deepEqual(detail.body.input, items[0]);
    assert.equal(detail.body.calledInvocationIds.length, 1);
    const [called] = await stack().sql<{ target: string }>(
      `SELECT target FROM sys_invocation WHERE id = '${detail.body.calledInvocationIds[0]}'`,
    );
    assert.equal(called.target, "TestText/stats");
  });

  it("JSON Lines to a virtual object: each call goes to the object named by the item's key field", async () => {
    const items = [
      { id: "a", amount: 1 },
      { id: "b", amount: 2 },
      { id: "a", amount: 3 },
      { id: "c", amount: 4 },
      { id: "b", amount: 5 },
    ];
    const jsonl = items.map((it) => JSON.stringify(it)).join("\n") + "\n";
    const created = await api.post(
      "/api/runs?target=TestCounter/add&key=id&concurrency=1",
      jsonl,
      "application/x-ndjson",
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const summary = await api.finished(created.body.id);
    assert.equal(summary.status, "succeeded");
    const records = await api.subtasks(created.body.id);
    // One at a time, in order: each object's running total.
    assert.deepEqual(
      records.map((r) => r.result),
      [
        { key: "a", total: 1 },
        { key: "b", total: 2 },
        { key: "a", total: 4 },
        { key: "c", total: 4 },
        { key: "b", total: 7 },
      ],
    );
    assert.equal(records[0].description, 'id=a: {"id":"a","amount":1}');
  });

  it("JSON with items, to a slow handler: bounded by concurrency, every result back, a download mid-run has what finished", async () => {
    const MS = 1500;
    const items = Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, ms: MS }));
    const started = Date.now();
    const created = await api.post("/api/runs", { kind: "call", target: "TestText/slow", items, concurrency: 2 });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await waitUntil(
      "the first wave to finish",
      async () => (await api.get(`/api/runs/${created.body.id}`)).body.done >= 2,
    );
    const soFar = await api.get(`/api/runs/${created.body.id}/results?format=jsonl`);
    const summaryThen = (await api.get(`/api/runs/${created.body.id}`)).body;
    if (summaryThen.status === "running") {
      assert.equal(soFar.headers.get("x-fanline-partial"), "true");
      assert.match(soFar.headers.get("content-disposition")!, /-so-far\.jsonl"$/);
      const finished: ResultRecord[] = soFar.text
        .trimEnd()
        .split("\n")
        .map((l: string) => JSON.parse(l));
      assert.ok(finished.length >= 2 && finished.length < 6, `${finished.length} finished so far`);
      for (const r of finished) assert.equal(r.status, "succeeded");
    }

    const summary = await api.finished(created.body.id);
    assert.equal(summary.status, "succeeded");
    assert.ok(Date.now() - started >= 3 * MS, "three waves of two");
    const records = await api.subtasks(created.body.id);
    assert.deepEqual(
      records.map((r) => r.result),
      items.map((it) => ({ id: it.id, slept: MS })),
    );
    for (const r of records) assert.ok(r.finishedAt! - r.startedAt! >= MS - 100, `subtask ${r.index} took its time`);
  });

  describe("failures grouped by cause, a group re-run, tolerated failures", () => {
    // 20 items: 5 refused (one group), 3 over quota (another), 12 fine.
    const items: TextItem[] = Array.from({ length: 20 }, (_, i) => ({
      id: String(i),
      text:
        i % 4 === 1
          ? `refuse ${i}`
          : i % 6 === 2
            ? `fail:Quota exceeded for user u${i}x9z (limit ${100 + i})`
            : `fine ${i}`,
    }));
    const refused = 'Refused item <n>: "…"';
    const quota = "Quota exceeded for user <id> (limit <n>)";
    const start = async (query: string, body: object = {}) => {
      const created = await api.post(`/api/runs${query}`, { kind: "call", target: "TestText/stats", items, ...body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id as string;
    };

    it("within a count tolerance: succeeded, failures counted and grouped, largest first; a group re-runs alone", async () => {
      const id = await start("", { concurrency: 4, tolerance: { count: 8 } });
      const summary = await api.finished(id);
      assert.equal(summary.status, "succeeded");
      assert.equal(summary.error, null);
      assert.deepEqual(summary.tolerance, { count: 8 });
      assert.equal(summary.counts.failed, 8);
      assert.deepEqual(summary.errorGroups, [
        { error: refused, count: 5, sample: 1 },
        { error: quota, count: 3, sample: 2 },
      ]);
      assert.deepEqual(summary.errorGroupsRest, { groups: 0, count: 0 });

      assert.equal((await api.post(`/api/runs/${id}/rerun-failed`, { error: "No such group" })).status, 409);
      assert.equal((await api.post(`/api/runs/${id}/rerun-failed`, { error: 42 })).status, 400);
      const rerun = await api.post(`/api/runs/${id}/rerun-failed`, { error: quota });
      assert.equal(rerun.status, 201, JSON.stringify(rerun.body));
      assert.equal(rerun.body.subtasks, 3);
      const again = await api.finished(rerun.body.id);
      assert.deepEqual(again.kindContext, { target: "TestText/stats" }, "the re-run calls the same handler");
      assert.equal(again.rerunOf, id);
      const inputs = (await api.get(`/api/runs/${rerun.body.id}/results?format=jsonl`)).text
        .trimEnd()
        .split("\n")
        .map((l: string) => JSON.parse(l).input);
      assert.deepEqual(
        inputs,
        items.filter((it) => it.text.startsWith("fail:")),
      );
      assert.deepEqual(again.errorGroups, [{ error: quota, count: 3, sample: 0 }]);
    });

    it("within a percent tolerance: succeeded", async () => {
      const summary = await api.finished(await start("", { tolerance: { percent: 40 } }));
      assert.equal(
        summary.status,
        "succeeded",
        `${summary.error}; counts ${JSON.stringify(summary.counts)}; tolerance ${JSON.stringify(summary.tolerance)}`,
      );
      assert.equal(summary.counts.failed, 8);
    });

    it("past a tolerance: stops as fail-fast does, failed, saying which limit was crossed", async () => {
      const byCount = await api.finished(await start("", { concurrency: 1, tolerance: { count: 2 } }));
      assert.equal(byCount.status, "failed");
      assert.equal(byCount.error, "Stopped: 3 of 20 subtasks failed: more than the 2 failed subtasks tolerated");
      // One at a time, the third failure is item 5: everything after it never started.
      assert.equal(byCount.counts.failed, 3);
      assert.equal(byCount.counts.cancelled, 20 - 6);

      const byPercent = await api.finished(await start("", { concurrency: 1, tolerance: { percent: 10 } }));
      assert.equal(byPercent.status, "failed");
      assert.equal(byPercent.error, "Stopped: 3 of 20 subtasks failed (15%): more than the 10% tolerated");

      const bad = await api.post("/api/runs", {
        kind: "call",
        target: "TestText/stats",
        items,
        tolerance: { percent: 120 },
      });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /Tolerance must be/);
    });
  });

  it("refuses what it may not call, bad rows, oversized items and bodies, and creates nothing", async () => {
    const before = await api.runCount();
    const refuse = async (
      path: string,
      body: string | object,
      contentType: string | undefined,
      status: number,
      message: RegExp,
    ) => {
      const answer = await api.post(path, body, contentType);
      assert.equal(answer.status, status, `${path}: ${answer.text.slice(0, 300)}`);
      assert.match(answer.body.error, message);
      return answer.body;
    };
    const allowed = /Allowed targets: TestCounter\/add, TestText\/slow, TestText\/stats\./;
    await refuse("/api/runs?target=FanlineRun/run", "x\n1", "text/csv", 400, allowed);
    await refuse("/api/runs?target=TestCounter/get&key=id", '{"id":"a"}', "application/x-ndjson", 400, allowed);
    await refuse("/api/runs", { kind: "call", target: "Nope/nothing", items: [1] }, "application/json", 400, allowed);
    await refuse(
      "/api/runs?target=TestCounter/add",
      '{"id":"a","amount":1}',
      "application/x-ndjson",
      400,
      /virtual object.*key/,
    );
    await refuse(
      "/api/runs?target=TestCounter/add&key=name",
      '{"id":"a","amount":1}',
      "application/x-ndjson",
      400,
      /Item 1 has no "name" field/,
    );
    await refuse("/api/runs?target=TestText/stats&key=id", "id,text\n1,a", "text/csv", 400, /takes no key/);
    const badRow = await refuse(
      "/api/runs?target=TestText/stats",
      "id,text\n1,a\n2,b,extra\n3,c",
      "text/csv",
      400,
      /^Line 3: /,
    );
    assert.equal(badRow.issues[0].path, "items");
    await refuse(
      "/api/runs?target=TestText/stats",
      '{"id":"1","text":"a"}\n{"id": oops}\n',
      "application/x-ndjson",
      400,
      /^Line 2: Not valid JSON/,
    );
    await refuse(
      "/api/runs?target=TestText/stats&colour=red",
      "id,text\n1,a",
      "text/csv",
      400,
      /Unknown query parameter 'colour'/,
    );
    await refuse("/api/runs?target=TestText/stats", "id,text\n1,a", "text/plain", 415, /text\/csv/);

    const big = { id: "big", text: "x".repeat(64 * 1024) };
    await refuse(
      "/api/runs",
      { kind: "call", target: "TestText/stats", items: [big] },
      "application/json",
      400,
      /Item 1 is larger than 64 KiB/,
    );
    const many = Array.from({ length: MAX_SUBTASKS + 1 }, (_, i) => ({ id: String(i), text: "t" }));
    await refuse(
      "/api/runs",
      { kind: "call", target: "TestText/stats", items: many },
      "application/json",
      400,
      /301 items; the limit is 300/,
    );
    assert.equal(await api.runCount(), before, "no run was created");

    // Over 20 MiB: refused while reading, even without a declared length. (Last: the server
    // drops the connection with the body unread, so this client's next call on it would fail.)
    const huge = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("id,text\n"));
        const row = new TextEncoder().encode(`1,${"y".repeat(1024 * 1024)}\n`);
        for (let i = 0; i < 21; i++) controller.enqueue(row);
        controller.close();
      },
    });
    const streamed = await api.request("/api/runs?target=TestText/stats", {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: huge,
      duplex: "half",
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.match(streamed.body.error, /larger than 20 MiB/);
  });
});
