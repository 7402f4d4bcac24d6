import "server-only";
import { NextResponse } from "next/server";

/**
 * What every state-changing route checks before anything else, so another
 * site cannot make a signed-in browser (or an open loopback dashboard) write:
 *
 * - the request comes from the dashboard's own pages or from no page at all:
 *   a browser names the page's origin in `Origin` and `Sec-Fetch-Site`, and
 *   either naming another origin (another site, or another port on this host,
 *   which SameSite cookies count as the same site) is refused with 403.
 *   Scripts and curl send neither, so a bearer token keeps working from them.
 * - a body is JSON (415 otherwise): a cross-site page can send `text/plain`
 *   or a form without asking first, never `application/json`. The sign-in
 *   route also takes a form post, for a browser that has not run the page's
 *   script yet; the origin check still applies to it.
 */
export const JSON_ONLY = ["application/json"] as const;
export const JSON_OR_FORM = ["application/json", "application/x-www-form-urlencoded"] as const;
/** `POST /api/runs` also takes items as CSV or JSON Lines: neither is a type a cross-site page may send without asking first. */
export const JSON_OR_ITEMS = [
  "application/json",
  "text/csv",
  "application/x-ndjson",
  "application/jsonl",
  "application/jsonlines",
] as const;

function refuse(status: number, error: string): NextResponse {
  return NextResponse.json({ error }, { status });
}

/** The hosts this dashboard answers as: its Host, and the one a reverse proxy forwarded. */
function ownHosts(request: Request): string[] {
  return [request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0].trim()].filter(
    (h): h is string => Boolean(h),
  );
}

function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true; // "null" (a sandboxed frame, a redirect chain) or garbage
  }
  return !ownHosts(request).includes(host);
}

function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  return (length !== null && length !== "0") || request.headers.has("transfer-encoding");
}

/** null when the request may go on; otherwise the 403 or 415 to answer. */
export function guardWrite(request: Request, accepted: readonly string[] = JSON_ONLY): NextResponse | null {
  if (crossSite(request)) {
    return refuse(
      403,
      "Refused: this request came from another site's page. Use the dashboard itself, or call the API from a script.",
    );
  }
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type === undefined ? hasBody(request) : !accepted.includes(type)) {
    return refuse(415, `Send the body as ${accepted.join(" or ")}${type ? `, not ${type}` : ""}.`);
  }
  return null;
}
