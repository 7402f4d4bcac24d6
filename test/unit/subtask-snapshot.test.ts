import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  applyChanges,
  emptySnapshot,
  fetchChangesSince,
  isStub,
  NO_LABELS,
  stubRange,
  unlabelledStubs,
  withLabels,
} from "@/components/run/subtask-snapshot";
import type { SubtaskDelta } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";

const record = (index: number, status: SubtaskRecord["status"], extra: Partial<SubtaskRecord> = {}): SubtaskRecord => ({
  index,
  description: `s${index}`,
  status,
  ...extra,
});
const delta = (version: string, total: number, subtasks: SubtaskRecord[]): SubtaskDelta => ({
  version,
  total,
  subtasks,
  next: null,
});

describe("the client's copy of a run's subtasks", () => {
  it("fills in what a delta brings and keeps what it does not", () => {
    const first = applyChanges(
      emptySnapshot("r"),
      "0",
      delta("1", 3, [record(0, "running"), record(1, "pending"), record(2, "pending")]),
    );
    const second = applyChanges(first, "1", delta("2", 3, [record(1, "succeeded", { startedAt: 1, finishedAt: 2 })]));
    assert.equal(second.version, "2");
    assert.deepEqual(
      second.records.map((r) => r?.status),
      ["running", "succeeded", "pending"],
    );
  });

  it("ignores an answer to a cursor it no longer holds, so a slow request cannot roll a status back", () => {
    const now = applyChanges(emptySnapshot("r"), "0", delta("5", 1, [record(0, "succeeded")]));
    const late = applyChanges(now, "0", delta("3", 1, [record(0, "running")]));
    assert.equal(late, now);
    assert.equal(late.records[0]?.status, "succeeded");
  });

  it("keeps the same snapshot object when nothing changed but moves its cursor", () => {
    const held = applyChanges(emptySnapshot("r"), "0", delta("1", 1, [record(0, "running")]));
    assert.equal(applyChanges(held, "1", delta("1", 1, [])), held);
    const moved = applyChanges(held, "1", delta("2", 1, []));
    assert.equal(moved.version, "2");
    assert.equal(moved.records, held.records);
  });

  it("drops records past a smaller total and never writes outside it", () => {
    const held = applyChanges(emptySnapshot("r"), "0", delta("1", 3, [record(0, "running"), record(2, "running")]));
    const shrunk = applyChanges(held, "1", delta("2", 2, [record(5, "running")]));
    assert.equal(shrunk.records.length, 2);
    assert.equal(shrunk.records[5], undefined);
  });
});

describe("a first load with pending ranges", () => {
  const first = applyChanges(emptySnapshot("r"), "0", {
    ...delta("3", 10, [record(0, "succeeded"), record(4, "running")]),
    pending: [
      [1, 4],
      [5, 10],
    ],
  });

  it("holds a pending stub for every subtask a range names, and the records for the rest", () => {
    assert.deepEqual(
      first.records.map((r) => (isStub(r) ? "stub" : r?.status)),
      ["succeeded", "stub", "stub", "stub", "running", "stub", "stub", "stub", "stub", "stub"],
    );
    assert.ok(first.records.filter(isStub).every((r) => r.status === "pending"));
  });

  it("asks for the one range that holds the unlabelled stubs on screen", () => {
    assert.deepEqual(stubRange(first, [3, 4, 5, 6], NO_LABELS), [3, 7]);
    assert.equal(stubRange(first, [0, 4], NO_LABELS), null);
    const labels = withLabels(NO_LABELS, [record(3, "pending"), record(5, "pending")]);
    assert.deepEqual(stubRange(first, [3, 4, 5, 6], labels), [6, 7]);
  });

  it("keeps labels apart from the records: a fetched slice names stubs and never changes a status", () => {
    const moved = applyChanges(first, "3", delta("4", 10, [record(5, "succeeded")]));
    // A slice read before that delta still says subtask 5 is pending: only its description is taken.
    const labels = withLabels(NO_LABELS, [record(5, "pending"), record(6, "pending"), record(7, "running")]);
    assert.deepEqual(
      [...labels],
      [
        [5, "s5"],
        [6, "s6"],
        [7, "s7"],
      ],
    );
    assert.equal(moved.records[5]?.status, "succeeded");
    assert.ok(isStub(moved.records[7]) && moved.records[7].status === "pending", "status changes come with deltas");
    assert.equal(withLabels(labels, [record(6, "pending")]), labels, "nothing new: the same map");
  });

  it("counts the stubs a search has yet to look into, from the first of them", () => {
    assert.deepEqual(unlabelledStubs(first, NO_LABELS), { count: 8, first: 1 });
    const labels = withLabels(
      NO_LABELS,
      [1, 2, 3].map((i) => record(i, "pending")),
    );
    assert.deepEqual(unlabelledStubs(first, labels), { count: 5, first: 5 });
  });
});

describe("a first load of many pages", () => {
  it("hears each page alone, and applying them one on another gives what the whole answer gives", async () => {
    const pages: SubtaskDelta[] = [
      { version: "7.1", total: 6, subtasks: [record(0, "succeeded")], next: 1, pending: [] },
      { version: "7.1", total: 6, subtasks: [record(1, "running")], next: 2, pending: [[2, 4]] },
      { version: "7.1", total: 6, subtasks: [record(4, "failed"), record(5, "pending")], next: null, pending: [] },
    ];
    const asked: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      asked.push(url);
      const from = Number(new URL(url, "http://x").searchParams.get("from"));
      return new Response(JSON.stringify(pages[from]), { status: 200 });
    }) as typeof fetch;
    try {
      const heard: SubtaskDelta[] = [];
      let soFar = emptySnapshot("r");
      const whole = await fetchChangesSince("r", "0", (page) => {
        heard.push(page);
        soFar = applyChanges(soFar, "0", page);
      });
      assert.deepEqual(
        heard.map((p) => p.subtasks.map((r) => r.index)),
        [[0], [1]],
        "each page's own records, the last one left to the whole answer",
      );
      assert.equal(soFar.version, "0", "the partial copy stays at the first cursor");
      assert.ok(asked.every((url) => url.includes("pending=ranges")));
      const final = applyChanges(emptySnapshot("r"), "0", whole);
      assert.equal(final.version, "7.1");
      assert.deepEqual(
        final.records.map((r) => (isStub(r) ? "stub" : r?.status)),
        ["succeeded", "running", "stub", "stub", "failed", "pending"],
      );
      assert.deepEqual(
        soFar.records.slice(0, 4).map((r) => (isStub(r) ? "stub" : r?.status)),
        final.records.slice(0, 4).map((r) => (isStub(r) ? "stub" : r?.status)),
      );
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
