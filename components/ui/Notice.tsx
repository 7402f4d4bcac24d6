import type { ReactNode } from "react";

/**
 * A boxed message for states the page can be in (not found, unreachable,
 * empty). `alert` is for problems that appear while the user is watching.
 */
export function Notice({ tone = "info", children }: { tone?: "info" | "problem"; children: ReactNode }) {
  const colours =
    tone === "problem"
      ? "border-[#D55E00] bg-[#D55E00]/10"
      : "border-neutral-300 bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900";
  return (
    <div role={tone === "problem" ? "alert" : "status"} className={`rounded-lg border px-4 py-3 text-sm ${colours}`}>
      {children}
    </div>
  );
}
