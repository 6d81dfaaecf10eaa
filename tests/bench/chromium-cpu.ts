/**
 * CPU time of the browser's processes by what they do, read from Linux's /proc: which of Chromium's
 * threads used the two cores during a timed run. The terrain bench logs it with TERRAIN_BENCH_DEBUG=1,
 * and waits with it, before each edit, until SwiftShader has drawn the last result.
 * What it showed (November 2026): from a radius edit to its result the two cores were saturated by
 * the coverage workers, V8's background threads (compiling, collecting), SwiftShader in the GPU
 * process and the page (see src/core/terrain/README.md).
 * Elsewhere than Linux it reports nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system) per group of threads, used since their processes started. */
export type CpuByGroup = Record<string, number>;

/** Clock ticks per second of /proc's counters (USER_HZ; 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

/**
 * CPU used so far by every thread of every Chromium process, grouped: the GPU process, the page's
 * main thread, its dedicated workers (coverage, planning and the map's), V8's background threads
 * (compilers and garbage collection), and the rest.
 */
export function chromiumCpu(): CpuByGroup {
  const out: CpuByGroup = {};
  if (!existsSync('/proc/self/task')) return out;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = readOr(`/proc/${pid}/cmdline`);
    if (!cmd || !cmd.includes('chromium')) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const stat = readOr(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      const group = groupOf(type, name);
      out[group] = (out[group] ?? 0) + ms;
    }
  }
  return out;
}

/** What `after` used since `before`, largest first, as "group ms" pairs joined by commas. */
export function cpuSince(before: CpuByGroup, after: CpuByGroup): string {
  return Object.keys(after)
    .map((k) => [k, after[k] - (before[k] ?? 0)] as const)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
    .join(', ');
}

/**
 * Resolves once all of Chromium's threads together used less than 100 ms of CPU in a second (true),
 * or after a minute of waiting (false). Without /proc there are no figures: it resolves after a second.
 */
export async function waitForQuietChromium(): Promise<boolean> {
  const total = (c: CpuByGroup): number => Object.values(c).reduce((a, b) => a + b, 0);
  const start = Date.now();
  let before = total(chromiumCpu());
  while (Date.now() - start < 60_000) {
    await new Promise((r) => setTimeout(r, 1_000));
    const now = total(chromiumCpu());
    if (now - before < 100) return true;
    before = now;
  }
  return false;
}

function groupOf(processType: string, thread: string): string {
  if (processType === 'gpu-process') return 'gpu process';
  if (processType !== 'renderer') return 'other';
  if (thread.startsWith('DedicatedWorker')) return 'page workers';
  if (thread.startsWith('ThreadPoolForeg')) return 'V8 background';
  if (thread === 'chromium') return 'page main thread';
  return 'other';
}

function readOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
