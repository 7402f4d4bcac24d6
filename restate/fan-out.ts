import { RestatePromise, TerminalError, type WorkflowContext } from "@restatedev/restate-sdk";
import type { RunLedger } from "@/lib/ledger";
import type { SubtaskOutcome } from "@/lib/status";

/**
 * How completions are awaited. Measured on these machines (see
 * ../shared/RESTATE-NOTES.md): every wake-up of a Restate combinator walks all
 * of its pending children, so one `all` over N calls costs more than linear
 * time, and `race` over the whole window re-walks K children per completion.
 * Awaiting strictly oldest-first touches one child but stalls behind one slow
 * subtask. We race only over the oldest FRONT calls in flight: a few slow
 * subtasks cannot stall the run, and each wake-up costs O(FRONT), not O(K).
 */
const FRONT = 16;

/**
 * Status writes are batched (about one per 0.5% of the run) because every
 * write is a journal entry; a timer makes sure that a batch left open while
 * completions pause is still written within this many milliseconds.
 */
const MAX_STATUS_DELAY_MS = 250;

const STATUS_TIMER = Symbol("status timer");

interface Settled {
  index: number;
  outcome?: SubtaskOutcome;
  failure?: TerminalError;
}

export interface FanOutPlan {
  ledger: RunLedger;
  concurrency: number;
  /** Starts subtask `index` as its own invocation. */
  dispatch: (index: number) => RestatePromise<SubtaskOutcome>;
  /** Commits the ledger and writes what changed to durable state. */
  persist: () => void;
}

/**
 * Runs every subtask with at most `concurrency` in flight, recording each
 * status change in the ledger and persisting in batches.
 */
export async function fanOut(ctx: WorkflowContext, plan: FanOutPlan): Promise<void> {
  const { ledger, dispatch, persist } = plan;
  const total = ledger.total;
  const batch = Math.max(1, Math.floor(total / 200));
  const inFlight: Array<{ index: number; settled: RestatePromise<Settled> }> = [];
  let next = 0;

  // Dispatch times must be deterministic: the first wave uses a journaled
  // clock reading, each refill the finish time its predecessor reported.
  const refill = (at: number) => {
    while (inFlight.length < plan.concurrency && next < total) {
      const index = next++;
      const settled = dispatch(index).map((outcome, failure) => ({ index, outcome, failure }));
      inFlight.push({ index, settled });
      ledger.markRunning(index, at);
    }
  };

  refill(await ctx.date.now());
  persist();

  let statusTimer: RestatePromise<typeof STATUS_TIMER> | null = null;
  while (inFlight.length > 0) {
    if (ledger.hasChanges() && !statusTimer) {
      statusTimer = ctx.sleep(MAX_STATUS_DELAY_MS, "status flush").map(() => STATUS_TIMER);
    }
    const front: RestatePromise<Settled | typeof STATUS_TIMER>[] = inFlight.slice(0, FRONT).map((f) => f.settled);
    if (statusTimer) front.push(statusTimer);
    const winner = await RestatePromise.race(front);

    if (winner === STATUS_TIMER) {
      statusTimer = null;
      if (ledger.hasChanges()) persist();
      continue;
    }

    inFlight.splice(inFlight.findIndex((f) => f.index === winner.index), 1);
    const outcome = winner.outcome ?? (await failedOutcome(ctx, winner));
    ledger.markFinished(winner.index, outcome);
    refill(outcome.finishedAt);
    if (ledger.uncommitted >= batch) persist();
  }
  if (ledger.hasChanges()) persist();
}

/** The call itself failed (retries exhausted, or the executor threw a non-outcome error). */
async function failedOutcome(ctx: WorkflowContext, settled: Settled): Promise<SubtaskOutcome> {
  const finishedAt = await ctx.date.now();
  return {
    status: "failed",
    finishedAt,
    error: settled.failure?.message ?? "The subtask failed without a message",
  };
}
