/** Small timing helpers for the benchmark: warm-up, then min / median / max of several runs. */

/** Minimum, median and maximum of a set of runs (ms), with the raw samples. */
export interface Timing {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

/** Median of numbers (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A timing from raw samples. */
export function summarize(runs: readonly number[]): Timing {
  return { min: Math.min(...runs), median: median(runs), max: Math.max(...runs), runs: [...runs] };
}

/**
 * A value the timed code returns goes here, outside the timed region, so the optimiser cannot drop
 * the work; `checksum()` prints it once at the end.
 */
let sink = 0;

/** Adds a number (or the count of something) to the checksum sink. */
export function consume(value: number): void {
  if (Number.isFinite(value)) sink = (sink + value) % 1e9;
}

/** The checksum of everything consumed so far. */
export function checksum(): number {
  return sink;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed. `fn` returns a number that is consumed
 * after the clock stops.
 */
export async function measure(fn: () => number | Promise<number>, opts: { warmup: number; runs: number }): Promise<Timing> {
  for (let i = 0; i < opts.warmup; i++) consume(await fn());
  const runs: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    const v = await fn();
    runs.push(performance.now() - t0);
    consume(v);
  }
  return summarize(runs);
}

/** "123 ms" or "4.56 s". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** "median (min–max)". */
export function fmtTiming(t: Timing | null | undefined): string {
  if (!t) return 'n/a';
  if (t.runs.length === 1) return `${fmtMs(t.median)} (1 run)`;
  return `${fmtMs(t.median)} (${fmtMs(t.min)}–${fmtMs(t.max)}, ${t.runs.length} runs)`;
}
