// Everything the form needs to turn its fields into a run: the same
// validation the API applies (lib/run-input.ts), and the POST itself, with
// every failure mapped to the field it is about.
import { ApiError, fetchJson, NO_RESPONSE } from "@/lib/ui/fetch-json";
import type { ServerLimits } from "@/lib/limits";
import { parseSubmission, type InputIssue } from "@/lib/run-input";

/** A field's path in the request ("description", "retry.maxAttempts", …), or "form" for the rest. */
export type FieldErrors = Partial<Record<string, string>>;

/** The POST body: the common fields plus the picked kind's own. */
export type RunRequest = Record<string, unknown> & { kind: string };

export type StartResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/**
 * Checked before sending, with the server's own rules and limits (from
 * /api/config), so the obvious mistakes never leave the page. Until the
 * limits arrive, the server alone decides: the bundle's defaults may not be
 * the server's.
 */
export function checkLocally(
  request: RunRequest,
  fields: readonly string[],
  limits: ServerLimits | undefined,
): FieldErrors | null {
  if (!limits) return null;
  const parsed = parseSubmission(request, limits);
  return parsed.ok ? null : issuesToErrors(parsed.issues, parsed.error, fields);
}

export async function startRun(request: RunRequest, fields: readonly string[]): Promise<StartResult> {
  try {
    const { id } = await fetchJson<{ id: string }>("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    return { ok: true, id };
  } catch (error) {
    return { ok: false, errors: responseErrors(error, fields) };
  }
}

function responseErrors(error: unknown, fields: readonly string[]): FieldErrors {
  if (!(error instanceof ApiError)) return { form: "Something went wrong starting the run." };
  if (error.status === 400) return issuesToErrors(readIssues(error), error.message, fields);
  if (error.status === 413) return { form: `The task is too large to send: ${error.message}` };
  if (error.status === NO_RESPONSE) return { form: "Can't reach the Fanline server. Is it running?" };
  return { form: error.message };
}

/** The 400 body's `issues`, read defensively: the form must not crash on an unexpected body. */
function readIssues(error: ApiError): InputIssue[] {
  const body = error.body as { issues?: unknown } | null;
  if (!body || !Array.isArray(body.issues)) return [];
  return body.issues.filter(
    (issue): issue is InputIssue => typeof issue?.path === "string" && typeof issue?.message === "string",
  );
}

/** Each issue goes under the field it names; one about no field on the form goes to the form as a whole. */
function issuesToErrors(issues: readonly InputIssue[], fallback: string, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fields.includes(issue.path) ? issue.path : "form";
    errors[field] ??= issue.message;
  }
  if (Object.keys(errors).length === 0) errors.form = fallback;
  return errors;
}
