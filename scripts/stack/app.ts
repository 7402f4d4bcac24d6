import type { OutputOptions } from "./console";
import type { Managed } from "./process";
import { registerDeployment } from "./register";
import { startServices } from "./services";
import { startWeb } from "./web";

export interface AppOptions extends OutputOptions {
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
  /** The example user service (examples/text-stats), registered as its own deployment, on this port. */
  examplePort?: number;
}

export const EXAMPLE_ENDPOINT = "examples/text-stats/endpoint.ts";

export type AppPart = "services" | "example" | "web";

/** How to start each of Fanline's own processes, the same way every time (at start and after a crash). */
export function appStarters(options: AppOptions): Record<AppPart, () => Promise<Managed & { url?: string }>> {
  return {
    // The runs index asks Restate's admin API before it records a killed run.
    services: () =>
      startServices({
        ...options,
        port: options.servicePort,
        env: { RESTATE_ADMIN_URLS: options.adminUrls.join(",") },
      }),
    example: () => {
      if (options.examplePort === undefined) throw new Error("No port for the example service");
      return startServices({
        ...options,
        entry: EXAMPLE_ENDPOINT,
        name: "example",
        port: options.examplePort,
        identityKey: undefined,
      });
    },
    web: () =>
      startWeb({
        ...options,
        port: options.webPort,
        mode: options.web || "dev",
        ingressUrl: options.ingressUrls[0],
        adminUrl: options.adminUrls[0],
        // Every node's URLs, so the dashboard moves to a live one when one dies.
        env: {
          ...options.webEnv,
          RESTATE_INGRESS_URLS: options.ingressUrls.join(","),
          RESTATE_ADMIN_URLS: options.adminUrls.join(","),
        },
      }),
  };
}

/**
 * Fanline's own processes on top of a running Restate (one server or a
 * cluster): the services, their registration, and the dashboard. Each part is
 * pushed to `parts` as soon as it runs, so a failure later still stops it.
 */
export async function startApp(options: AppOptions, parts: Managed[]): Promise<{ webUrl: string | null }> {
  const start = appStarters(options);
  parts.push(await start.services());
  await registerDeployment(options.adminUrls[0], `http://${options.host}:${options.servicePort}`);
  if (!options.web) return { webUrl: null };
  const web = await start.web();
  parts.push(web);
  return { webUrl: web.url ?? null };
}
