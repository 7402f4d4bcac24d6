import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { placeOf, runExtent, timeScale } from "@/components/run/time-scale";
import type { RunSummary } from "@/lib/answers";
import type { SubtaskRecord } from "@/lib/records";

const summary = { createdAt: 1000, finishedAt: null } as RunSummary;

describe("the timeline's time axis", () => {
  it("spans the run from its first dispatch to the last thing recorded, a planned retry included", () => {
    const records: (SubtaskRecord | undefined)[] = [
      { index: 0, description: "a", status: "succeeded", dispatchedAt: 900, startedAt: 950, finishedAt: 4000 },
      undefined,
      { index: 2, description: "c", status: "retrying", dispatchedAt: 1200, nextAttemptAt: 9000 },
    ];
    assert.deepEqual(runExtent(summary, records), { start: 900, end: 9000 });
  });

  it("follows the live edge while the run is active, and stops at its end once it is not", () => {
    const extent = { start: 0, end: 10_000 };
    const live = timeScale(extent, 20_000, true, { zoom: 2, at: 0, follow: true });
    assert.equal(live.start + live.span, 20_000, "the window ends now");
    const done = timeScale(extent, 20_000, false, { zoom: 1, at: 0, follow: true });
    assert.deepEqual([done.start, done.span], [0, 10_000]);
  });

  it("keeps a panned window inside the run, and at most six ticks on round steps", () => {
    const scale = timeScale({ start: 0, end: 60_000 }, 0, false, { zoom: 4, at: 1e9, follow: false });
    assert.equal(scale.start + scale.span, 60_000, "panned past the end: clamped to it");
    assert.ok(scale.ticks.length <= 7);
    assert.ok(scale.ticks.every((t) => t.offset % scale.step === 0));
    assert.ok(scale.ticks.every((t) => t.percent >= 0 && t.percent <= 100));
  });

  it("clips a segment to the window, and drops one entirely out of view", () => {
    const scale = timeScale({ start: 0, end: 10_000 }, 0, false, { zoom: 2, at: 5000, follow: false });
    assert.deepEqual(placeOf(scale, 4000, 7500), { left: 0, width: 50 });
    assert.equal(placeOf(scale, 0, 4000), null);
  });
});
