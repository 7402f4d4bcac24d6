import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import type { RunInput } from "@/lib/run-input";
import { jsonError } from "@/lib/server/respond";
import { runClient } from "@/lib/server/restate";
import { handleKnownRun } from "@/lib/server/run-route";
import { awaitRunVisible } from "@/lib/server/runs";
import { isRunFinished } from "@/lib/status";

export const dynamic = "force-dynamic";

/** Starts a new run of just the failed subtasks of a finished run; the two are linked both ways. */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleKnownRun(request, params, "write", async (summary) => {
    const { id } = summary;
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
      kindContext: summary.kindContext,
    };
    await runClient(rerunId).workflowSubmit(input);
    await awaitRunVisible(rerunId);
    return NextResponse.json({ id: rerunId, rerunOf: id, subtasks: specs.length }, { status: 201 });
  });
}
