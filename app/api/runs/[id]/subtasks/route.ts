import { NextResponse, type NextRequest } from "next/server";
import { runIdSchema } from "@/lib/run-input";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { loadSubtaskDelta, parseCursor } from "@/lib/server/runs";
import { requireAccess } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/** Subtasks that changed after `since` (the `version` of an earlier answer), paged with `from`. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) return jsonError(404, `No run with id '${id}'.`);
  const cursor = parseCursor(request.nextUrl.searchParams.get("since"));
  const fromParam = request.nextUrl.searchParams.get("from") ?? "0";
  const from = Number(fromParam);
  if (!cursor) return jsonError(400, "since must be the version of an earlier answer (like 12.3), or 0.");
  if (!/^\d+$/.test(fromParam) || !Number.isSafeInteger(from)) return jsonError(400, "from must be a whole number of at least 0 (a subtask index).");
  try {
    const delta = await loadSubtaskDelta(id, cursor, from);
    if (!delta) return jsonError(404, `No run with id '${id}'.`);
    return NextResponse.json(delta);
  } catch (error) {
    return restateFailure(error);
  }
}
