import type { Managed } from "./process";
import type { PartName, Stack } from "./stack";

/** First wait before a restart; it doubles on each failed try, up to the cap. */
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** A part that stayed up this long is healthy again: its next crash waits the first backoff. */
const HEALTHY_MS = 60_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Keeps every part of a stack running: a part that exits on its own is
 * started again (same ports, same data) after a backoff, with one line saying
 * which, why, and when it is back. Restate keeps the runs across the gap; the
 * other parts keep answering meanwhile.
 */
export function supervise(stack: Stack, log: (line: string) => void): { stop(): Promise<void> } {
  let stopping = false;
  const restarting = new Set<Promise<void>>();

  const watch = (part: Managed, failures: number) => {
    const startedAt = Date.now();
    void part.exited.then(() => {
      if (stopping) return;
      const recent = Date.now() - startedAt < HEALTHY_MS ? failures : 0;
      const done = keepUp(part.name as PartName, part.exitStatus(), recent).finally(() => restarting.delete(done));
      restarting.add(done);
    });
  };

  const keepUp = async (name: PartName, why: string, failures: number) => {
    const downAt = Date.now();
    for (let attempt = failures; !stopping; attempt++) {
      const wait = Math.min(FIRST_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
      log(`${name} exited (${why}); restarting in ${seconds(wait)}.`);
      await new Promise((r) => setTimeout(r, wait));
      if (stopping) return;
      try {
        const part = await stack.restart(name);
        if (stopping) return void (await part.stop());
        log(`${name} is back (down ${seconds(Date.now() - downAt)}).`);
        watch(part, attempt + 1);
        return;
      } catch (error) {
        why = `failed to start again: ${(error as Error).message.split("\n")[0]}`;
      }
    }
  };

  for (const part of stack.parts) watch(part, 0);
  return {
    async stop() {
      stopping = true;
      await Promise.allSettled([...restarting]);
    },
  };
}
