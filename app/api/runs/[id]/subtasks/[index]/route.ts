import { NextResponse } from "next/server";
import { childInvocationIds } from "@/lib/server/admin";
import { jsonError } from "@/lib/server/respond";
import { handleRun } from "@/lib/server/run-route";
import { loadSubtaskDetail } from "@/lib/server/runs";

export const dynamic = "force-dynamic";

/** One subtask with its input, for the details panel. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const { index } = await params;
  return handleRun(request, params, "read", async (id) => {
    const missing = jsonError(404, `No subtask '${index}' in run '${id}'.`);
    if (!/^\d+$/.test(index)) return missing;
    const detail = await loadSubtaskDetail(id, Number(index));
    if (!detail) return missing;
    // What the subtask called (the `call` kind's handler invocation); the details still show without it.
    const calledInvocationIds = detail.record.invocationId
      ? await childInvocationIds(detail.record.invocationId).catch(() => undefined)
      : undefined;
    return NextResponse.json({ ...detail, calledInvocationIds });
  });
}
