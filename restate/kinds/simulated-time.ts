import type { AttemptContext } from "../attempt";
import type { Simulation } from "@/lib/kinds/simulation";

/** Sleeps durably for the simulated time, if any; answers whether it did. */
export async function takeSimulatedTime(ctx: AttemptContext, simulation: Simulation | null): Promise<boolean> {
  if (simulation?.takeMs == null) return false;
  await ctx.sleep(simulation.takeMs, "simulated work");
  return true;
}
