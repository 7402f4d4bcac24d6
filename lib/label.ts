const MAX_LABEL = 80;

/** A run's one-line label: its first subtasks, and how many more there are. */
export function runLabel(descriptions: readonly string[]): string {
  let label = "";
  let shown = 0;
  for (const d of descriptions) {
    const next = shown === 0 ? d : `${label}, ${d}`;
    if (next.length > MAX_LABEL && shown > 0) break;
    label = next.length > MAX_LABEL ? `${next.slice(0, MAX_LABEL - 1)}…` : next;
    shown += 1;
  }
  const rest = descriptions.length - shown;
  return rest > 0 ? `${label} (+${rest} more)` : label;
}
