import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/lib/server/respond";
import { handleRun, runNotFound } from "@/lib/server/run-route";
import { loadSubtaskDelta, parseCursor } from "@/lib/server/runs";

export const dynamic = "force-dynamic";

/**
 * Subtasks that changed after `since` (the `version` of an earlier answer),
 * paged with `from`. With `pending=ranges`, subtasks unchanged since the
 * split come as index ranges (`pending`) instead of records.
 */
export function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return handleRun(request, params, "read", async (id) => {
    const cursor = parseCursor(request.nextUrl.searchParams.get("since"));
    const fromParam = request.nextUrl.searchParams.get("from") ?? "0";
    if (!cursor) return jsonError(400, "since must be the version of an earlier answer (like 12.3), or 0.");
    if (!/^\d+$/.test(fromParam)) return jsonError(400, "from must be a whole number of at least 0 (a subtask index).");
    const pending = request.nextUrl.searchParams.get("pending");
    if (pending !== null && pending !== "ranges")
      return jsonError(400, "pending must be 'ranges' (or left out, for every record in full).");
    const delta = await loadSubtaskDelta(id, cursor, Number(fromParam), pending === "ranges");
    return delta ? NextResponse.json(delta) : runNotFound(id);
  });
}
