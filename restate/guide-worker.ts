import * as restate from "@restatedev/restate-sdk";
import { TerminalError } from "@restatedev/restate-sdk";
import { chores } from "@/lib/kinds/chores";
import { GUIDE_WORKER_SERVICE } from "@/lib/names";
import { parseSubmission } from "@/lib/run-input";
import { runWorkflow } from "./run-workflow";

/**
 * The guide's `worker/run`, kept so its curl works unchanged:
 *   curl localhost:8080/worker/run --json '{"description": "get out of bed,shower"}'
 * It starts an ordinary Fanline run of the chores kind (so it shows on the
 * dashboard) and answers that run's aggregate.
 */
export const guideWorker = restate.service({
  name: GUIDE_WORKER_SERVICE,
  handlers: {
    run: async (ctx: restate.Context, task: { description: string }): Promise<{ description: string }> => {
      const parsed = parseSubmission({ ...task, kind: chores.name });
      if (!parsed.ok) throw new TerminalError(parsed.error, { errorCode: 400 });
      const runId = `guide-${ctx.rand.uuidv4()}`;
      const aggregate = await ctx.workflowClient(runWorkflow, runId).run(parsed.input);
      return aggregate as { description: string };
    },
  },
});
