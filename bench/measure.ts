/** Timing helpers of the benchmarks: run a task N times, report the median and spread. */
import { performance } from "node:perf_hooks";

/** Timings of one measured task, in milliseconds. */
export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * Runs `task` `runs` times in sequence (after one unmeasured warm-up) and summarizes the durations.
 * @param runs - measured repetitions
 * @param task - the work to time
 */
export async function measure(runs: number, task: () => unknown): Promise<Timing> {
  await task();
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  const middle = Math.floor(durations.length / 2);
  const medianMs =
    durations.length % 2 === 1
      ? durations[middle]
      : (durations[middle - 1] + durations[middle]) / 2;
  return { runs, medianMs, minMs: durations[0], maxMs: durations[durations.length - 1] };
}

/** A millisecond figure for a table: one decimal below 100 ms, whole numbers above. */
export function ms(value: number): string {
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}
