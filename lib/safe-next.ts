/**
 * Where to send the browser after signing in: a path on this site, or "/".
 * Parsed the way a browser will parse it, so "/\evil.example/" (a backslash
 * is a slash to a browser) and "/\t/evil.example" (tabs are dropped) are seen
 * as the other hosts they are, and a path that normalises to "//…" is refused.
 */
const BASE = "http://fanline.invalid";

export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
