import { readFileSync } from "node:fs";
import net from "node:net";

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Where the OS picks the local ports of outgoing connections (Linux's
 * ip_local_port_range; elsewhere IANA's 49152 on).
 */
export function ephemeralPortsStart(): number {
  try {
    const start = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    if (Number.isInteger(start) && start > LOWEST_PICKED + 1000) return start;
  } catch {
    // Not Linux: the IANA range.
  }
  return 49152;
}

/** Below this, ports are often someone's well-known service. */
const LOWEST_PICKED = 10_000;
/** Ports this process handed out: no two parts get the same one. */
const handedOut = new Set<number>();

/**
 * A port free right now, below the range the OS takes outgoing connections'
 * local ports from. A port the OS picked itself (listen on 0) lies in that
 * range, and between our check and the server's bind an outgoing connection
 * may take it, or hold it in TIME_WAIT: Restate then fails with "Address in
 * use" (seen in CI).
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const end = ephemeralPortsStart();
  for (let tries = 0; tries < 200; tries++) {
    const port = LOWEST_PICKED + Math.floor(Math.random() * (end - LOWEST_PICKED));
    if (handedOut.has(port) || !(await isPortFree(port, host))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port found between ${LOWEST_PICKED} and ${end} on ${host}`);
}

/** Fails with one line naming the variable to change when a port is taken. */
export async function assertPortsFree(
  ports: Array<{ port: number; variable: string }>,
  host = "127.0.0.1",
): Promise<void> {
  for (const { port, variable } of ports) {
    if (!(await isPortFree(port, host))) {
      throw new PortTakenError(`Port ${port} is already in use: set ${variable} to a free port.`);
    }
  }
}

export class PortTakenError extends Error {}
