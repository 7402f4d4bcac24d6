import {
  CancelledError,
  RestatePromise,
  TerminalError,
  type InvocationPromise,
  type WorkflowContext,
} from "@restatedev/restate-sdk";
import type { RunLedger } from "@/lib/ledger";
import type { SubtaskOutcome } from "@/lib/records";

/**
 * How completions are heard. A Restate combinator costs time in proportion to
 * the calls it watches, every time the handler wakes, so racing the whole
 * window on every completion costs O(window) per subtask. Waiting on the
 * oldest calls only is cheap but stalls behind a slow one. So:
 *
 * - the loop races a small FRONT of the oldest calls that are not known to be
 *   slow: most completions are heard there, at O(FRONT) each;
 * - a SWEEP races every call in flight, every `sweepEvery` completions and
 *   whenever the status timer fires (≤ MAX_STATUS_DELAY_MS): it hears what
 *   finished behind the front, so nothing waits more than one status delay;
 * - a call still in the front after a whole sweep interval is slow: it leaves
 *   the front for the sweeps, and newer calls move up.
 *
 * Every call that completed by the time a race wakes is taken, not only the
 * winner (`settled` pushes into `heard`). Which ones that is depends only on
 * the journal's order and on what was raced, so a replay takes the same ones.
 *
 * Runs that stop on failures (fail-fast, a tolerance) race the whole window
 * every time instead: completions are then taken in journal order, so no
 * subtask starts after a failure Restate recorded before the completion that
 * freed its slot.
 */
const FRONT = 16;
const SWEEP_FRACTION = 8;

/**
 * Status writes are batched (each is several journal entries): at
 * least MIN_BATCH completions or 1% of the run per write, and a timer writes
 * a batch left open within MAX_STATUS_DELAY_MS.
 */
const MIN_BATCH = 50;
const MAX_STATUS_DELAY_MS = 250;

interface Heard {
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
  settled: RestatePromise<void>;
  /** The sweep during whose interval this call entered the front. */
  frontSince?: number;
}

export interface FanOutPlan {
  ledger: RunLedger;
  concurrency: number;
  /**
   * Asked after each failure is recorded: stop the run here (cancel what is in
   * flight, never start the rest)? Absent: failures never stop the run.
   */
  stopOnFailure?: (ledger: RunLedger) => boolean;
  /** Starts subtask `index` as its own invocation, dispatched at `at`. */
  dispatch: (index: number, at: number) => InvocationPromise<SubtaskOutcome>;
  /** Commits the ledger (stamping with `now`, the latest journaled time the run knows) and writes what changed. */
  persist: (now: number) => void;
}

export interface FanOutResult {
  /** The subtask whose failure stopped the run. */
  stoppedBy: number | null;
}

/** Lets promise reactions that are already queued run, so every call a race took has pushed into `heard`. */
const drainReactions = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs every subtask with at most `concurrency` in flight, recording each
 * status change in the ledger and persisting in batches. If the run is
 * cancelled, the subtasks in flight are cancelled too and what had finished
 * is kept; the CancelledError is then rethrown.
 */
