import { RestatePromise, type Context, type GenericCall, type Rand, type RunAction } from "@restatedev/restate-sdk";

/**
 * What an executor may do during one attempt of a subtask: the durable waits
 * of Restate's context, each of which first journals when the attempt began.
 *
 * Why: an attempt that waits (a durable sleep, a call of the user's handler)
 * can be cut short by a crash and replayed; the replay resumes the wait, and
 * the attempt's start must be the one it had, not the replay's clock. An
 * attempt that waits for nothing runs in one execution: a crash makes it run
 * again from the top, so the start of that execution is its start, and it
 * needs no step of its own (most subtasks of a big run are of that sort, and
 * a durable step is a round trip to Restate in each of them).
 */
export interface AttemptContext {
  sleep(ms: number, name: string): Promise<void>;
  genericCall<REQ, RES>(call: GenericCall<REQ, RES>): Promise<RES>;
  run<T>(name: string, action: RunAction<T>): Promise<T>;
  readonly rand: Rand;
  readonly console: Console;
}

export interface Attempt {
  ctx: AttemptContext;
  /** When the attempt began: journaled if it waited, else this execution's clock. */
  started(): Promise<number>;
  /** Journals the attempt's end; answers its start and end, the same on every replay. */
  finish(): Promise<{ startedAt: number; finishedAt: number }>;
}

export function beginAttempt(ctx: Context, attempt: number): Attempt {
  const began = Date.now();
  let started: RestatePromise<number> | null = null;
  /** A wait, with the start's step journaled before it and awaited with it (no round trip of its own). */
  const afterStart = async <T>(wait: () => RestatePromise<T>): Promise<T> => {
    started ??= ctx.run(`attempt ${attempt} started`, () => began);
    const [, value] = await RestatePromise.all([started, wait()]);
    return value;
  };
  return {
    ctx: {
      sleep: (ms, name) => afterStart(() => ctx.sleep(ms, name)),
      genericCall: (call) => afterStart(() => ctx.genericCall(call)),
      run: (name, action) => afterStart(() => ctx.run(name, action)),
      rand: ctx.rand,
      console: ctx.console,
    },
    started: async () => (started ? started : began),
    async finish() {
      const startedAt = await this.started();
      return ctx.run(`attempt ${attempt} finished`, () => ({ startedAt, finishedAt: Date.now() }));
    },
  };
}
