/**
 * The CLI as a user runs it (`node src/cli/vunglom.mjs …`, whole processes): `--help`, and `analyze`
 * on the dense set with all four layers, its time split by the CLI's own `--timings` into start
 * (Node, loading code, parsing), read, compute and write; and PostGIS's query on the same inputs in
 * the same run. The CLI is built first (esbuild, as `npm ci` does).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultParams } from '../../src/core/params.ts';
import { ensureDenseSet } from './dense-set.ts';
import { loadSet, mobileOnly } from './node-bench.ts';
import { benchPostgis, type PostgisBenchResult } from './postgis-bench.ts';
import type { PostgisPeer } from './postgis-peer.ts';
import { consume, summarize, type Timing } from './timing.ts';

/** The CLI's own split of one run (ms), from its `--timings` line. */
export interface CliPhases {
  start: number;
  read: number;
  compute: number;
  write: number;
}

/** One run as the CLI's `--timings` reports it: wall and CPU time per phase (CPU: the process's, all threads). */
export interface CliRunTimes {
  wall: CliPhases;
  cpu: CliPhases;
}

export interface CliBenchResult {
  /** The dense set's counts and its density (from its manifest). */
  counts: Record<string, number>;
  /** Wall time of `vunglom --help`, process start to exit. */
  help: Timing;
  /** Wall time of `node -e 0`, the same way: what any Node command costs here. */
  node: Timing;
  /** Wall time of `vunglom analyze` on the dense set (all four layers), process start to exit. */
  whole: Timing;
  /**
   * The same with the villages and the cells only: exactly PostGIS's inputs (it computes mobile
   * coverage from them), so the like-for-like comparison. Its phases by the CLI's `--timings`.
   */
  peerInputs: { whole: Timing; phases: Record<keyof CliPhases, Timing>; threads: string };
  /** Per phase, over the same runs: wall time, and the process's CPU time (all threads). */
  phases: Record<keyof CliPhases, Timing>;
  cpu: Record<keyof CliPhases | 'total', Timing>;
  /** The threads the CLI chose (its default on this machine). */
  threads: string;
  /**
   * The whole process with `--threads 1`, when the default used more: whether the default's worker
   * threads pay on this machine. null when the default was one thread.
   */
  oneThread: Timing | null;
  postgis: PostgisBenchResult | null;
}