export async function fanOut(ctx: WorkflowContext, plan: FanOutPlan): Promise<FanOutResult> {
  const { ledger } = plan;
  const total = ledger.total;
  const batch = Math.max(MIN_BATCH, Math.floor(total / 100));
  const sweepEvery = Math.max(FRONT, Math.ceil(plan.concurrency / SWEEP_FRACTION));
  const watchAll = plan.stopOnFailure !== undefined;
  // In dispatch order; `slow` holds calls moved out of the front.
  const active = new Map<number, InFlight>();
  const slow = new Map<number, InFlight>();
  const heard: Heard[] = [];
  let next = 0;
  let stoppedBy: number | null = null;
  let sweep = 0;
  let heardSinceSweep = 0;
  let sweepDue = false;

  // The latest time the run knows: a journaled clock reading, or the finish of a subtask it has
  // heard of (journaled too, in the call's result). A slot is refilled right after the finish that
  // freed it, so that finish is its dispatch time to within the hearing; a write needs a reading of
  // its own only to stamp records that came without a time, and so does not stop the loop otherwise.
  let clock = await ctx.date.now();
  const persist = async () => {
    if (ledger.needsClock()) clock = await ctx.date.now();
    plan.persist(clock);
  };

  const inFlight = () => active.size + slow.size;
  const refill = () => {
    while (stoppedBy === null && inFlight() < plan.concurrency && next < total) {
      const index = next++;
      const call = plan.dispatch(index, clock);
      const settled = call.map((outcome, failure) => void heard.push({ index, outcome, failure }));
      active.set(index, { index, call, settled });
      ledger.markRunning(index, clock);
    }
  };

  const record = (h: Heard): void => {
    if (!active.delete(h.index) && !slow.delete(h.index)) return;
    if (h.outcome?.finishedAt !== undefined) clock = Math.max(clock, h.outcome.finishedAt);
    if (isCancellation(h.failure) || (h.failure && stoppedBy !== null)) {
      ledger.markCancelled(h.index);
      return;
    }
    ledger.markFinished(h.index, h.outcome ?? failedOutcome(h));
  };

  const front = (): InFlight[] => {
    const calls: InFlight[] = [];
    for (const flight of active.values()) {
      flight.frontSince ??= sweep;
      calls.push(flight);
      if (calls.length === FRONT) break;
    }
    return calls;
  };

  /** Calls that stayed in the front for a whole sweep interval without finishing are slow. */
  const demoteStuck = () => {
    for (const flight of active.values()) {
      if (flight.frontSince === undefined) break;
      if (flight.frontSince < sweep) {
        active.delete(flight.index);
        slow.set(flight.index, flight);
      }
    }
  };

  /** Cancels what is in flight and waits for each to settle, keeping what finished meanwhile. */
  const stopInFlight = async () => {
    const at = await ctx.date.now();
    for (const index of ledger.pending()) ledger.markCancelled(index, at);
    next = total;
    const flights = [...active.values(), ...slow.values()];
    for (const flight of flights) ctx.cancel(await flight.call.invocationId);
    await RestatePromise.all(flights.map((f) => f.settled));
    for (const h of heard.splice(0)) record(h);
    await persist();
  };

  try {
    refill();
    await persist();

    let statusTimer: RestatePromise<void> | null = null;
    let timerFired = false;
    while (inFlight() > 0) {
      const unseen = inFlight() > FRONT;
      const sweeping = watchAll || sweepDue || !unseen;
      // A sweep hears any completion by itself; the timer is for writes left open, and for calls a front race does not watch.
      if (!statusTimer && (ledger.hasChanges() || !sweeping)) {
        statusTimer = ctx.sleep(MAX_STATUS_DELAY_MS, "status flush").map(() => void (timerFired = true));
      }
      const watched = sweeping ? [...active.values(), ...slow.values()] : front();
      const racers = watched.map((f) => f.settled);
      if (statusTimer) racers.push(statusTimer);
      await RestatePromise.race(racers);
      await drainReactions();

      const flushDue = timerFired;
      if (timerFired) {
        timerFired = false;
        statusTimer = null;
      }
      const completed = heard.splice(0);
      for (const h of completed) record(h);
      heardSinceSweep += completed.length;
      if (sweeping) {
        if (active.size > FRONT) demoteStuck();
        sweep += 1;
        heardSinceSweep = 0;
        sweepDue = false;
      } else if (flushDue || heardSinceSweep >= sweepEvery) {
        sweepDue = true;
      }

      const failedNow = completed.find((h) => ledger.records[h.index].status === "failed");
      if (failedNow && plan.stopOnFailure?.(ledger)) {
        stoppedBy = failedNow.index;
        await persist();
        await stopInFlight();
        break;
      }
      if (ledger.uncommitted >= batch || (flushDue && ledger.hasChanges())) await persist();
      refill();
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
function failedOutcome(h: Heard): SubtaskOutcome {
  return { status: "failed", error: h.failure?.message ?? "The subtask failed without a message" };
}
