/**
 * Where Restate answers, for the dashboard and the services alike. On a
 * Restate cluster every node serves ingress and admin, so callers are given
 * all of them (`RESTATE_INGRESS_URLS`, `RESTATE_ADMIN_URLS`, comma-separated);
 * the single-URL variables still work for one server.
 */
export function restateIngressUrls(): string[] {
  return urlList(
    process.env.RESTATE_INGRESS_URLS,
    process.env.RESTATE_INGRESS_URL,
    process.env.RESTATE_INGRESS_PORT ?? 8080,
  );
}

export function restateAdminUrls(): string[] {
  return urlList(process.env.RESTATE_ADMIN_URLS, process.env.RESTATE_ADMIN_URL, process.env.RESTATE_ADMIN_PORT ?? 9070);
}

function urlList(list: string | undefined, single: string | undefined, port: string | number): string[] {
  const urls = (list ?? "")
    .split(",")
    .map((u) => u.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  if (urls.length > 0) return urls;
  return [(single ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "")];
}
