// Human-readable times. Short units with a space ("2.1 s", "1 m 30 s") read
// well in tabular-nums columns and in screen readers alike.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration: tenths of a second below 10 s, whole units above. */
export function formatDuration(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 10 * SECOND) return `${(value / SECOND).toFixed(1)} s`;
  if (value < MINUTE) return `${Math.floor(value / SECOND)} s`;
  if (value < HOUR) return joinUnits(Math.floor(value / MINUTE), "m", Math.floor((value % MINUTE) / SECOND), "s");
  return joinUnits(Math.floor(value / HOUR), "h", Math.floor((value % HOUR) / MINUTE), "m");
}

/** A timeline tick: whole units, with tenths only when the step needs them. */
export function formatTick(ms: number, stepMs: number): string {
  if (ms === 0) return "0 s";
  if (stepMs < SECOND) return `${(ms / SECOND).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  if (ms < HOUR) return joinUnits(Math.floor(ms / MINUTE), "m", Math.round((ms % MINUTE) / SECOND), "s");
  return joinUnits(Math.floor(ms / HOUR), "h", Math.round((ms % HOUR) / MINUTE), "m");
}

/** "12 s ago", "3 m ago", "2 d ago": coarse on purpose, the list refreshes every few seconds. */
export function formatAgo(then: number, now: number): string {
  const ago = Math.max(0, now - then);
  if (ago < SECOND) return "just now";
  if (ago < MINUTE) return `${Math.floor(ago / SECOND)} s ago`;
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} m ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  return `${Math.floor(ago / DAY)} d ago`;
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}
