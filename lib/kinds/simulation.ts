import { LIMITS } from "../limits";
import { PermanentError } from "./errors";

/**
 * Deterministic failure and latency for demos and tests, written into a
 * subtask's description in square brackets:
 *   "[fail 2]"            the first 2 attempts fail, the third succeeds
 *   "[fail]"              every attempt fails (retried until the policy gives up)
 *   "[fail permanently]"  fails at once, without retrying
 *   "[take 3s]", "[take 250ms]"  each attempt takes that long (a durable sleep)
 * Combine them with commas: "resize images [fail 1, take 2s]".
 * A simulated time is at most LIMITS.maxSimulatedMs: validation refuses more
 * (and a "take" it cannot read), so no subtask holds a slot for years or
 * hands the SDK a sleep it throws on.
 */
export interface Simulation {
  /** Attempts that fail before one succeeds; Infinity: all of them. */
  failAttempts: number;
  permanent: boolean;
  takeMs: number | null;
}

const DIRECTIVES = /\[([^\]]*)\]/g;

const TAKE = /^take\s+(\d+(?:\.\d+)?)\s*(ms|s)$/;

function read(description: string): { simulation: Simulation | null; problem: string | null } {
  let found = false;
  let problem: string | null = null;
  const simulation: Simulation = { failAttempts: 0, permanent: false, takeMs: null };
  for (const [, body] of description.matchAll(DIRECTIVES)) {
    for (const part of body.split(",").map((p) => p.trim().toLowerCase())) {
      let m: RegExpMatchArray | null;
      if ((m = part.match(/^fail(?:\s+(\d+))?$/))) {
        simulation.failAttempts = m[1] === undefined ? Infinity : Number(m[1]);
        found = true;
      } else if (part === "fail permanently") {
        simulation.permanent = true;
        found = true;
      } else if (/^take\b/.test(part)) {
        const ms = (m = part.match(TAKE)) ? Math.round(Number(m[1]) * (m[2] === "s" ? 1000 : 1)) : NaN;
        if (!Number.isFinite(ms))
          problem ??= `"[${part}]" is not a simulated time: write it like [take 3s] or [take 250ms].`;
        else if (ms > LIMITS.maxSimulatedMs)
          problem ??= `"[${part}]" is longer than the ${LIMITS.maxSimulatedMs / 60_000} minutes a simulated time may take.`;
        else simulation.takeMs = ms;
        found = true;
      }
    }
  }
  return { simulation: found ? simulation : null, problem };
}

/** What is wrong with a description's simulation, if anything: for validation, before a run starts. */
export function simulationProblem(description: string): string | null {
  return read(description).problem;
}

/**
 * The simulation a description asks for. One that validation would refuse
 * (it can still arrive, from a re-run of old data or a call past the API)
 * fails the subtask at once instead of reaching a sleep.
 */
export function parseSimulation(description: string): Simulation | null {
  const { simulation, problem } = read(description);
  if (problem) throw new PermanentError(problem);
  return simulation;
}

/** Fails this attempt if the simulation says so. */
export function failIfSimulated(simulation: Simulation | null, attempt: number): void {
  if (!simulation) return;
  if (simulation.permanent) throw new PermanentError("Simulated permanent failure");
  if (attempt <= simulation.failAttempts) {
    const planned = simulation.failAttempts === Infinity ? "every attempt fails" : `${simulation.failAttempts} planned`;
    throw new Error(`Simulated failure on attempt ${attempt} (${planned})`);
  }
}
