/**
 * Caps how many resource operations run at once, like `pulumi up --parallel`: each operation
 * waits for a free slot, in arrival order.
 */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 1) {
      throw new Error(`parallel must be a whole number of at least 1; got ${slots}.`);
    }
  }

  /** Runs `work` once a slot is free and frees the slot when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.slots) {
      // The slot is handed over by the finishing operation, so no newcomer can jump the queue.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
