import { NextResponse } from "next/server";
import { FailureLimiter } from "@/lib/rate-limit";
import { safeNextPath } from "@/lib/safe-next";
import { apiToken, SESSION_COOKIE, sessionValue, tokenMatches } from "@/lib/server/auth";
import { readBodyBytes, tooLargeMessage } from "@/lib/server/read-body";
import { jsonError } from "@/lib/server/respond";
import { guardWrite, JSON_OR_FORM } from "@/lib/server/write-guard";

export const dynamic = "force-dynamic";

/** A token and a `next` path fit in far less; read no more before authenticating. */
const SIGN_IN_BODY_BYTES = 16 * 1024;
/** Wrong tokens allowed per minute, across all clients. */
const signInFailures = new FailureLimiter(10, 60_000);

/**
 * Signs the browser in: checks the token and sets an HttpOnly session cookie.
 * The login page's script posts JSON and gets JSON; before the script runs,
 * the same form posts urlencoded and gets redirects (to `next`, or back to
 * the login page with the reason).
 */
export async function POST(request: Request) {
  const refused = guardWrite(request, JSON_OR_FORM);
  if (refused) return refused;
  const form = request.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded") ?? false;
  const fields = new URLSearchParams();
  const answer = (status: number, error: string | null) => {
    if (!form) return error ? jsonError(status, error) : NextResponse.json({ ok: true, required: apiToken() !== null });
    // Relative locations: the browser resolves them against the page it is on, whatever this host calls itself.
    const next = safeNextPath(fields.get("next"));
    const reason = status === 429 ? "limited" : status === 401 ? "wrong" : "invalid";
    const location = error ? `/login?${new URLSearchParams({ next, error: reason })}` : next;
    return new NextResponse(null, { status: 303, headers: { location } });
  };

  const wait = signInFailures.retryAfterMs();
  if (wait > 0) {
    const response = answer(429, "Too many wrong access tokens: wait a minute, then try again.");
    response.headers.set("retry-after", String(Math.ceil(wait / 1000)));
    return response;
  }
  const bytes = await readBodyBytes(request, SIGN_IN_BODY_BYTES);
  if (!bytes) return answer(413, tooLargeMessage(SIGN_IN_BODY_BYTES));
  const text = new TextDecoder().decode(bytes);
  let token: unknown;
  if (form) {
    new URLSearchParams(text).forEach((value, key) => fields.set(key, value));
    token = fields.get("token");
  } else {
    try {
      token = (JSON.parse(text) as { token?: unknown } | null)?.token;
    } catch {
      return answer(400, "The request body is not valid JSON.");
    }
  }
  if (!apiToken()) return answer(200, null);
  if (typeof token !== "string" || !tokenMatches(token)) {
    signInFailures.fail();
    return answer(401, "That access token is not right.");
  }
  const response = answer(200, null);
  response.cookies.set(SESSION_COOKIE, sessionValue(token), {
    httpOnly: true,
    sameSite: "strict",
    secure: new URL(request.url).protocol === "https:",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  return response;
}

/** Signs the browser out. */
export function DELETE(request: Request) {
  const refused = guardWrite(request);
  if (refused) return refused;
  const response = NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
