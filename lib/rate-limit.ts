/**
 * A small in-memory limit on failures in a sliding window: after `max`
 * failures within `windowMs`, every attempt is refused until the oldest of
 * them leaves the window. Per process, which is enough to make guessing the
 * access token through the sign-in form slow; it keeps no per-client state
 * because a client's address can be forged in headers.
 */
export class FailureLimiter {
  private failures: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when an attempt may go on; otherwise how long to wait, in ms. */
  retryAfterMs(): number {
    const start = this.now() - this.windowMs;
    this.failures = this.failures.filter((at) => at > start);
    return this.failures.length < this.max ? 0 : this.failures[0] - start;
  }

  fail(): void {
    this.failures.push(this.now());
  }
}
