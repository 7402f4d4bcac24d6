// Everything the form needs to turn its fields into a run: the same
// validation the API applies (lib/run-input.ts), and the POST itself, with
// every failure mapped to the field it is about.
import { ApiError, fetchJson, NO_RESPONSE } from "@/lib/ui/fetch-json";
import { parseSubmission, type InputIssue } from "@/lib/run-input";

export type FormField = "description" | "concurrency" | "kind" | "form";
export type FieldErrors = Partial<Record<FormField, string>>;

export interface RunRequest {
  description: string;
  kind: string;
  concurrency?: number;
}

export type StartResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

/** Checked before sending, with the server's own rules, so the obvious mistakes never leave the page. */
export function checkLocally(request: RunRequest): FieldErrors | null {
  const parsed = parseSubmission(request);
  return parsed.ok ? null : issuesToErrors(parsed.issues, parsed.error);
}

export async function startRun(request: RunRequest): Promise<StartResult> {
  try {
    const { id } = await fetchJson<{ id: string }>("/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    return { ok: true, id };
  } catch (error) {
    return { ok: false, errors: responseErrors(error, request) };
  }
}

function responseErrors(error: unknown, request: RunRequest): FieldErrors {
  if (!(error instanceof ApiError)) return { form: "Something went wrong starting the run." };
  if (error.status === 400) return issuesToErrors(readIssues(error), error.message);
  if (error.status === 413) {
    return { description: `Task description is too large to send (${request.description.length.toLocaleString()} characters; the limit is 1 MiB).` };
  }
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

function issuesToErrors(issues: readonly InputIssue[], fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = toField(issue.path);
    errors[field] ??= issue.message;
  }
  if (Object.keys(errors).length === 0) errors.form = fallback;
  return errors;
}

function toField(path: string): FormField {
  return path === "description" || path === "concurrency" || path === "kind" ? path : "form";
}
