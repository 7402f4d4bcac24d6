import { NextResponse, type NextRequest } from "next/server";
import { apiToken, isAuthorized, readsProtected } from "@/lib/server/auth";

/**
 * In front of every page (not the API, whose handlers check access
 * themselves): a per-request nonce for the content security policy, so only
 * Next's own scripts run and nothing in data can become a script; and, when
 * reads need the access token, a redirect to the login page.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (apiToken() && readsProtected() && pathname !== "/login" && !isAuthorized(request)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    // Next's dev server evaluates modules and talks over a websocket; production needs neither.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Timeline bars are positioned with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "same-origin");
  response.headers.set("x-frame-options", "DENY");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api|_next/static|_next/image|favicon.ico).*)" }],
};
