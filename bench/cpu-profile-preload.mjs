// Loaded with NODE_OPTIONS="--import <this file>" (Node 20 refuses --cpu-prof in
// NODE_OPTIONS): profiles the whole process with the inspector and writes
// $FANLINE_CPU_PROFILE_DIR/<pid>.cpuprofile when the process exits.
import { Session } from "node:inspector";
import { writeFileSync } from "node:fs";
import path from "node:path";

const dir = process.env.FANLINE_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  // The in-process session answers synchronously, so this works inside 'exit'.
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
