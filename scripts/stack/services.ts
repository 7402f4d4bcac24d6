import net from "node:net";
import path from "node:path";
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

/** Starts a services endpoint (Fanline's own, restate/endpoint.ts, unless `entry` names another) with tsx and waits until it listens. */
export async function startServices(options: {
  /** Another endpoint file, relative to the repository (an example service, a test's own). */
  entry?: string;
  name?: string;
  host: string;
  port: number;
  /** Restate's public key: accept only requests it signed. */
  identityKey?: string;
  quiet?: boolean;
  env?: Record<string, string | undefined>;
}): Promise<Managed> {
  const managed = startProcess(options.name ?? "services", process.execPath, ["--import", "tsx", path.join(root, options.entry ?? "restate/endpoint.ts")], {
    cwd: root,
    quiet: options.quiet,
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
