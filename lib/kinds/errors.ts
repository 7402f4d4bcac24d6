/**
 * Thrown by a kind's `execute` when trying again cannot help (bad input, a
 * refused request): the subtask fails at once, whatever the retry policy.
 * A plain class, not Restate's TerminalError, so the retry loop can tell it
 * from failures the run's policy should retry.
 */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentError";
  }
}
