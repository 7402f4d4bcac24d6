// `npm run dev` / `npm start`: the whole product in one command. Ctrl-C stops
// every part; if any part dies, the rest are stopped too.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { readExamplePort } from "./stack/env";
import { PortTakenError } from "./stack/ports";
import { startStack } from "./stack/stack";

const mode = process.argv.includes("--prod") ? "start" : "dev";
const root = path.resolve(import.meta.dirname, "..");

async function main() {
  if (mode === "start") {
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const examplePort = readExamplePort();
  const stack = await startStack({ web: mode, examplePort });
  const example = examplePort === undefined ? "" : `  example    TextStats/analyze on :${examplePort}: pick "Call your Restate handler" and drop examples/text-stats/sample.csv\n`;
  console.log(`\nFanline is running:\n  dashboard  ${stack.webUrl}\n  ingress    ${stack.ingressUrl}\n  admin      ${stack.adminUrl}\n${example}Ctrl-C stops everything.\n`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  for (const part of stack.parts) {
    part.exited.then((code) => {
      if (stopping) return;
      console.error(`${part.name} exited (code ${code}); stopping the rest.`);
      void shutdown(1);
    });
  }
}

main().catch((error) => {
  console.error(error instanceof PortTakenError ? error.message : `Fanline failed to start: ${(error as Error).message}`);
  process.exit(1);
});
