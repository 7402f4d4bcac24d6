import type * as restate from "@restatedev/restate-sdk";
import { TerminalError } from "@restatedev/restate-sdk";
import { LIMITS } from "@/lib/limits";
import { STATE_META } from "@/lib/names";
import { DEFAULT_RETRY } from "@/lib/run-input";
import { emptyCounts } from "@/lib/status";
import { runIndex } from "./run-index";
import { indexEntry } from "./run-writer";
import type { RunMeta } from "@/lib/run-state";

/**
 * Ends a run whose input the workflow refused: it is recorded as failed with
 * the reason, in its own summary and in the runs list, and the invocation
 * ends with a TerminalError (400), so it is never retried. Without this, a
 * caller that got "accepted" would then find no run at all.
 */
export function refuseRun(ctx: restate.WorkflowContext, submitted: unknown, at: number, reason: string): never {
  const kind = (submitted as { kind?: unknown } | null)?.kind;
  const error = `Refused: ${reason}`;
  const meta: RunMeta = {
    id: ctx.key,
    kind: typeof kind === "string" ? kind.slice(0, 64) : "unknown",
    label: "(refused input)",
    status: "failed",
    total: 0,
    counts: emptyCounts(),
    concurrency: LIMITS.defaultConcurrency,
    retry: DEFAULT_RETRY,
    onFailure: "continue",
    createdAt: at,
    finishedAt: at,
    error,
    version: 0,
    rerunOf: null,
    bucketVersions: [],
  };
  ctx.set(STATE_META, meta);
  ctx.objectSendClient(runIndex, meta.id).add(indexEntry(meta, "failed", at));
  throw new TerminalError(error, { errorCode: 400 });
}
