import { describe, expect, it } from 'vitest';
import { defaultThreads, machineLoad } from '../../src/cli/machine-load.ts';

describe('the default thread count', () => {
  it('is the cores not busy with other work: the smaller of the load average and the threads runnable now', () => {
    expect(defaultThreads({ cores: 2, load1: 0.1, runnable: 1 })).toBe(2);
    // Tests just ended (the average lags) but nothing runs now besides this thread.
    expect(defaultThreads({ cores: 2, load1: 2.4, runnable: 1 })).toBe(2);
    // A burst right now on a quiet-on-average machine.
    expect(defaultThreads({ cores: 2, load1: 0.2, runnable: 6 })).toBe(2);
    // A machine shared by busy neighbours: this thread alone.
    expect(defaultThreads({ cores: 2, load1: 20, runnable: 24 })).toBe(1);
    expect(defaultThreads({ cores: 8, load1: 3.2, runnable: 5 })).toBe(5);
    expect(defaultThreads({ cores: 4, load1: 1.6, runnable: null })).toBe(2);
  });

  it('is one thread below 10,000 villages (a province), whatever the cores: a worker thread costs more than it saves there', () => {
    const quiet = { cores: 8, load1: 0, runnable: 1 };
    expect(defaultThreads(quiet, { villages: 824 })).toBe(1);
    expect(defaultThreads(quiet, { villages: 9_999 })).toBe(1);
    expect(defaultThreads(quiet, { villages: 10_000 })).toBe(8);
    expect(defaultThreads(quiet, { villages: 107_271 })).toBe(8);
  });

  it('is at least 1 and at most 8', () => {
    expect(defaultThreads({ cores: 1, load1: 0, runnable: 1 })).toBe(1);
    expect(defaultThreads({ cores: 64, load1: 0, runnable: 1 })).toBe(8);
    expect(defaultThreads({ cores: 4, load1: 9, runnable: 12 })).toBe(1);
  });

  it('reads this machine', () => {
    const load = machineLoad();
    expect(load.cores).toBeGreaterThanOrEqual(1);
    expect(load.load1).toBeGreaterThanOrEqual(0);
    if (process.platform === 'linux') expect(load.runnable).toBeGreaterThanOrEqual(1);
    const n = defaultThreads(load);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(Math.min(8, load.cores));
  });
});
