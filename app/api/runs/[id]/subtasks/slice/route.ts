import { NextResponse, type NextRequest } from "next/server";
import { LIMITS } from "@/lib/limits";
import { jsonError } from "@/lib/server/respond";
import { handleRun, runNotFound } from "@/lib/server/run-route";
import { loadSubtaskSlice } from "@/lib/server/runs";

export const dynamic = "force-dynamic";

/** Subtasks `from` to `to - 1` as the workflow last wrote them: the descriptions of the pending lanes a run page has on screen. */
export function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return handleRun(request, params, "read", async (id) => {
    const [from, to] = ["from", "to"].map((name) => request.nextUrl.searchParams.get(name) ?? "");
    if (!/^\d+$/.test(from) || !/^\d+$/.test(to) || Number(to) <= Number(from))
      return jsonError(400, "from and to must be subtask indexes, from below to (subtasks from to to - 1).");
    if (Number(to) - Number(from) > LIMITS.subtaskPageSize)
      return jsonError(400, `At most ${LIMITS.subtaskPageSize} subtasks at a time (from ${from} to ${to} is more).`);
    const slice = await loadSubtaskSlice(id, Number(from), Number(to));
    return slice ? NextResponse.json(slice) : runNotFound(id);
  });
}
