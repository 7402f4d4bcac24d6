import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { LIMITS } from "@/lib/limits";
import type { RunInput } from "@/lib/run-input";
import { readBoundedText } from "@/lib/server/read-body";
import { jsonError } from "@/lib/server/respond";
import { runClient } from "@/lib/server/restate";
import { handleKnownRun } from "@/lib/server/run-route";
import { submitRun } from "@/lib/server/submit-run";
import { isRunFinished } from "@/lib/status";

export const dynamic = "force-dynamic";

/** The optional body: `{"error": "<group>"}` re-runs only the failures of that error group. */
async function readGroup(
  request: Request,
): Promise<{ ok: true; error?: string } | { ok: false; response: NextResponse }> {
  const read = await readBoundedText(request, LIMITS.maxBodyBytes);
  if (!read.ok) return { ok: false, response: jsonError(read.status, read.error) };
  if (read.text.trim() === "") return { ok: true };
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    return { ok: false, response: jsonError(400, "The request body is not valid JSON.") };
  }
  const error = (body as { error?: unknown } | null)?.error;
  if (error !== undefined && typeof error !== "string") {
    return {
      ok: false,
      response: jsonError(
        400,
        'error must be the text of an error group, as the run\'s errorGroups give it: {"error": "<group>"}.',
      ),
    };
  }
  return { ok: true, error };
}

/** The id of run `id`'s `n`th re-run: deterministic, so two requests for the same re-run start one. */
function rerunId(id: string, n: number): string {
  const suffix = `-rerun-${n}`;
  const room = LIMITS.maxRunIdLength - suffix.length;
  if (id.length <= room) return `${id}${suffix}`;
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  return `${id.slice(0, room - hash.length - 1)}-${hash}${suffix}`;
}

/**
 * Starts a new run of just the failed subtasks of a finished run (or of one
 * error group, `{"error": "<group>"}`); the two are linked both ways. Idempotent per run: while its latest re-run is still
 * going, a request answers that one (200); once it finished, a request starts
 * the next. Two requests at once compute the same next id, and Restate runs a
 * workflow id once.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleKnownRun(request, params, "write", async (summary) => {
    const { id } = summary;
    const group = await readGroup(request);
    if (!group.ok) return group.response;
    if (!isRunFinished(summary.status))
      return jsonError(409, `Run '${id}' is still ${summary.status}; re-run its failures once it has finished.`);
    const latest = summary.reruns.at(-1);
    const latestSummary = latest ? await runClient(latest).summary() : null;
    if (latest && latestSummary && !isRunFinished(latestSummary.status)) {
      return NextResponse.json(
        { id: latest, created: false, rerunOf: id, subtasks: latestSummary.total },
        { status: 200 },
      );
    }
    const specs = await runClient(id).failedSpecs({ error: group.error });
    if (!specs || specs.length === 0) {
      return jsonError(
        409,
        group.error === undefined
          ? `Run '${id}' has no failed subtasks to re-run.`
          : `Run '${id}' has no failed subtasks in the error group "${group.error}".`,
      );
    }
    const input: RunInput = {
      kind: summary.kind,
      concurrency: summary.concurrency,
      retry: summary.retry,
      onFailure: summary.onFailure,
      ...(summary.tolerance ? { tolerance: summary.tolerance } : {}),
      task: null,
      rerun: { of: id, specs },
      kindContext: summary.kindContext,
    };
    return submitRun(rerunId(id, summary.reruns.length + 1), input, { rerunOf: id, subtasks: specs.length });
  });
}
