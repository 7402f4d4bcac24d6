import { NextResponse } from "next/server";
import { cancelInvocation, runInvocationId } from "@/lib/server/admin";
import { jsonError } from "@/lib/server/respond";
import { handleKnownRun, runNotFound } from "@/lib/server/run-route";
import { isRunFinished } from "@/lib/status";

export const dynamic = "force-dynamic";

/**
 * Cancels a run: Restate cancels the workflow, which cancels the subtasks in
 * flight, never starts the pending ones, and keeps what finished.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleKnownRun(request, params, "write", async ({ id, status }) => {
    if (isRunFinished(status)) return jsonError(409, `Run '${id}' already ${status}; nothing to cancel.`, { status });
    const invocationId = await runInvocationId(id);
    if (!invocationId) return runNotFound(id);
    await cancelInvocation(invocationId);
    return NextResponse.json({ id, cancelling: true }, { status: 202 });
  });
}
