import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUCKET_SIZE } from "@/lib/ledger";
import { LIMITS } from "@/lib/limits";
import { changesOf, type RunMeta } from "@/lib/run-state";
import type { SubtaskRecord } from "@/lib/status";

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
  it("reads the buckets a page needs at once, not one after another", async () => {
    let inFlight = 0;
    let most = 0;
    const read = async (b: number) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return bucket(b);
    };
    const page = await changesOf(meta, { since: 0 }, read);
    assert.equal(page.subtasks.length, LIMITS.subtaskPageSize);
    assert.ok(most > 10, `reads overlapped (at most ${most} at once)`);
  });

  it("pages through everything changed, each record once and in order, whatever the changed buckets", async () => {
    for (const since of [0, 5]) {
      const seen: number[] = [];
      for (let from: number | null = 0; from !== null;) {
        const page = await changesOf(meta, { since, from }, async (b) => bucket(b));
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
