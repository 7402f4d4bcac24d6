import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { layout, markRuns } from "@/components/run/overview-layout";

describe("the overview strip's layout", () => {
  it("gives each subtask its own mark while they fit, as big as the height allows", () => {
    assert.deepEqual(layout(1120, 46), { cell: 12, cols: 93, rows: 1, per: 1 });
    const tenThousand = layout(1120, 10_000);
    assert.equal(tenThousand.per, 1);
    assert.ok(tenThousand.rows * tenThousand.cell <= 48);
  });

  it("past a pixel a subtask, lets marks stand for several and stays 48 px tall", () => {
    const big = layout(1120, 100_000);
    assert.equal(big.cell, 1);
    assert.equal(big.per, 2);
    assert.ok(big.rows <= 48, `${big.rows} rows`);
    assert.ok(big.cols * big.rows * big.per >= 100_000, "every subtask has a mark");
  });
});

describe("the overview strip's runs of one colour", () => {
  it("draws touching marks of a row as one rectangle, never across a row's end, and covers every mark once", () => {
    const cols = 10;
    const marks = [0, 1, 2, 5, 6, 9, 10, 11, 20];
    const runs = markRuns(marks, cols, true);
    assert.deepEqual(runs, [
      [0, 3],
      [5, 2],
      [9, 1],
      [10, 2],
      [20, 1],
    ]);
    assert.deepEqual(
      runs.flatMap(([first, length]) => Array.from({ length }, (_, i) => first + i)),
      marks,
    );
  });

  it("keeps every mark its own rectangle when cells have gaps between them", () => {
    assert.deepEqual(markRuns([0, 1, 2], 10, false), [
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });
});
