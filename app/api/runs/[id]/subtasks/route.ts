import { NextResponse, type NextRequest } from "next/server";
import { runIdSchema } from "@/lib/run-input";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { runClient } from "@/lib/server/restate";

export const dynamic = "force-dynamic";

function cursor(value: string | null): number | null {
  if (value === null) return 0;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Subtasks that changed after `since` (a version from an earlier answer), paged with `from`. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) return jsonError(404, `No run with id '${id}'.`);
  const since = cursor(request.nextUrl.searchParams.get("since"));
  const from = cursor(request.nextUrl.searchParams.get("from"));
  if (since === null) return jsonError(400, "since must be a whole number of at least 0 (a version from an earlier answer).");
  if (from === null) return jsonError(400, "from must be a whole number of at least 0 (a subtask index).");
  try {
    const changes = await runClient(id).subtasks({ since, from });
    if (!changes) return jsonError(404, `No run with id '${id}'.`);
    return NextResponse.json(changes);
  } catch (error) {
    return restateFailure(error);
  }
}
