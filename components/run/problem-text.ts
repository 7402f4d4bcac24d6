import type { RunProblem } from "@/lib/answers";

/** Restate's long error, cut to what a lane has room for: "connection refused" rather than the h2 pool preamble. */
export function shortError(error: string | null): string {
  if (!error) return "no error message";
  const refused = /connection refused/i.test(error) ? "connection refused" : null;
  return refused ?? error.replace(/^\[\d+[^\]]*\]\s*/, "").slice(0, 120);
}

/** "Restate is retrying: connection refused, attempt 6", "Restate paused it: …": what a lane and the banner say. */
export function problemText(problem: RunProblem): string {
  const what = problem.status === "paused" ? "Restate paused it" : "Restate is retrying";
  return `${what}: ${shortError(problem.error)}, attempt ${Math.max(1, problem.retryCount)}`;
}

/** Problems by subtask index, for the lanes. */
export function problemsByIndex(problems: readonly RunProblem[]): ReadonlyMap<number, RunProblem> {
  return new Map(problems.filter((p) => p.index !== null).map((p) => [p.index!, p]));
}
