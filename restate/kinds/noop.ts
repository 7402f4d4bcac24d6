import { noop } from "@/lib/kinds/noop";
import { failIfSimulated, parseSimulation } from "@/lib/kinds/simulation";
import { executorFor } from "./executor";
import { takeSimulatedTime } from "./simulated-time";

export const noopExecutor = executorFor(noop, async (ctx, item, { attempt }) => {
  const simulation = parseSimulation(item);
  await takeSimulatedTime(ctx, simulation);
  failIfSimulated(simulation, attempt);
  return null;
});
