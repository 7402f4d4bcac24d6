import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { guardWrite, JSON_ONLY } from "./write-guard";

/**
 * Optional access token. Unset (the development default), the API is open to
 * whoever reaches it on loopback. Set FANLINE_API_TOKEN and every
 * state-changing call needs it; set FANLINE_PROTECT_READS=true and reads do
 * too. A caller shows it as `Authorization: Bearer <token>`, or the browser
 * carries the session cookie the login page sets (which holds a keyed hash
 * of the token, not the token).
 *
 * Route handlers check this themselves: the proxy in front of the pages is a
 * convenience for redirecting to the login page, not the security boundary.
 */
export const SESSION_COOKIE = "fanline_session";

export type Access = "read" | "write";

export function apiToken(): string | null {
  const token = process.env.FANLINE_API_TOKEN;
  return token && token.length > 0 ? token : null;
}

export function readsProtected(): boolean {
  return process.env.FANLINE_PROTECT_READS === "true";
}

/** The cookie value for a token: a keyed hash, so the cookie never holds the token itself. */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("fanline-session-v1").digest("base64url");
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function tokenMatches(candidate: string): boolean {
  const token = apiToken();
  return token !== null && same(candidate, token);
}

/** Does this request carry the token (header) or a valid session (cookie)? */
export function isAuthorized(request: Request): boolean {
  const token = apiToken();
  if (!token) return true;
  const header = request.headers.get("authorization");
  if (header?.startsWith("Bearer ") && same(header.slice(7), token)) return true;
  const cookie = request.headers.get("cookie") ?? "";
  const session = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === SESSION_COOKIE)?.[1];
  return session !== undefined && same(session, sessionValue(token));
}

/**
 * null when the call may go on; otherwise the answer: for a write, first the
 * cross-site and content-type checks (403, 415; see write-guard.ts), then the
 * token (401).
 */
export function requireAccess(
  request: Request,
  access: Access,
  bodies: readonly string[] = JSON_ONLY,
): NextResponse | null {
  if (access === "write") {
    const refused = guardWrite(request, bodies);
    if (refused) return refused;
  }
  if (!apiToken() || (access === "read" && !readsProtected())) return null;
  if (isAuthorized(request)) return null;
  return NextResponse.json(
    { error: "This Fanline requires an access token: sign in at /login, or send Authorization: Bearer <token>." },
    { status: 401, headers: { "www-authenticate": 'Bearer realm="fanline"' } },
  );
}
