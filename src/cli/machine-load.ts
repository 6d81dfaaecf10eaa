/**
 * How busy the machine is now, for the default thread count: a worker thread only helps when a core
 * is free for it. On a machine shared with other work, extra threads spend CPU (start, warm-up,
 * their own compilation) that comes out of the same share and make the run slower.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/** What the default thread count is chosen from. */
export interface MachineLoad {
  cores: number;
  /** The 1-minute load average (0 where the OS has none, as on Windows). */
  load1: number;
  /** Threads runnable at this instant, this one included (Linux's /proc/loadavg); null elsewhere. */
  runnable: number | null;
}

/** Reads the machine's cores and load now. */
export function machineLoad(): MachineLoad {
  let runnable: number | null = null;
  try {
    const field = readFileSync('/proc/loadavg', 'utf8').split(' ')[3];
    const n = Number(field?.split('/')[0]);
    if (Number.isFinite(n)) runnable = n;
  } catch {
    // Not Linux: the load average alone.
  }
  return { cores: availableParallelism(), load1: loadavg()[0], runnable };
}

/**
 * Villages from which worker threads pay. A thread costs its start, its own warm-up and compilation
 * and a copy of the packed analysis, out of the same cores: measured on 2 cores (quiet), the dense
 * 3,000-village set ran in 0.93 s on one thread and 1.17 s on two, the national 107,271 villages in
 * 13.1 s on one and 11.6 s on two. A province (a few thousand thôn) computes on this thread alone.
 */
export const THREADS_FROM_VILLAGES = 10_000;

/**
 * Threads that compute when `--threads` is not given: one below {@link THREADS_FROM_VILLAGES}
 * villages; above, the cores not busy with other work, at least 1 (this thread), at most 8 (each
 * worker thread holds a copy of the packed analysis). Other work is the smaller of the 1-minute
 * load average (it lags: a burst that just ended still counts) and the threads runnable now besides
 * this one (an instant: a burst now counts fully).
 */
export function defaultThreads(load: MachineLoad = machineLoad(), work: { villages: number } = { villages: Infinity }): number {
  if (work.villages < THREADS_FROM_VILLAGES) return 1;
  const busy = Math.max(0, load.runnable === null ? load.load1 : Math.min(load.load1, load.runnable - 1));
  return Math.max(1, Math.min(8, Math.round(load.cores - busy)));
}
