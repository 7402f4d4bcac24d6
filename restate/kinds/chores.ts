import { chores } from "@/lib/kinds/chores";
import { failIfSimulated, parseSimulation } from "@/lib/kinds/simulation";
import { executorFor } from "./executor";
import { takeSimulatedTime } from "./simulated-time";

/** Longest simulated chore, as in the guide: each takes a random 0-4 s. */
const MAX_CHORE_MS = 4000;

export const choresExecutor = executorFor(chores, async (ctx, chore, { attempt }) => {
  ctx.console.info(`Started executing subtask: ${chore}`);
  const simulation = parseSimulation(chore);
  if (!(await takeSimulatedTime(ctx, simulation))) {
    // Restate's deterministic random, so a retry or replay sleeps the same time.
    await ctx.sleep(Math.floor(ctx.rand.random() * MAX_CHORE_MS), "do chore");
  }
  failIfSimulated(simulation, attempt);
  ctx.console.info(`Execution subtask finished: ${chore}`);
  return "DONE";
});
