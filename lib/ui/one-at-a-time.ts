/**
 * Runs async jobs so that they never overlap: a job started while another
 * runs waits for it, then runs. For a poll that resumes from a cursor the
 * previous answer moves, this keeps a later answer from being computed from a
 * cursor that an earlier answer then replaces (and from being thrown away).
 */
export class OneAtATime {
  private running: Promise<unknown> | null = null;

  async run<T>(job: () => Promise<T>): Promise<T> {
    while (this.running) await this.running.catch(() => undefined);
    const mine = job();
    this.running = mine;
    try {
      return await mine;
    } finally {
      if (this.running === mine) this.running = null;
    }
  }
}
