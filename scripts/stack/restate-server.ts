import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { partOutput, type OutputOptions } from "./console";
import { httpOk, startProcess, waitFor, type Managed } from "./process";

export interface RestateServerOptions extends OutputOptions {
  host: string;
  ingressPort: number;
  adminPort: number;
  nodePort: number;
  dataDir: string;
  /** Sign requests to the services with this Ed25519 key (see identity.ts). */
  identityPrivateKeyFile?: string;
}

export interface RestateServer extends Managed {
  ingressUrl: string;
  adminUrl: string;
}

/** The server binary ships inside @restatedev/restate-server's platform package: no download. */
export function restateServerBinary(): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@restatedev/restate-server-${os.platform()}-${os.arch()}/bin/restate-server`);
}

/** Writes the config (ports, loopback, data dir) into the data dir and returns its path. */
export function writeRestateConfig(options: RestateServerOptions): string {
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, "fanline-restate.toml");
  writeFileSync(
    file,
    [
      `# Written by Fanline's scripts on every start; edit the environment, not this file.`,
      // Restate's own files live one level down, beside our request-signing keys;
      // a fixed node name keeps the data usable when the host name changes.
      `base-dir = ${JSON.stringify(path.join(options.dataDir, "restate"))}`,
      `node-name = "fanline"`,
      `bind-ip = ${JSON.stringify(options.host)}`,
      `bind-port = ${options.nodePort}`,
      `default-num-partitions = 4`,
      `rocksdb-total-memory-size = "512 MiB"`,
      `[ingress]`,
      `bind-port = ${options.ingressPort}`,
      `[admin]`,
      `bind-port = ${options.adminPort}`,
      ...(options.identityPrivateKeyFile
        ? [
            `[worker.invoker]`,
            `request-identity-private-key-pem-file = ${JSON.stringify(options.identityPrivateKeyFile)}`,
          ]
        : []),
      ``,
    ].join("\n"),
  );
  return file;
}

/** Starts the Restate server from npm and waits until ingress and admin answer. */
export async function startRestateServer(options: RestateServerOptions): Promise<RestateServer> {
  const config = writeRestateConfig(options);
  const managed = startProcess(
    "restate",
    restateServerBinary(),
    ["--config-file", config, "--listen-mode", "tcp", "--no-logo"],
    {
      ...partOutput("restate", options),
      env: { ...process.env, RESTATE_LOG_FORMAT: "compact" },
    },
  );
  const ingressUrl = `http://${options.host}:${options.ingressPort}`;
  const adminUrl = `http://${options.host}:${options.adminPort}`;
  try {
    await waitFor(
      "Restate server",
      async () => (await httpOk(`${adminUrl}/health`)) && (await httpOk(`${ingressUrl}/restate/health`)),
      60_000,
      managed,
    );
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return { ...managed, ingressUrl, adminUrl };
}
