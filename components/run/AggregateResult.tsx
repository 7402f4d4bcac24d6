/**
 * The fanned-in result. Kinds that summarise themselves in a `description`
 * string (the guide's chores) are shown as that text; anything else as JSON.
 * Always plain text: subtask descriptions are user input.
 */
export function AggregateResult({ aggregate }: { aggregate: unknown }) {
  const description = describedBy(aggregate);
  return (
    <section aria-label="Aggregate result" className="space-y-2">
      <h2 className="text-xl font-semibold">Aggregate result</h2>
      <output className="block">
        <pre
          className={`overflow-x-auto whitespace-pre-wrap break-words rounded-lg border border-neutral-200 bg-neutral-50 p-4 dark:border-neutral-800 dark:bg-neutral-900 ${description !== null ? "text-base" : "text-sm"}`}
        >
          {description ?? JSON.stringify(aggregate, null, 2)}
        </pre>
      </output>
    </section>
  );
}

function describedBy(aggregate: unknown): string | null {
  if (typeof aggregate === "object" && aggregate !== null && "description" in aggregate && typeof aggregate.description === "string") {
    return aggregate.description;
  }
  return null;
}
