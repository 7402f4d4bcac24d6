import path from "node:path";
import { partOutput, type OutputOptions } from "./console";
import { httpOk, startProcess, waitFor, type Managed } from "./process";

const root = path.resolve(import.meta.dirname, "../..");

export interface WebOptions extends OutputOptions {
  host: string;
  port: number;
  mode: "dev" | "start";
  ingressUrl: string;
  adminUrl: string;
  env?: Record<string, string | undefined>;
}

/** Starts the Next.js dashboard pointed at a Restate server and waits until it serves. */
export async function startWeb(options: WebOptions): Promise<Managed & { url: string }> {
  const next = path.join(root, "node_modules/next/dist/bin/next");
  const managed = startProcess(
    "web",
    process.execPath,
    [next, options.mode, "-p", String(options.port), "-H", options.host],
    {
      cwd: root,
      ...partOutput("web", options),
      env: {
        ...process.env,
        ...options.env,
        RESTATE_INGRESS_URL: options.ingressUrl,
        RESTATE_ADMIN_URL: options.adminUrl,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const url = `http://${options.host}:${options.port}`;
  try {
    await waitFor("Dashboard", () => httpOk(`${url}/api/health`), 120_000, managed);
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return { ...managed, url };
}
