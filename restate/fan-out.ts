import { CancelledError, RestatePromise, TerminalError, type InvocationPromise, type WorkflowContext } from "@restatedev/restate-sdk";
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
 * Status writes are batched because every write is journal entries (and a
 * clock step): at least 25 completions, or 0.5% of the run, per write. A
 * timer makes sure that a batch left open is still written within this many
 * milliseconds, so the dashboard is never more than a moment behind.
 * Measured at 1,000 no-op subtasks: a write per 5 completions ran at 2-3x
 * the guide's bare fan-out, a write per 25 at about 1.7x.
 */
const MIN_BATCH = 25;
const MAX_STATUS_DELAY_MS = 250;

const STATUS_TIMER = Symbol("status timer");

interface Settled {
  index: number;
  outcome?: SubtaskOutcome;
  failure?: TerminalError;
}

/** Restate reports a cancelled call as a TerminalError with code 409 (not always as the CancelledError class). */
function isCancellation(failure: TerminalError | undefined): boolean {
  return failure instanceof CancelledError || failure?.code === 409;
}

interface InFlight {
  index: number;
  call: InvocationPromise<SubtaskOutcome>;
  settled: RestatePromise<Settled>;
}

export interface FanOutPlan {
  ledger: RunLedger;
  concurrency: number;
  /** Stop at the first failed subtask: cancel the ones in flight, never start the rest. */
  failFast: boolean;
  /** Asked after each failure instead of `failFast` when given: stop the run now? (tolerated failures) */
  shouldStop?: () => boolean;
  /** Starts subtask `index` as its own invocation, dispatched at `at`. */
  dispatch: (index: number, at: number) => InvocationPromise<SubtaskOutcome>;
  /** Commits the ledger (stamping finishes with `now`, a journaled clock reading) and writes what changed. */
  persist: (now: number) => void;
}

export interface FanOutResult {
  /** The subtask whose failure stopped a fail-fast run. */
  stoppedBy: number | null;
}

/**
 * Runs every subtask with at most `concurrency` in flight, recording each
 * status change in the ledger and persisting in batches. If the run is
 * cancelled, the subtasks in flight are cancelled too and what had finished
 * is kept; the CancelledError is then rethrown.
 */
export async function fanOut(ctx: WorkflowContext, plan: FanOutPlan): Promise<FanOutResult> {
  const { ledger } = plan;
  const total = ledger.total;
  const batch = Math.max(MIN_BATCH, Math.floor(total / 200));
  const inFlight: InFlight[] = [];
  let next = 0;
  let stoppedBy: number | null = null;

  // Times must be deterministic, and a clock step per subtask would cost a
  // third of a no-op run: the workflow reads its journaled clock once per
  // status write, dispatches at the latest reading, and stamps the finishes
  // recorded since (so a time is at most one write, <= 250 ms, early or late).
  let clock = await ctx.date.now();
  const persist = async () => {
    clock = await ctx.date.now();
    plan.persist(clock);
  };

  const refill = (at: number) => {
    while (stoppedBy === null && inFlight.length < plan.concurrency && next < total) {
      const index = next++;
      const call = plan.dispatch(index, at);
      const settled = call.map((outcome, failure) => ({ index, outcome, failure }));
      inFlight.push({ index, call, settled });
      ledger.markRunning(index, at);
    }
  };

  const record = (settled: Settled): void => {
    inFlight.splice(inFlight.findIndex((f) => f.index === settled.index), 1);
    // No clock step per subtask here either: the next status write stamps the time.
    if (isCancellation(settled.failure) || (settled.failure && stoppedBy !== null)) {
      ledger.markCancelled(settled.index);
      return;
    }
    ledger.markFinished(settled.index, settled.outcome ?? failedOutcome(settled));
  };

  /** Cancels what is in flight and waits for each to settle, keeping what finished meanwhile. */
  const stopInFlight = async () => {
    const at = await ctx.date.now();
    for (const index of ledger.pending()) ledger.markCancelled(index, at);
    next = total;
    for (const flight of inFlight) ctx.cancel(await flight.call.invocationId);
    const settled = await RestatePromise.all(inFlight.map((f) => f.settled));
    for (const s of settled) record(s);
    await persist();
  };

  try {
    refill(clock);
    await persist();

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
        if (ledger.hasChanges()) await persist();
        continue;
      }

      record(winner);
      if (ledger.records[winner.index].status === "failed" && (plan.shouldStop?.() ?? plan.failFast)) {
        stoppedBy = winner.index;
        await persist();
        await stopInFlight();
        break;
      }
      if (ledger.uncommitted >= batch) await persist();
      // Refill at once: batching refills saved round trips on no-op subtasks
      // but left slots idle (a quarter of the window) on real work.
      refill(clock);
    }
    if (ledger.hasChanges()) await persist();
    return { stoppedBy };
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    await stopInFlight();
    throw error;
  }
}

/** The call itself failed (the executor threw something other than an outcome); the next status write stamps its time. */
function failedOutcome(settled: Settled): SubtaskOutcome {
  return { status: "failed", error: settled.failure?.message ?? "The subtask failed without a message" };
}
