import { PermanentError } from "./errors";

/**
 * Deterministic failure and latency for demos and tests, written into a
 * subtask's description in square brackets:
 *   "[fail 2]"            the first 2 attempts fail, the third succeeds
 *   "[fail]"              every attempt fails (retried until the policy gives up)
 *   "[fail permanently]"  fails at once, without retrying
 *   "[take 3s]", "[take 250ms]"  each attempt takes that long (a durable sleep)
 * Combine them with commas: "resize images [fail 1, take 2s]".
 */
export interface Simulation {
  /** Attempts that fail before one succeeds; Infinity: all of them. */
  failAttempts: number;
  permanent: boolean;
  takeMs: number | null;
}

const DIRECTIVES = /\[([^\]]*)\]/g;

export function parseSimulation(description: string): Simulation | null {
  let found = false;
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
      } else if ((m = part.match(/^take\s+(\d+(?:\.\d+)?)\s*(ms|s)$/))) {
        simulation.takeMs = Math.round(Number(m[1]) * (m[2] === "s" ? 1000 : 1));
        found = true;
      }
    }
  }
  return found ? simulation : null;
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
