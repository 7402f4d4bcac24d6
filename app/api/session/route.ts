import { NextResponse } from "next/server";
import { apiToken, SESSION_COOKIE, sessionValue, tokenMatches } from "@/lib/server/auth";
import { readJsonBody } from "@/lib/server/read-json";
import { jsonError } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** Signs the browser in: checks the token and sets an HttpOnly session cookie. */
export async function POST(request: Request) {
  if (!apiToken()) return NextResponse.json({ ok: true, required: false });
  const read = await readJsonBody(request);
  if (!read.ok) return jsonError(read.status, read.error);
  const token = (read.body as { token?: unknown })?.token;
  if (typeof token !== "string" || !tokenMatches(token)) return jsonError(401, "That access token is not right.");
  const response = NextResponse.json({ ok: true, required: true });
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
export function DELETE() {
  const response = NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