/** Builds the CLI into dist-cli/ (what `npm ci` runs as the package's prepare script). */
export function buildCli(repo: string): void {
  execFileSync(process.execPath, ['src/cli/build-cli.mjs'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
}

function timed(repo: string, args: string[]): { ms: number; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['src/cli/vunglom.mjs', ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`vunglom ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  consume(r.stdout.length + r.stderr.length);
  return { ms, stderr: r.stderr };
}

/** Reads "timings: start 41 ms, read 95 ms, compute 130 ms, write 57 ms, total 323 ms; cpu start 40 ms, …". */
export function parseTimings(stderr: string): CliRunTimes {
  const phases = '(?:cpu )?start (\\d+) ms, read (\\d+) ms, compute (\\d+) ms, write (\\d+) ms, total \\d+ ms';
  const m = new RegExp(`^timings: ${phases}; ${phases}$`, 'm').exec(stderr);
  if (!m) throw new Error(`no timings line in the CLI's output:\n${stderr}`);
  const at = (i: number): CliPhases => ({ start: Number(m[i]), read: Number(m[i + 1]), compute: Number(m[i + 2]), write: Number(m[i + 3]) });
  return { wall: at(1), cpu: at(5) };
}

/** Times the CLI; PostGIS too when a peer is given. */
export async function benchCli(
  repo: string,
  opts: { peer: PostgisPeer | null; warmup: number; runs: number; log: (s: string) => void },
): Promise<CliBenchResult> {
  const { log } = opts;
  buildCli(repo);
  const set = await ensureDenseSet(undefined, log);
  log(`cli: dense set ${set.key}: ${JSON.stringify(set.counts)}`);

  log('cli: vunglom --help, and node -e 0 for comparison…');
  const help: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < opts.warmup + 10; i++) {
    const { ms } = timed(repo, ['--help']);
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    const nodeMs = performance.now() - t0;
    if (i < opts.warmup) continue;
    help.push(ms);
    bare.push(nodeMs);
  }

  const out = mkdtempSync(join(tmpdir(), 'vunglom-bench-cli-'));
  /** Whole processes of `vunglom analyze` with `args` after the warm-up runs: wall times, the CLI's phases, its threads. */
  const analyzeRuns = (args: string[]): { whole: number[]; phases: CliRunTimes[]; threads: string } => {
    const runs = { whole: [] as number[], phases: [] as CliRunTimes[], threads: '' };
    for (let i = 0; i < opts.warmup + opts.runs; i++) {
      const { ms, stderr } = timed(repo, args);
      runs.threads = /^computed on (.+)$/m.exec(stderr)?.[1] ?? runs.threads;
      if (i < opts.warmup) continue;
      runs.whole.push(ms);
      runs.phases.push(parseTimings(stderr));
    }
    return runs;
  };
  const oneThread: number[] = [];
  let all: ReturnType<typeof analyzeRuns>;
  let like: ReturnType<typeof analyzeRuns>;
  try {
    const args = ['analyze', '--villages', set.villages, '--bts', set.bts, '--fibre', set.fibre, '--settlements', set.settlements, '--out', join(out, 'gaps.geojson'), '--timings'];
    log('cli: vunglom analyze on the dense set (whole process)…');
    all = analyzeRuns(args);
    log("cli: vunglom analyze on the villages and cells only (PostGIS's inputs)…");
    like = analyzeRuns(['analyze', '--villages', set.villages, '--bts', set.bts, '--out', join(out, 'gaps-mobile.geojson'), '--timings']);
    const threads = all.threads;
    if (!/^1 thread\b/.test(threads)) {
      log(`cli: the default used ${threads}; the same with --threads 1…`);
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        const { ms } = timed(repo, [...args, '--threads', '1']);
        if (i >= opts.warmup) oneThread.push(ms);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const { whole, phases, threads } = all;
  const byPhase = (k: keyof CliPhases, of: 'wall' | 'cpu' = 'wall', runs = phases): Timing => summarize(runs.map((p) => p[of][k]));
  const result: CliBenchResult = {
    counts: set.counts,
    help: summarize(help),
    node: summarize(bare),
    whole: summarize(whole),
    phases: { start: byPhase('start'), read: byPhase('read'), compute: byPhase('compute'), write: byPhase('write') },
    cpu: {
      start: byPhase('start', 'cpu'),
      read: byPhase('read', 'cpu'),
      compute: byPhase('compute', 'cpu'),
      write: byPhase('write', 'cpu'),
      total: summarize(phases.map(({ cpu: c }) => c.start + c.read + c.compute + c.write)),
    },
    threads,
    peerInputs: {
      whole: summarize(like.whole),
      phases: { start: byPhase('start', 'wall', like.phases), read: byPhase('read', 'wall', like.phases), compute: byPhase('compute', 'wall', like.phases), write: byPhase('write', 'wall', like.phases) },
      threads: like.threads,
    },
    oneThread: oneThread.length > 0 ? summarize(oneThread) : null,
    postgis: null,
  };
  log(`  cli: --help ${result.help.median.toFixed(0)} ms; analyze ${result.whole.runs.map((x) => x.toFixed(0)).join(', ')} ms (${threads}); villages + cells only ${result.peerInputs.whole.runs.map((x) => x.toFixed(0)).join(', ')} ms${result.oneThread ? `; --threads 1: ${result.oneThread.runs.map((x) => x.toFixed(0)).join(', ')} ms` : ''}`);

  if (opts.peer) {
    log('cli: PostGIS on the dense set…');
    const input = await loadSet({ villages: set.villages, bts: [set.bts], fibre: [set.fibre], settlements: [set.settlements] });
    const { footprints } = mobileOnly(input, defaultParams());
    result.postgis = benchPostgis(opts.peer, input.villages, footprints, log);
    log(`  cli: postgis footprints ${result.postgis.footprintsMs.toFixed(0)} ms, query ${result.postgis.queryMs.toFixed(0)} ms`);
  }
  return result;
}
