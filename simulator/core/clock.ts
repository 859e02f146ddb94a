// The simulator's notion of "now": real time plus an offset that tests move to make certificates
// and tokens expire without waiting.

/** Real time shifted by a settable offset; every vendor reads time through this. */
export class SimulatorClock {
  private offset: number;

  /**
   * @param offsetSeconds - initial offset added to real time
   * @defaultValue 0
   */
  constructor(offsetSeconds = 0) {
    this.offset = offsetSeconds;
  }

  /** Seconds added to real time (negative values move the simulator into the past). */
  get offsetSeconds(): number {
    return this.offset;
  }

  /**
   * Sets the offset in seconds.
   * @param seconds - a finite number of seconds
   */
  setOffsetSeconds(seconds: number): void {
    if (!Number.isFinite(seconds)) {
      throw new RangeError(`clock offset must be a finite number of seconds, got ${seconds}`);
    }
    this.offset = seconds;
  }

  /** The simulator's current time. */
  now(): Date {
    return new Date(Date.now() + this.offset * 1000);
  }
}
