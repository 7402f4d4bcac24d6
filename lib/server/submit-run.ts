import "server-only";
import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import type { RunInput } from "@/lib/run-input";
import { jsonError } from "./respond";
import { runClient } from "./restate";
import { awaitRunVisible } from "./runs";

/** JSON with sorted keys, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What identifies a request: its validated input with defaults filled in (so `{}` and the defaults spelled out agree). */
export function fingerprintOf(input: RunInput): string {
  const { fingerprint: _, ...rest } = input;
  return createHash("sha256").update(canonical(rest)).digest("base64url");
}

/**
 * Starts run `id`, once. A workflow id runs once: the same id again is
 * Restate's PreviouslyAccepted, never a second run. That answers 200 with the
 * same run when the request is the same, and 409 when the id was taken by a
 * different request (whose body would otherwise be silently ignored).
 */
export async function submitRun(
  id: string,
  input: RunInput,
  extra: Record<string, unknown> = {},
): Promise<NextResponse> {
  const fingerprint = fingerprintOf(input);
  const submission = await runClient(id).workflowSubmit({ ...input, fingerprint });
  const created = submission.status === "Accepted";
  await awaitRunVisible(id);
  if (!created) {
    const existing = await runClient(id).summary();
    // Runs started outside the API (the guide's worker, the ingress) carry no fingerprint to compare.
    if (existing?.fingerprint && existing.fingerprint !== fingerprint) {
      return jsonError(
        409,
        `Run id '${id}' is already taken by a different request; use another id, or send the same request to get that run.`,
        { id },
      );
    }
  }
  return NextResponse.json({ id, created, ...extra }, { status: created ? 201 : 200 });
}
