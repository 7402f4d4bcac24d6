import "server-only";
import { NextResponse } from "next/server";
import { restateIngressUrl } from "./restate";

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, ...extra }, { status });
}

/**
 * Turns a failed call to Restate into an answer a person can act on: Restate
 * unreachable is 503 (the dashboard keeps polling), anything else 502.
 */
export function restateFailure(error: unknown) {
  const status = (error as { status?: number }).status;
  if (typeof status === "number") {
    return jsonError(502, `Restate answered ${status}: ${(error as Error).message}`);
  }
  return jsonError(503, `Can't reach Restate at ${restateIngressUrl()}: ${(error as Error).message}`);
}
