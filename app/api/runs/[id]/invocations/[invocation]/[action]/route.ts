import { NextResponse } from "next/server";
import { actOnInvocation } from "@/lib/server/admin";
import { jsonError } from "@/lib/server/respond";
import { forgetRunView } from "@/lib/server/restate-view";
import { handleKnownRun } from "@/lib/server/run-route";
import { PROBLEM_ACTIONS, type ProblemAction } from "@/lib/answers";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string; invocation: string; action: string }>;

/**
 * What Restate offers for a stuck invocation of this run (resume a paused
 * one, kill one): only for an invocation the run's summary lists as a
 * problem right now, and only the actions listed for it.
 */
export async function POST(request: Request, { params }: { params: Params }) {
  const { invocation, action } = await params;
  return handleKnownRun(request, params, "write", async (summary) => {
    if (!PROBLEM_ACTIONS.includes(action as ProblemAction)) {
      return jsonError(404, `Unknown action '${action}'; Restate's actions here are: ${PROBLEM_ACTIONS.join(", ")}.`);
    }
    const problem = summary.problems.find((p) => p.invocationId === invocation);
    if (!problem)
      return jsonError(
        409,
        `Invocation '${invocation}' is not stuck in run '${summary.id}' now; nothing to ${action}.`,
      );
    if (!problem.actions.includes(action as ProblemAction)) {
      return jsonError(409, `Restate cannot ${action} invocation '${invocation}' while it is ${problem.status}.`);
    }
    await actOnInvocation(invocation, action as ProblemAction);
    forgetRunView(summary.id);
    return NextResponse.json({ id: summary.id, invocationId: invocation, action }, { status: 202 });
  });
}
