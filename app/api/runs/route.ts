import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { LIMITS } from "@/lib/limits";
import { parseSubmission } from "@/lib/run-input";
import { checkCallTarget } from "@/lib/server/check-call";
import { jsonError, restateFailure } from "@/lib/server/respond";
import { runsList } from "@/lib/server/restate";
import { loadSummary } from "@/lib/server/runs";
import { submitRun } from "@/lib/server/submit-run";
import type { RunList, RunListItem } from "@/lib/answers";
import { RUN_STATUSES, type RunStatus } from "@/lib/status";
import { requireAccess } from "@/lib/server/auth";
import { JSON_OR_ITEMS } from "@/lib/server/write-guard";
import { readSubmissionBody } from "@/lib/server/submission-body";

export const dynamic = "force-dynamic";

function newRunId(): string {
  return `run-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

/**
 * Starts a run from JSON, or from items as CSV or JSON Lines (see
 * readSubmissionBody). Validation happens here, before Restate sees anything,
 * so bad input creates nothing.
 */
export async function POST(request: NextRequest) {
  const denied = requireAccess(request, "write", JSON_OR_ITEMS);
  if (denied) return denied;
  const read = await readSubmissionBody(request);
  if (!read.ok) return jsonError(read.status, read.error, { issues: read.issues });
  const parsed = parseSubmission(read.body);
  if (!parsed.ok) return jsonError(400, parsed.error, { issues: parsed.issues });

  try {
    const refused = await checkCallTarget(parsed.input);
    if (refused) return jsonError(400, refused.issues[0].message, refused);
    return await submitRun(parsed.id ?? newRunId(), parsed.input);
  } catch (error) {
    return restateFailure(error);
  }
}

function intParam(value: string | null, fallback: number, max: number): number | null {
  if (value === null) return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : null;
}

/** Recent runs, newest first, each with its live summary (so the list and the run page agree). */
export async function GET(request: NextRequest) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  const params = request.nextUrl.searchParams;
  const offset = intParam(params.get("offset"), 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(params.get("limit"), LIMITS.defaultListLimit, LIMITS.maxListLimit);
  if (offset === null) return jsonError(400, "offset must be a whole number of at least 0.");
  if (limit === null || limit === 0)
    return jsonError(400, `limit must be a whole number from 1 to ${LIMITS.maxListLimit}.`);
  const status = params.get("status") ?? undefined;
  if (status !== undefined && status !== "active" && !RUN_STATUSES.includes(status as RunStatus)) {
    return jsonError(400, `status must be "active" or one of: ${RUN_STATUSES.join(", ")}.`);
  }
  try {
    const page = await runsList().list({ offset, limit, status: status as RunStatus | "active" | undefined });
    const runs: RunListItem[] = await Promise.all(
      page.entries.map(async (entry) => {
        const summary = await loadSummary(entry.id, entry);
        // The summary has Restate's word on a run it ended; the entry only what the workflow reported.
        return {
          ...entry,
          status: summary?.status ?? entry.status,
          finishedAt: summary?.finishedAt ?? entry.finishedAt,
          summary,
        };
      }),
    );
    const list: RunList = { runs, total: page.total, offset, limit };
    return NextResponse.json(list);
  } catch (error) {
    return restateFailure(error);
  }
}
