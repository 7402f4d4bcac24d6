import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUCKET_SIZE, RunLedger, SPLIT_VERSION } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { changesOf, type RunMeta } from "@/lib/run-state";
import type { SubtaskRecord } from "@/lib/records";

const TOTAL = 5 * LIMITS.subtaskPageSize + 7;
const buckets = Math.ceil(TOTAL / BUCKET_SIZE);
const meta = {
  total: TOTAL,
  version: 9,
  bucketVersions: Array.from({ length: buckets }, (_, b) => (b % 3 === 0 ? 9 : 2)),
} as RunMeta;
const bucket = (b: number): SubtaskRecord[] =>
  Array.from({ length: Math.min(BUCKET_SIZE, TOTAL - b * BUCKET_SIZE) }, (_, i) => ({
    index: b * BUCKET_SIZE + i,
    description: "",
    status: "succeeded",
  }));

describe("a page of a run's changed subtasks", () => {
  it("asks for the buckets a page needs in one read, not one after another", async () => {
    const calls: number[][] = [];
    const page = await changesOf(meta, { since: 0 }, async (bs) => {
      calls.push(bs);
      return bs.map(bucket);
    });
    assert.equal(page.subtasks.length, LIMITS.subtaskPageSize);
    assert.equal(calls.length, 1, `one read for the page, not ${calls.length}`);
    assert.ok(calls[0].length > 10, `the read asked for the page's ${calls[0].length} buckets`);
  });

  it("pages through everything changed, each record once and in order, whatever the changed buckets", async () => {
    for (const since of [0, 5]) {
      const seen: number[] = [];
      for (let from: number | null = 0; from !== null;) {
        const page = await changesOf(meta, { since, from }, async (bs) => bs.map(bucket));
        seen.push(...page.subtasks.map((r) => r.index));
        from = page.next;
      }
      const expected = Array.from({ length: buckets }, (_, b) => b)
        .filter((b) => meta.bucketVersions[b] > since)
        .flatMap((b) => bucket(b).map((r) => r.index));
      assert.deepEqual(seen, expected, `since ${since}`);
    }
  });
});

describe("a first load with pending ranges", () => {
  // Mid-run: the first buckets have changed, the rest still hold what the split wrote.
  const midRun = {
    total: TOTAL,
    version: 9,
    bucketVersions: Array.from({ length: buckets }, (_, b) => (b < 3 || b === 7 ? 9 : SPLIT_VERSION)),
  } as RunMeta;

  it("sends what changed as records and every untouched subtask as a range, unread, in one page", async () => {
    const read: number[] = [];
    const page = await changesOf(midRun, { since: 0, pendingRanges: true }, async (bs) => {
      read.push(...bs);
      return bs.map(bucket);
    });
    assert.deepEqual(read, [0, 1, 2, 7]);
    assert.equal(page.next, null);
    assert.deepEqual(page.pending, [
      [3 * BUCKET_SIZE, 7 * BUCKET_SIZE],
      [8 * BUCKET_SIZE, TOTAL],
    ]);
    assert.equal(page.subtasks.length, 4 * BUCKET_SIZE);
  });

  it("covers every subtask exactly once between records and ranges, page after page", async () => {
    const scattered = {
      ...midRun,
      bucketVersions: midRun.bucketVersions.map((_, b) => (b % 2 === 0 ? 9 : SPLIT_VERSION)),
    } as RunMeta;
    const covered = new Array<number>(TOTAL).fill(0);
    let pages = 0;
    for (let from: number | null = 0; from !== null; pages++) {
      const page = await changesOf(scattered, { since: 0, from, pendingRanges: true }, async (bs) => bs.map(bucket));
      for (const r of page.subtasks) covered[r.index]++;
      for (const [a, b] of page.pending ?? []) for (let i = a; i < b; i++) covered[i]++;
      from = page.next;
    }
    assert.ok(pages > 1, "half the buckets read still take more than a page");
    assert.deepEqual(
      covered.map((n, i) => [i, n]).filter(([, n]) => n !== 1),
      [],
    );
  });

  it("reads buckets asked for by number even when untouched, and sends no ranges when not asked to", async () => {
    const asked = await changesOf(
      midRun,
      { since: Number.MAX_SAFE_INTEGER, buckets: [5], pendingRanges: true },
      async (bs) => bs.map(bucket),
    );
    assert.deepEqual(
      asked.subtasks.map((r) => r.index),
      bucket(5).map((r) => r.index),
    );
    assert.deepEqual(asked.pending, []);
    const plain = await changesOf(midRun, { since: 0 }, async (bs) => bs.map(bucket));
    assert.equal(plain.pending, undefined);
    assert.equal(plain.subtasks.length, LIMITS.subtaskPageSize);
  });

  it("a ledger's first commit is the split's: every bucket at SPLIT_VERSION, every record pending", () => {
    const ledger = new RunLedger(Array.from({ length: 120 }, (_, i) => `item ${i}`));
    const commit = ledger.commit(0);
    assert.equal(commit.version, SPLIT_VERSION);
    assert.equal(commit.buckets.length, Math.ceil(120 / BUCKET_SIZE));
    assert.ok(commit.buckets.every(([, records]) => records.every((r) => r.status === "pending")));
    ledger.markRunning(60, 1);
    ledger.commit(1);
    assert.deepEqual(ledger.bucketVersions, [SPLIT_VERSION, SPLIT_VERSION + 1, SPLIT_VERSION]);
  });
});
