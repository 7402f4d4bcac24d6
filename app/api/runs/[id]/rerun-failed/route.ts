import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { runIdSchema, type RunInput } from "@/lib/run-input";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { runClient } from "@/lib/server/restate";
import { awaitRunVisible, loadSummary } from "@/lib/server/runs";
import { isRunFinished } from "@/lib/status";
import { requireAccess } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/** Starts a new run of just the failed subtasks of a finished run; the two are linked both ways. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireAccess(request, "write");
  if (denied) return denied;
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) return jsonError(404, `No run with id '${id}'.`);
  try {
    const summary = await loadSummary(id);
    if (!summary) return jsonError(404, `No run with id '${id}'.`);
    if (!isRunFinished(summary.status)) return jsonError(409, `Run '${id}' is still ${summary.status}; re-run its failures once it has finished.`);
    const specs = await runClient(id).failedSpecs();
    if (!specs || specs.length === 0) return jsonError(409, `Run '${id}' has no failed subtasks to re-run.`);
    const rerunId = `${id.slice(0, 40)}-rerun-${randomBytes(3).toString("hex")}`;
    const input: RunInput = {
      kind: summary.kind,
      concurrency: summary.concurrency,
      retry: summary.retry,
      onFailure: summary.onFailure,
      task: null,
      rerun: { of: id, specs },
    };
    await runClient(rerunId).workflowSubmit(input);
    await awaitRunVisible(rerunId);
    return NextResponse.json({ id: rerunId, rerunOf: id, subtasks: specs.length }, { status: 201 });
  } catch (error) {
    return restateFailure(error);
  }
}
