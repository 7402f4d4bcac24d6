import path from "node:path";
import { startApp } from "./app";
import { adminUrl, ingressUrl, PORT_VARIABLES, readStackEnv, type StackEnv } from "./env";
import { assertPortsFree } from "./ports";
import type { Managed } from "./process";
import { ensureIdentityKeys } from "./identity";
import { startRestateServer } from "./restate-server";

export interface Stack {
  env: StackEnv;
  ingressUrl: string;
  adminUrl: string;
  webUrl: string | null;
  parts: Managed[];
  stop(): Promise<void>;
}

export interface StackOptions {
  env?: StackEnv;
  web?: "dev" | "start" | false;
  /** Extra environment for the dashboard process. */
  webEnv?: Record<string, string | undefined>;
  quiet?: boolean;
  /** Start the example user service on this port too (`npm run dev`: EXAMPLE_SERVICE_PORT, default 9081). */
  examplePort?: number;
}

/**
 * Starts what a run needs, in order: the Restate server (unless an existing
 * one is configured), the services endpoint, their registration, and the
 * dashboard. Stopping stops them in reverse order.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? readStackEnv();
  const wanted: Array<{ port: number; variable: string }> = [{ port: env.servicePort, variable: PORT_VARIABLES.servicePort }];
  if (options.examplePort !== undefined) wanted.push({ port: options.examplePort, variable: "EXAMPLE_SERVICE_PORT" });
  if (options.web) wanted.push({ port: env.webPort, variable: PORT_VARIABLES.webPort });
  if (!env.external) {
    wanted.push(
      { port: env.ingressPort, variable: PORT_VARIABLES.ingressPort },
      { port: env.adminPort, variable: PORT_VARIABLES.adminPort },
      { port: env.nodePort, variable: PORT_VARIABLES.nodePort },
    );
  }
  await assertPortsFree(wanted, env.host);

  const identity = env.signRequests && !env.external ? ensureIdentityKeys(path.join(env.dataDir, "identity")) : null;
  const parts: Managed[] = [];
  const stop = async () => {
    for (const part of parts.slice().reverse()) await part.stop();
  };
  try {
    if (!env.external) {
      parts.push(
        await startRestateServer({
          host: env.host,
          ingressPort: env.ingressPort,
          adminPort: env.adminPort,
          nodePort: env.nodePort,
          dataDir: env.dataDir,
          identityPrivateKeyFile: identity?.privateKeyFile,
          quiet: options.quiet,
        }),
      );
    }
    const { webUrl } = await startApp(
      {
        host: env.host,
        servicePort: env.servicePort,
        identityKey: identity?.publicKey,
        adminUrls: [adminUrl(env)],
        ingressUrls: [ingressUrl(env)],
        web: options.web ?? false,
        webPort: env.webPort,
        webEnv: options.webEnv,
        quiet: options.quiet,
        examplePort: options.examplePort,
      },
      parts,
    );
    return { env, ingressUrl: ingressUrl(env), adminUrl: adminUrl(env), webUrl, parts, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
