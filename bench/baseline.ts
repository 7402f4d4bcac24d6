/*
 * The guide's pattern, exactly, as the benchmark's baseline: split, one call
 * per subtask, one RestatePromise.all, aggregate. No status, no bound.
 *
 *   task ──► split ──► runSubtask × N ──► all ──► aggregate
 */
import * as restate from "@restatedev/restate-sdk";
import { RestatePromise } from "@restatedev/restate-sdk";
import { splitCommaList } from "@/lib/kinds/comma-list";

export const baselineWorker = restate.service({
  name: "BenchBaseline",
  handlers: {
    run: async (ctx: restate.Context, task: { description: string }): Promise<{ done: number }> => {
      const subtasks = await ctx.run("split task", () => splitCommaList(task.description));
      const results = subtasks.map((subtask) => ctx.serviceClient(baselineWorker).runSubtask(subtask));
      const done = await RestatePromise.all(results);
      return { done: done.length };
    },
    runSubtask: async (_ctx: restate.Context, subtask: string): Promise<string> => `${subtask}: DONE`,
  },
});
