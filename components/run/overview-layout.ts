// Where the overview strip's marks go: pure, so it is unit-tested.

const MAX_CELL = 12;
const MAX_GRID_HEIGHT = 48;

/**
 * Square cells as big as fit (up to 12 px) while the grid stays under 48 px
 * tall; past a pixel a subtask, `per` subtasks share a cell.
 */
export function layout(width: number, total: number): { cell: number; cols: number; rows: number; per: number } {
  if (width === 0 || total === 0) return { cell: MAX_CELL, cols: 1, rows: 1, per: 1 };
  let cell = MAX_CELL;
  while (cell > 1 && Math.ceil(total / Math.floor(width / cell)) * cell > MAX_GRID_HEIGHT) cell--;
  const cols = Math.max(1, Math.floor(width / cell));
  const maxRows = Math.max(1, Math.floor(MAX_GRID_HEIGHT / cell));
  const per = Math.ceil(total / cols) > maxRows ? Math.ceil(total / (cols * maxRows)) : 1;
  return { cell, cols, rows: Math.ceil(Math.ceil(total / per) / cols), per };
}

/**
 * Runs of marks of one colour, as [first mark, marks in the run], for drawing
 * each run as one rectangle: consecutive marks in one grid row, when the
 * cells touch (`merge`, no gap between them); otherwise every mark alone. A
 * canvas call per mark is what a redraw of tens of thousands of marks costs.
 */
export function markRuns(marks: readonly number[], cols: number, merge: boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const mark of marks) {
    const last = runs[runs.length - 1];
    if (merge && last && last[0] + last[1] === mark && mark % cols !== 0) last[1]++;
    else runs.push([mark, 1]);
  }
  return runs;
}
