import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUCKET_SIZE } from "@/lib/ledger";
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
