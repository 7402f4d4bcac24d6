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
  host: string;
  port: number;
  /** Restate's public key: accept only requests it signed. */
  identityKey?: string;
  env?: Record<string, string | undefined>;
}

/** Starts the services endpoint (restate/endpoint.ts) with tsx and waits until it listens. */
export async function startServices(options: ServicesOptions): Promise<Managed> {
  const managed = startProcess("services", process.execPath, ["--import", "tsx", path.join(root, "restate/endpoint.ts")], {
    cwd: root,
    ...partOutput("services", options),
    env: {
      ...process.env,
      ...options.env,
      SERVICE_PORT: String(options.port),
      SERVICE_HOST: options.host,
      ...(options.identityKey ? { RESTATE_IDENTITY_KEY: options.identityKey } : {}),
    },
  });
  try {
    await waitFor("Services endpoint", () => accepts(options.port, options.host), 30_000, managed);
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return managed;
}
