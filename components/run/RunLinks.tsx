import Link from "next/link";
import type { RunSummary } from "@/lib/answers";

/** "Re-run of X" and "Re-runs: Y, Z": the links between a run and the runs that retried its failures. */
export function RunLinks({ summary }: { summary: RunSummary }) {
  if (!summary.rerunOf && summary.reruns.length === 0) return null;
  const link = (id: string) => (
    <Link
      key={id}
      href={`/runs/${encodeURIComponent(id)}`}
      className="font-mono text-[#0072B2] underline dark:text-[#56B4E9]"
    >
      {id}
    </Link>
  );
  return (
    <nav aria-label="Related runs" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {summary.rerunOf && <span>Re-run of {link(summary.rerunOf)}</span>}
      {summary.reruns.length > 0 && (
        <span>
          Re-runs:{" "}
          {summary.reruns.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              {link(id)}
            </span>
          ))}
        </span>
      )}
    </nav>
  );
}
