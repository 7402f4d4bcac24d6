import { NextResponse } from "next/server";
import { applyRetryReport } from "@/lib/retry-overlay";
import { childInvocationIds } from "@/lib/server/admin";
import { jsonError } from "@/lib/server/respond";
import { runAttemptsClient, runClient } from "@/lib/server/restate";
import { handleRun } from "@/lib/server/run-route";

export const dynamic = "force-dynamic";

/** One subtask with its input, for the details panel. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const { index } = await params;
  return handleRun(request, params, "read", async (id) => {
    const missing = jsonError(404, `No subtask '${index}' in run '${id}'.`);
    if (!/^\d+$/.test(index)) return missing;
    const [detail, attempts] = await Promise.all([runClient(id).subtask({ index: Number(index) }), runAttemptsClient(id).changes({ since: 0 })]);
    if (!detail) return missing;
    const report = attempts.reports.find((r) => r.index === Number(index));
    // What the subtask called (the `call` kind's handler invocation); the details still show without it.
    const calledInvocationIds = detail.record.invocationId ? await childInvocationIds(detail.record.invocationId).catch(() => undefined) : undefined;
    return NextResponse.json({ ...detail, record: report ? applyRetryReport(detail.record, report) : detail.record, calledInvocationIds });
  });
}
