import { NextResponse } from "next/server";
import { runIdSchema } from "@/lib/run-input";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { loadSummary } from "@/lib/server/runs";
import { requireAccess } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

/** A run's summary: status, counts, timestamps and, once done, the aggregate. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) return jsonError(404, `No run with id '${id}'.`);
  try {
    const summary = await loadSummary(id);
    if (!summary) return jsonError(404, `No run with id '${id}'.`);
    return NextResponse.json(summary);
  } catch (error) {
    return restateFailure(error);
  }
}
