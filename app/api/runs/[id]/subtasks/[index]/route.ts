import { NextResponse } from "next/server";
import { runIdSchema } from "@/lib/run-input";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { runAttemptsClient, runClient } from "@/lib/server/restate";
import { applyRetryReport } from "@/lib/retry-overlay";
import { requireAccess } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/** One subtask with its input, for the details panel. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  const { id, index } = await params;
  if (!runIdSchema.safeParse(id).success) return jsonError(404, `No run with id '${id}'.`);
  if (!/^\d+$/.test(index)) return jsonError(404, `No subtask '${index}' in run '${id}'.`);
  try {
    const [detail, attempts] = await Promise.all([runClient(id).subtask({ index: Number(index) }), runAttemptsClient(id).changes({ since: 0 })]);
    if (!detail) return jsonError(404, `No subtask ${index} in run '${id}'.`);
    const report = attempts.reports.find((r) => r.index === Number(index));
    return NextResponse.json({ ...detail, record: report ? applyRetryReport(detail.record, report) : detail.record });
  } catch (error) {
    return restateFailure(error);
  }
}
