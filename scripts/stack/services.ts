import net from "node:net";
import path from "node:path";
import { partOutput, type OutputOptions } from "./console";
import { startProcess, waitFor, type Managed } from "./process";

const root = path.resolve(import.meta.dirname, "../..");

function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface ServicesOptions extends OutputOptions {
  /** Another endpoint file, relative to the repository (an example service, a test's own); Fanline's own by default. */
  entry?: string;
  /** The part's name in logs and restarts. */
  name?: string;
  host: string;
  port: number;
  /** Restate's public key: accept only requests it signed. */
  identityKey?: string;
  env?: Record<string, string | undefined>;
}

/** Starts a services endpoint (Fanline's own, restate/endpoint.ts, unless `entry` names another) with tsx and waits until it listens. */
export async function startServices(options: ServicesOptions): Promise<Managed> {
  const name = options.name ?? "services";
  const managed = startProcess(
    name,
    process.execPath,
    ["--import", "tsx", path.join(root, options.entry ?? "restate/endpoint.ts")],
    {
      cwd: root,
      ...partOutput(name, options),
      env: {
        ...process.env,
        ...options.env,
        SERVICE_PORT: String(options.port),
        SERVICE_HOST: options.host,
        ...(options.identityKey ? { RESTATE_IDENTITY_KEY: options.identityKey } : {}),
      },
    },
  );
  try {
    await waitFor("Services endpoint", () => accepts(options.port, options.host), 30_000, managed);
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return managed;
}
