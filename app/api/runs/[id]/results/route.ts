import { NextResponse } from "next/server";
import { isSubtaskStatus, RESULT_FORMATS, type ResultFormat } from "@/lib/results";
import { jsonError } from "@/lib/server/respond";
import { resultsStream } from "@/lib/server/results";
import { handleKnownRun } from "@/lib/server/run-route";
import { isRunFinished, SUBTASK_STATUSES } from "@/lib/status";

export const dynamic = "force-dynamic";

const CONTENT_TYPE: Record<ResultFormat, string> = {
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/**
 * Every subtask of a run, one record each in input order, as JSON Lines or
 * CSV (`?format=`, optionally `&status=`). A run still going gives what has
 * finished so far, and says so in its file name and `x-fanline-partial`.
 */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleKnownRun(request, params, "read", async (summary) => {
    const query = new URL(request.url).searchParams;
    const format = query.get("format") ?? "jsonl";
    if (!(RESULT_FORMATS as readonly string[]).includes(format))
      return jsonError(400, `format must be one of: ${RESULT_FORMATS.join(", ")}.`);
    const status = query.get("status") ?? undefined;
    if (status !== undefined && !isSubtaskStatus(status))
      return jsonError(400, `status must be one of: ${SUBTASK_STATUSES.join(", ")}.`);
    const partial = !isRunFinished(summary.status);
    const name = `${summary.id}${status ? `-${status}` : ""}${partial ? "-so-far" : ""}.${format}`;
    return new NextResponse(resultsStream(summary.id, format as ResultFormat, { status, finishedOnly: partial }), {
      headers: {
        "content-type": CONTENT_TYPE[format as ResultFormat],
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
        "x-fanline-partial": String(partial),
      },
    });
  });
}
