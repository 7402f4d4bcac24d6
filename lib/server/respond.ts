import "server-only";
import { NextResponse } from "next/server";
import { isConnectionFailure, restateIngressUrl, restateMessage } from "./restate";

export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, ...extra }, { status });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Names a failed call honestly. Restate unreachable (no connection, or it
 * stopped answering) is 503, and the dashboard keeps polling. Restate
 * answering with an error keeps its status and message: it was reached, and
 * it said no. Anything else is a bug here: 500 with its message, and a log
 * line with the stack.
 */
export function restateFailure(error: unknown) {
  if (isConnectionFailure(error)) {
    return jsonError(503, `Can't reach Restate at ${restateIngressUrl()}: ${messageOf(error)}`);
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400 && status <= 599) {
    const text = (error as { responseText?: unknown }).responseText;
    return jsonError(
      status,
      `Restate answered ${status}: ${typeof text === "string" ? restateMessage(text) : messageOf(error)}`,
    );
  }
  console.error("Fanline API: unexpected error", error);
  return jsonError(500, `Internal error in the Fanline API: ${messageOf(error)}`);
}
