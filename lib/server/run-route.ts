import "server-only";
import type { NextResponse } from "next/server";
import { runIdSchema } from "@/lib/run-input";
import type { RunSummary } from "@/lib/answers";
import { requireAccess, type Access } from "./auth";
import { jsonError, restateFailure } from "./respond";
import { loadSummary } from "./runs";

type Params = Promise<{ id: string }>;

export const runNotFound = (id: string) => jsonError(404, `No run with id '${id}'.`);

/**
 * What every `/api/runs/<id>/…` handler does first: check access, refuse an
 * id outside the safe alphabet as unknown, and name a failure honestly
 * (respond.ts: Restate unreachable, Restate's refusal, or a bug here).
 */
export async function handleRun(
  request: Request,
  params: Params,
  access: Access,
  handle: (id: string) => Promise<NextResponse>,
): Promise<NextResponse> {
  const denied = requireAccess(request, access);
  if (denied) return denied;
  const { id } = await params;
  if (!runIdSchema.safeParse(id).success) return runNotFound(id);
  try {
    return await handle(id);
  } catch (error) {
    return restateFailure(error);
  }
}

/** Like handleRun, for handlers that need the run's summary: an unknown run answers 404. */
export function handleKnownRun(
  request: Request,
  params: Params,
  access: Access,
  handle: (summary: RunSummary) => Promise<NextResponse>,
): Promise<NextResponse> {
  return handleRun(request, params, access, async (id) => {
    const summary = await loadSummary(id);
    return summary ? handle(summary) : runNotFound(id);
  });
}
