import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { LIMITS } from "@/lib/limits";
import type { RunInput } from "@/lib/run-input";
import { jsonError } from "@/lib/server/respond";
import { runClient } from "@/lib/server/restate";
import { handleKnownRun } from "@/lib/server/run-route";
import { submitRun } from "@/lib/server/submit-run";
import { isRunFinished } from "@/lib/status";

export const dynamic = "force-dynamic";

/** The id of run `id`'s `n`th re-run: deterministic, so two requests for the same re-run start one. */
function rerunId(id: string, n: number): string {
  const suffix = `-rerun-${n}`;
  const room = LIMITS.maxRunIdLength - suffix.length;
  if (id.length <= room) return `${id}${suffix}`;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  return `${id.slice(0, room - hash.length - 1)}-${hash}${suffix}`;
}

/**
 * Starts a new run of just the failed subtasks of a finished run; the two are
 * linked both ways. Idempotent per run: while its latest re-run is still
 * going, a request answers that one (200); once it finished, a request starts
 * the next. Two requests at once compute the same next id, and Restate runs a
 * workflow id once.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleKnownRun(request, params, "write", async (summary) => {
    const { id } = summary;
    if (!isRunFinished(summary.status)) return jsonError(409, `Run '${id}' is still ${summary.status}; re-run its failures once it has finished.`);
    const latest = summary.reruns.at(-1);
    const latestSummary = latest ? await runClient(latest).summary() : null;
    if (latest && latestSummary && !isRunFinished(latestSummary.status)) {
      return NextResponse.json({ id: latest, created: false, rerunOf: id, subtasks: latestSummary.total }, { status: 200 });
    }
    const specs = await runClient(id).failedSpecs();
    if (!specs || specs.length === 0) return jsonError(409, `Run '${id}' has no failed subtasks to re-run.`);
    const input: RunInput = {
      kind: summary.kind,
      concurrency: summary.concurrency,
      retry: summary.retry,
      onFailure: summary.onFailure,
      task: null,
      rerun: { of: id, specs },
    };
    return submitRun(rerunId(id, summary.reruns.length + 1), input, { rerunOf: id, subtasks: specs.length });
  });
}
