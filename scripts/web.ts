// `npm run web`: only the dashboard (next dev), pointed at the configured Restate.
import { spawn } from "node:child_process";
import path from "node:path";
import { adminUrl, ingressUrl, PORT_VARIABLES, readStackEnv } from "./stack/env";
import { assertPortsFree, PortTakenError } from "./stack/ports";

async function main() {
  const env = readStackEnv();
  await assertPortsFree([{ port: env.webPort, variable: PORT_VARIABLES.webPort }], env.host);
  const next = path.resolve(import.meta.dirname, "../node_modules/next/dist/bin/next");
  const child = spawn(process.execPath, [next, "dev", "-p", String(env.webPort), "-H", env.host], {
    stdio: "inherit",
    env: {
      ...process.env,
      RESTATE_INGRESS_URL: ingressUrl(env),
      RESTATE_ADMIN_URL: adminUrl(env),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error instanceof PortTakenError ? error.message : (error as Error).message);
  process.exit(1);
});
