import net from "node:net";

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
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
