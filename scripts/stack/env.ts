import path from "node:path";
import { parseMaxSubtasks } from "../../lib/max-subtasks";

/** Every port and location the stack uses, from the environment (the README lists them). */
export interface StackEnv {
  host: string;
  webPort: number;
  ingressPort: number;
  adminPort: number;
  nodePort: number;
  servicePort: number;
  dataDir: string;
  /** Restate signs its requests and the services accept no others (keys made under the data dir). */
  signRequests: boolean;
  /** Set when an existing Restate server or cluster should be used instead of starting one. */
  external: { ingressUrl: string; adminUrl: string } | null;
}

export const PORT_VARIABLES = {
  webPort: "PORT",
  ingressPort: "RESTATE_INGRESS_PORT",
  adminPort: "RESTATE_ADMIN_PORT",
  nodePort: "RESTATE_NODE_PORT",
  servicePort: "SERVICE_PORT",
} as const;

/** The example user service's port for `npm run dev`; EXAMPLE_SERVICE_PORT=off starts none. */
export function readExamplePort(env = process.env): number | undefined {
  return env.EXAMPLE_SERVICE_PORT === "off" ? undefined : port("EXAMPLE_SERVICE_PORT", 9081);
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name}=${raw} is not a port number (1-65535).`);
  }
  return value;
}

export function readStackEnv(env = process.env): StackEnv {
  parseMaxSubtasks(env.FANLINE_MAX_SUBTASKS); // a bad value stops the start here, with its message
  const ingressUrl = env.RESTATE_INGRESS_URL;
  const adminUrl = env.RESTATE_ADMIN_URL;
  if (Boolean(ingressUrl) !== Boolean(adminUrl)) {
    throw new Error(
      "Set both RESTATE_INGRESS_URL and RESTATE_ADMIN_URL to use an existing Restate server, or neither.",
    );
  }
  return {
    host: env.FANLINE_HOST ?? "127.0.0.1",
    webPort: port("PORT", 3000),
    ingressPort: port("RESTATE_INGRESS_PORT", 8080),
    adminPort: port("RESTATE_ADMIN_PORT", 9070),
    nodePort: port("RESTATE_NODE_PORT", 5122),
    servicePort: port("SERVICE_PORT", 9080),
    dataDir: path.resolve(env.RESTATE_DATA_DIR ?? ".restate"),
    signRequests: env.FANLINE_SIGN_REQUESTS === "true",
    external: ingressUrl && adminUrl ? { ingressUrl, adminUrl } : null,
  };
}

export function ingressUrl(env: StackEnv): string {
  return env.external?.ingressUrl ?? `http://${env.host}:${env.ingressPort}`;
}

export function adminUrl(env: StackEnv): string {
  return env.external?.adminUrl ?? `http://${env.host}:${env.adminPort}`;
}

export function serviceUrl(env: StackEnv): string {
  return `http://${env.host}:${env.servicePort}`;
}
