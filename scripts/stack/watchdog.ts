// The stack's dead-man switch. Every part runs in its own process group (so a
// stop reaches next's workers too), which also means nothing stops it when
// the process that started it is SIGKILLed. This tiny process, in a session of
// its own, is told each part's group on its stdin ("+pid", "-pid"); when that
// pipe closes, its parent is gone however it died, and it stops every group
// still listed: SIGTERM, then SIGKILL after a grace period.
import { createInterface } from "node:readline";

const GRACE_MS = 5000;
const groups = new Set<number>();

const alive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};
const signal = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(-pid, sig);
  } catch {
    // Already gone.
  }
};

createInterface({ input: process.stdin })
  .on("line", (line) => {
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) return;
    if (line.startsWith("+")) groups.add(pid);
    else groups.delete(pid);
  })
  .on("close", () => {
    for (const pid of groups) signal(pid, "SIGTERM");
    const deadline = Date.now() + GRACE_MS;
    const check = setInterval(() => {
      const left = [...groups].filter(alive);
      if (left.length > 0 && Date.now() < deadline) return;
      for (const pid of left) signal(pid, "SIGKILL");
      clearInterval(check);
      process.exit(0);
    }, 100);
  });

// A terminal's hang-up or Ctrl-C is for the supervisor, which then stops the parts itself.
for (const sig of ["SIGINT", "SIGHUP"] as const) process.on(sig, () => undefined);
