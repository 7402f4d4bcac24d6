import { findKind } from "@/lib/kinds";
import type { WordCountAggregate } from "@/lib/kinds/word-count";
import type { RunSummary } from "@/lib/answers";

/** Past this, the aggregate shows its start and the rest on request: the results table holds the detail. */
const SHORT = 240;

/**
 * The fanned-in result, or the partial one when some subtasks did not
 * succeed (it then covers only those that did). Kinds that summarise
 * themselves in a `description` string (the guide's chores) are shown as that
 * text, word counts as a table, anything else as the kind's one-line
 * description (JSON if it has none). Long text is cut short, the whole of it
 * a click away. Always plain text: subtask descriptions are user input.
 */
export function AggregateResult({ summary }: { summary: RunSummary }) {
  const { aggregate, counts, total } = summary;
  const partial = counts.failed + counts.cancelled > 0;
  const description = describedBy(aggregate) ?? kindLine(summary.kind, aggregate);
  const words = wordCounts(aggregate);
  return (
    <section aria-labelledby="aggregate-heading" className="space-y-2">
      <h2 id="aggregate-heading" className="text-xl font-semibold">
        {partial ? "Partial aggregate" : "Aggregate result"}
      </h2>
      {partial && (
        <p className="text-sm tabular-nums text-neutral-600 dark:text-neutral-400">
          Over the {counts.succeeded} of {total} subtasks that succeeded
          {counts.failed > 0 && `; ${counts.failed} failed`}
          {counts.cancelled > 0 && `; ${counts.cancelled} cancelled`}.
        </p>
      )}
      <output className="block">
        {words ? (
          <div className="space-y-3 rounded-lg border border-neutral-200 bg-neutral-50 p-4 dark:border-neutral-800 dark:bg-neutral-900">
            <dl className="flex flex-wrap gap-x-8 gap-y-1 tabular-nums">
              <div>
                <dt className="text-sm text-neutral-600 dark:text-neutral-400">Total words</dt>
                <dd className="text-2xl font-semibold">{words.totalWords.toLocaleString("en-US")}</dd>
              </div>
              <div>
                <dt className="text-sm text-neutral-600 dark:text-neutral-400">Distinct words</dt>
                <dd className="text-2xl font-semibold">{words.distinctWords.toLocaleString("en-US")}</dd>
              </div>
            </dl>
            {words.top.length > 0 && (
              <table className="text-sm tabular-nums">
                <caption className="text-left font-medium">Top words</caption>
                <thead>
                  <tr>
                    <th scope="col" className="pr-6 text-left">
                      Word
                    </th>
                    <th scope="col" className="text-right">
                      Count
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {words.top.map(({ word, count }) => (
                    <tr key={word}>
                      <td className="pr-6">{word}</td>
                      <td className="text-right">{count.toLocaleString("en-US")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ) : (
          <div className="rounded-lg border border-neutral-200 bg-neutral-50 p-4 dark:border-neutral-800 dark:bg-neutral-900">
            <p
              className={`whitespace-pre-wrap break-words ${description !== null ? "text-base" : "font-mono text-sm"}`}
            >
              {description === null
                ? JSON.stringify(aggregate)
                : description.length > SHORT
                  ? `${description.slice(0, SHORT)}…`
                  : description}
            </p>
            {description !== null && description.length > SHORT && (
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-[#0072B2] dark:text-[#56B4E9]">
                  Show the whole aggregate ({description.length.toLocaleString("en-US")} characters)
                </summary>
                <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap break-words">{description}</pre>
              </details>
            )}
          </div>
        )}
      </output>
    </section>
  );
}

function describedBy(aggregate: unknown): string | null {
  if (
    typeof aggregate === "object" &&
    aggregate !== null &&
    "description" in aggregate &&
    typeof aggregate.description === "string"
  ) {
    return aggregate.description;
  }
  return null;
}

function kindLine(kind: string, aggregate: unknown): string | null {
  try {
    return findKind(kind)?.describeAggregate(aggregate) ?? null;
  } catch {
    return null;
  }
}

function wordCounts(aggregate: unknown): WordCountAggregate | null {
  const a = aggregate as Partial<WordCountAggregate> | null;
  return a &&
    typeof a === "object" &&
    typeof a.totalWords === "number" &&
    typeof a.distinctWords === "number" &&
    Array.isArray(a.top)
    ? (a as WordCountAggregate)
    : null;
}
