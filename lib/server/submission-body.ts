import "server-only";
import { parseItems, type ItemFormat } from "@/lib/items";
import { LIMITS } from "@/lib/limits";
import type { InputIssue } from "@/lib/run-input";
import { describeBytes, readBoundedText } from "./read-body";

export type SubmissionBody =
  { ok: true; body: unknown } | { ok: false; status: 400 | 413; error: string; issues: InputIssue[] };

/** Query parameters a CSV or JSON Lines submission takes (the JSON body's fields, dotted where nested). */
const QUERY_FIELDS = [
  "kind",
  "id",
  "target",
  "key",
  "concurrency",
  "retry.maxAttempts",
  "retry.initialIntervalMs",
  "onFailure",
  "tolerance.count",
  "tolerance.percent",
  "parseNumbers",
] as const;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

function formatOf(contentType: string): ItemFormat | "json-body" | null {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "text/csv") return "csv";
  if (type === "application/x-ndjson" || type === "application/jsonl" || type === "application/jsonlines")
    return "jsonl";
  if (type === "" || type === "application/json") return "json-body";
  return null;
}

const fail = (status: 400 | 413, error: string, issues: InputIssue[] = []): SubmissionBody => ({
  ok: false,
  status,
  error,
  issues,
});

/**
 * The body of `POST /api/runs`, bounded while reading: a JSON object as
 * always, or items as CSV (`text/csv`) or JSON Lines (`application/x-ndjson`)
 * with everything else in query parameters. Either way the answer is the JSON
 * object `parseSubmission` validates, so every format gets the same checks.
 */
export async function readSubmissionBody(request: Request): Promise<SubmissionBody> {
  const format = formatOf(request.headers.get("content-type") ?? "");
  if (format === null) {
    return fail(
      400,
      "Send JSON (application/json), CSV with a header row (text/csv) or JSON Lines (application/x-ndjson).",
    );
  }
  const read = await readBoundedText(request, LIMITS.maxItemsBodyBytes);
  if (!read.ok)
    return fail(
      413,
      `${read.error} The limit is ${describeBytes(LIMITS.maxItemsBodyBytes)}: split the items into several runs.`,
    );
  if (format === "json-body") {
    if (read.text.trim() === "") return fail(400, "The request body is empty: send a JSON object.");
    try {
      return { ok: true, body: JSON.parse(read.text) };
    } catch {
      return fail(400, "The request body is not valid JSON.");
    }
  }

  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].find((name) => !(QUERY_FIELDS as readonly string[]).includes(name));
  if (unknown) return fail(400, `Unknown query parameter '${unknown}'; known: ${QUERY_FIELDS.join(", ")}.`);
  const parsed = parseItems(read.text, format, { parseNumbers: params.get("parseNumbers") === "true" });
  if (!parsed.ok) {
    const issues = parsed.errors.map((e) => ({ path: "items", message: `Line ${e.line}: ${e.message}` }));
    return fail(400, issues[0].message, issues);
  }
  const body: Record<string, unknown> = { kind: "call", items: parsed.items };
  for (const [name, raw] of params) {
    if (name === "parseNumbers") continue;
    const value = NUMERIC.test(raw) && name !== "id" && name !== "key" && name !== "target" ? Number(raw) : raw;
    const [head, tail] = name.split(".");
    if (tail) body[head] = { ...(body[head] as object | undefined), [tail]: value };
    else body[name] = value;
  }
  return { ok: true, body };
}
