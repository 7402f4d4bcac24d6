// `npm run dev` / `npm start`: the whole product in one command, kept
// running: a part that dies is started again (supervisor.ts). Ctrl-C stops
// every part; so does a SIGKILL of this process (watchdog.ts). The console
// shows each part's problems only; `--verbose` shows everything, and
// `<data dir>/logs/` always has it all.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { logDirOf } from "./stack/console";
import { DataDirInUseError } from "./stack/lock";
import { readExamplePort } from "./stack/env";
import { PortTakenError } from "./stack/ports";
import { startStack, type Stack } from "./stack/stack";
import { supervise } from "./stack/supervisor";

const mode = process.argv.includes("--prod") ? "start" : "dev";
const verbose = process.argv.includes("--verbose");
const root = path.resolve(import.meta.dirname, "..");

async function main() {
  if (mode === "start") {
    const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: verbose ? "inherit" : ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  // Parts run in their own process groups, so Ctrl-C reaches only this
  // process: it must stop them itself, also when it comes while they start.
  let stack: Stack | null = null;
  let supervisor: ReturnType<typeof supervise> | null = null;
  let stopping = false;
  const examplePort = readExamplePort();
  const starting = startStack({ web: mode, verbose, examplePort });
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (!stack) console.log("Stopping as soon as the parts already starting are up...");
    await starting.catch(() => undefined);
    await supervisor?.stop();
    await stack?.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

  stack = await starting;
  if (stopping) return;
  supervisor = supervise(stack, (line) => console.log(line));
  console.log(
    [
      ``,
      `Fanline is running:`,
      `  dashboard  ${stack.webUrl}`,
      `  ingress    ${stack.ingressUrl}`,
      `  admin      ${stack.adminUrl}  (Restate's UI: ${stack.adminUrl}/ui/)`,
      ...(examplePort === undefined
        ? []
        : [
            `  example    TextStats/analyze on :${examplePort}: pick "Call your Restate handler" and drop examples/text-stats/sample.csv`,
          ]),
      `  logs       ${logDirOf(stack.env.dataDir)}${verbose ? "" : "  (--verbose shows them here)"}`,
      `A part that stops is started again. Ctrl-C stops everything.`,
      ``,
    ].join("\n"),
  );
}

main().catch((error) => {
  const known = error instanceof PortTakenError || error instanceof DataDirInUseError;
  console.error(known ? error.message : `Fanline failed to start: ${(error as Error).message}`);
  process.exit(1);
});
