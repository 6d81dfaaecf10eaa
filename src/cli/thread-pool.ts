/** Node worker threads for the coverage computation, each running coverage-thread.ts through Comlink. */
import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import type { CoverageThreadApi } from './thread-api.ts';

/** The built thread entry beside this module (dist-cli/coverage-thread.mjs). */
const BUILT_ENTRY = new URL('./coverage-thread.mjs', import.meta.url);

/** Started worker threads. */
export interface ThreadPool {
  threads: Remote<CoverageThreadApi>[];
  /**
   * `work`'s outcome, or the failure of a thread outside a call (an uncaught error, out of memory, an
   * exit), for which Comlink would otherwise wait forever.
   */
  guard<T>(work: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts `size` threads; they load their code while the caller goes on (reading the inputs).
 * `entry` is the thread's plain-JavaScript module: the built one by default; code run from the
 * TypeScript sources (the benchmark) passes dist-cli's.
 */
export function startThreads(size: number, options: { entry?: URL } = {}): ThreadPool {
  const workers = Array.from({ length: size }, () => new Worker(options.entry ?? BUILT_ENTRY));
  let closing = false;
  let failure: Error | null = null;
  let onFailure: ((error: Error) => void) | null = null;
  const fail = (error: Error): void => {
    failure ??= error;
    onFailure?.(failure);
  };
  workers.forEach((w, k) => {
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!closing) fail(new Error(`worker thread ${k + 1} of ${size} stopped (exit code ${code})`));
    });
  });
  return {
    threads: workers.map((w) => wrap<CoverageThreadApi>(nodeEndpoint(w))),
    guard: (work) =>
      new Promise((resolve, reject) => {
        if (failure) reject(failure);
        onFailure = reject;
        work.then(
          (value) => {
            onFailure = null;
            resolve(value);
          },
          (error: unknown) => {
            onFailure = null;
            reject(error);
          },
        );
      }),
    close: async () => {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
