import type { Managed } from "./process";
import { registerDeployment } from "./register";
import { startServices } from "./services";
import { startWeb } from "./web";

export interface AppOptions {
  host: string;
  servicePort: number;
  /** Restate's public key: the services accept only requests it signed. */
  identityKey?: string;
  /** Where to register the services, and where the dashboard finds Restate. */
  adminUrls: string[];
  ingressUrls: string[];
  web: "dev" | "start" | false;
  webPort: number;
  webEnv?: Record<string, string | undefined>;
  quiet?: boolean;
  /** Also start the example user service (examples/text-stats) on this port, registered as its own deployment. */
  examplePort?: number;
}

export const EXAMPLE_ENDPOINT = "examples/text-stats/endpoint.ts";

/**
 * Fanline's own processes on top of a running Restate (one server or a
 * cluster): the services, their registration, and the dashboard. Each part is
 * pushed to `parts` as soon as it runs, so a failure later still stops it.
 */
export async function startApp(options: AppOptions, parts: Managed[]): Promise<{ webUrl: string | null }> {
  parts.push(
    await startServices({ host: options.host, port: options.servicePort, identityKey: options.identityKey, quiet: options.quiet }),
  );
  await registerDeployment(options.adminUrls[0], `http://${options.host}:${options.servicePort}`);
  if (options.examplePort !== undefined) {
    parts.push(await startServices({ entry: EXAMPLE_ENDPOINT, name: "example", host: options.host, port: options.examplePort, quiet: options.quiet }));
    await registerDeployment(options.adminUrls[0], `http://${options.host}:${options.examplePort}`);
  }
  if (!options.web) return { webUrl: null };
  const web = await startWeb({
    host: options.host,
    port: options.webPort,
    mode: options.web,
    ingressUrl: options.ingressUrls[0],
    adminUrl: options.adminUrls[0],
    quiet: options.quiet,
    // Every node's URLs, so the dashboard moves to a live one when one dies.
    env: { ...options.webEnv, RESTATE_INGRESS_URLS: options.ingressUrls.join(","), RESTATE_ADMIN_URLS: options.adminUrls.join(",") },
  });
  parts.push(web);
  return { webUrl: web.url };
}
