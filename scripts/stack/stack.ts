import path from "node:path";
import { appStarters } from "./app";
import { logDirOf, type OutputOptions } from "./console";
import { adminUrl, ingressUrl, PORT_VARIABLES, readStackEnv, type StackEnv } from "./env";
import { claimDataDir, recordParts, releaseDataDir } from "./lock";
import { assertPortsFree } from "./ports";
import type { Managed } from "./process";
import { ensureIdentityKeys } from "./identity";
import { registerDeployment } from "./register";
import { startRestateServer } from "./restate-server";

export type PartName = "restate" | "services" | "example" | "web";

/** The order parts start in; they stop in reverse. */
const ORDER: PartName[] = ["restate", "services", "example", "web"];

export interface Stack {
  env: StackEnv;
  ingressUrl: string;
  adminUrl: string;
  webUrl: string | null;
  /** The parts running now, in start order. */
  parts: Managed[];
  /** Starts `name` again, exactly as at start (same ports; for Restate, the same data), in place of the one that died. */
  restart(name: PartName): Promise<Managed>;
  stop(): Promise<void>;
}

export interface StackOptions extends Omit<OutputOptions, "logDir"> {
  env?: StackEnv;
  web?: "dev" | "start" | false;
  /** Extra environment for the dashboard process. */
  webEnv?: Record<string, string | undefined>;
  /** One line about the stack itself (a leftover stopped); the console by default. */
  log?: (line: string) => void;
  /** Start the example user service on this port too (`npm run dev`: EXAMPLE_SERVICE_PORT, default 9081). */
  examplePort?: number;
}

/**
 * Starts what a run needs, in order: the Restate server (unless an existing
 * one is configured), the services endpoint, their registration, and the
 * dashboard. Stopping stops them in reverse order. Each part's full log goes
 * to `<data dir>/logs/<part>.log`.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? readStackEnv();
  const log = options.log ?? ((line: string) => console.log(line));
  await claimDataDir(env.dataDir, log);
  const wanted: Array<{ port: number; variable: string }> = [
    { port: env.servicePort, variable: PORT_VARIABLES.servicePort },
  ];
  if (options.examplePort !== undefined) wanted.push({ port: options.examplePort, variable: "EXAMPLE_SERVICE_PORT" });
  if (options.web) wanted.push({ port: env.webPort, variable: PORT_VARIABLES.webPort });
  if (!env.external) {
    wanted.push(
      { port: env.ingressPort, variable: PORT_VARIABLES.ingressPort },
      { port: env.adminPort, variable: PORT_VARIABLES.adminPort },
      { port: env.nodePort, variable: PORT_VARIABLES.nodePort },
    );
  }
  await assertPortsFree(wanted, env.host).catch((error) => {
    releaseDataDir(env.dataDir);
    throw error;
  });

  const identity = env.signRequests && !env.external ? ensureIdentityKeys(path.join(env.dataDir, "identity")) : null;
  const output: OutputOptions = { quiet: options.quiet, verbose: options.verbose, logDir: logDirOf(env.dataDir) };
  const starters: Record<PartName, () => Promise<Managed & { url?: string }>> = {
    restate: () =>
      startRestateServer({
        ...output,
        host: env.host,
        ingressPort: env.ingressPort,
        adminPort: env.adminPort,
        nodePort: env.nodePort,
        dataDir: env.dataDir,
        identityPrivateKeyFile: identity?.privateKeyFile,
      }),
    ...appStarters({
      ...output,
      host: env.host,
      servicePort: env.servicePort,
      identityKey: identity?.publicKey,
      adminUrls: [adminUrl(env)],
      ingressUrls: [ingressUrl(env)],
      web: options.web ?? false,
      webPort: env.webPort,
      webEnv: options.webEnv,
      examplePort: options.examplePort,
    }),
  };
  const parts: Managed[] = [];
  const start = async (name: PartName) => {
    const part = await starters[name]();
    const others = parts.filter((p) => p.name !== name);
    parts.splice(
      0,
      parts.length,
      ...[...others, part].sort((a, b) => ORDER.indexOf(a.name as PartName) - ORDER.indexOf(b.name as PartName)),
    );
    recordParts(env.dataDir, parts);
    return part;
  };
  const stop = async () => {
    for (const part of parts.slice().reverse()) await part.stop();
    releaseDataDir(env.dataDir);
  };
  const first = async (name: PartName, where: (part: Managed & { url?: string }) => string) => {
    const began = Date.now();
    const part = await start(name);
    log(`${name.padEnd(8)} ready  ${where(part)}  (${((Date.now() - began) / 1000).toFixed(1)} s)`);
    return part;
  };
  try {
    if (!env.external) await first("restate", () => `ingress ${ingressUrl(env)}, admin ${adminUrl(env)}`);
    await first("services", () => `http://${env.host}:${env.servicePort}`);
    await registerDeployment(adminUrl(env), `http://${env.host}:${env.servicePort}`);
    if (options.examplePort !== undefined) {
      await first("example", () => `http://${env.host}:${options.examplePort}`);
      await registerDeployment(adminUrl(env), `http://${env.host}:${options.examplePort}`);
    }
    const web = options.web ? await first("web", (part) => part.url ?? "") : null;
    return {
      env,
      ingressUrl: ingressUrl(env),
      adminUrl: adminUrl(env),
      webUrl: web?.url ?? null,
      parts,
      restart: start,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
