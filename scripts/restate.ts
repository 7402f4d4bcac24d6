// `npm run restate`: only the Restate server, on the configured ports and data dir.
import { PORT_VARIABLES, readStackEnv } from "./stack/env";
import { assertPortsFree, PortTakenError } from "./stack/ports";
import { startRestateServer } from "./stack/restate-server";

async function main() {
  const env = readStackEnv();
  await assertPortsFree(
    [
      { port: env.ingressPort, variable: PORT_VARIABLES.ingressPort },
      { port: env.adminPort, variable: PORT_VARIABLES.adminPort },
      { port: env.nodePort, variable: PORT_VARIABLES.nodePort },
    ],
    env.host,
  );
  const server = await startRestateServer({ ...env, host: env.host });
  console.log(
    `Restate is up: ingress ${server.ingressUrl}, admin ${server.adminUrl} (UI ${server.adminUrl}/ui/), data ${env.dataDir}`,
  );
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.exitCode = (await server.exited) ?? 1;
}

main().catch((error) => {
  console.error(error instanceof PortTakenError ? error.message : (error as Error).message);
  process.exit(1);
});
