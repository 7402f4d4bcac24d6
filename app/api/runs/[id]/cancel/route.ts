import { NextResponse } from "next/server";
import { runIdSchema } from "@/lib/run-input";
import { cancelInvocation, runInvocationId } from "@/lib/server/admin";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { loadSummary } from "@/lib/server/runs";
import { isRunFinished } from "@/lib/status";
import { requireAccess } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/**
 * Cancels a run: Restate cancels the workflow, which cancels the subtasks in
 * flight, never starts the pending ones, and keeps what finished.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireAccess(request, "write");
  if (denied) return denied;
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) return jsonError(404, `No run with id '${id}'.`);
  try {
    const summary = await loadSummary(id);
    if (!summary) return jsonError(404, `No run with id '${id}'.`);
    if (isRunFinished(summary.status)) {
      return jsonError(409, `Run '${id}' already ${summary.status}; nothing to cancel.`, { status: summary.status });
    }
    const invocationId = await runInvocationId(id);
    if (!invocationId) return jsonError(404, `No run with id '${id}'.`);
    await cancelInvocation(invocationId);
    return NextResponse.json({ id, cancelling: true }, { status: 202 });
  } catch (error) {
    return restateFailure(error);
  }
}
