/**
 * `npm run bench`: ours vs PostGIS vs naive Turf, in Node and in Chromium, on the Kon Tum sample and
 * the national synthetic set, in one run. Prints a markdown table and writes it (with the raw
 * numbers as JSON) to tests/bench/out/. Not a test: nothing here asserts a time.
 *
 * Options: --kon-tum-only (skip the national set), --cli-only (only the CLI on the dense set, with
 * PostGIS), --skip=postgis,browser,turf,accuracy,node,cli,memory,terrain,splat, --seed=N (national set), --accuracy=N
 * (sample size, default 300).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { measureAccuracy, type AccuracyResult } from './accuracy.ts';
import { benchCli, buildCli, type CliBenchResult } from './cli-bench.ts';
import { benchBrowser, benchPoolPage, type BrowserBenchResult, type PoolPageTarget } from './browser-bench.ts';
import { ensureNationalSet, NATIONAL_SEED, type BenchSetFiles } from './national-set.ts';
import { benchNode, loadSet, type NodeBenchResult, type SetPaths } from './node-bench.ts';
import { benchPostgis, type PostgisBenchResult } from './postgis-bench.ts';
import { startPostgis, type PostgisPeer } from './postgis-peer.ts';
import { checksum } from './timing.ts';
import { benchTurf, type TurfBenchResult } from './turf-bench.ts';
import { benchReadMemory } from './read-memory.ts';
import { FootprintLookup } from './village-footprints.ts';
import { renderResults, type BenchReport, type SetReport } from './render-results.ts';
import { benchTerrain } from './terrain-bench.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(REPO, 'tests/bench/out');
const KON_TUM = join(REPO, 'public/data/kon-tum');

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const skip = new Set((flag('skip') ?? '').split(',').filter(Boolean));
const cliOnly = args.includes('--cli-only');
if (cliOnly) for (const part of ['node', 'browser', 'turf', 'accuracy']) skip.add(part);
const konTumOnly = args.includes('--kon-tum-only') || cliOnly;
const seed = Number(flag('seed') ?? NATIONAL_SEED);
const accuracyN = Number(flag('accuracy') ?? 300);

const started = Date.now();
const log = (s: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);
};

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function machine(): BenchReport['machine'] {
  const cpuinfo = execFileSync('cat', ['/proc/cpuinfo'], { encoding: 'utf8' });
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1]?.trim();
  const family = field('cpu family');
  const model =
    `${field('model name') ?? cpus()[0]?.model ?? 'unknown CPU'}` +
    (family ? ` (family ${family}, model ${field('model')}${/\bhypervisor\b/.test(field('flags') ?? '') ? ', virtual machine' : ''})` : '');
  return {
    cpu: model,
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim(),
    loadStart: loadavg().map((l) => Math.round(l * 100) / 100),
    loadEnd: [],
    chromium: '',
    postgis: '',
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--untracked-files=no']) ? ' + uncommitted changes' : ''}`,
  };
}

function count(input: AnalysisInput, nodeRes: NodeBenchResult | null): SetReport['counts'] {
  return {
    villages: input.villages.length,
    bts: input.bts.length,
    footprints: nodeRes?.footprints.count ?? NaN,
    settlements: input.settlements?.ids.length ?? 0,
    fibre: input.fibreRoutes.length + input.fibrePoints.length,
  };
}

async function main(): Promise<void> {
  const report: BenchReport = { machine: machine(), sets: {}, turf: null, cli: null, readMemory: null, startedAt: new Date(started).toISOString(), totalS: 0, checksum: 0 };
  log(`machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.ramGiB} GiB, Node ${report.machine.node}, load ${report.machine.loadStart.join(' ')}`);
  mkdirSync(OUT, { recursive: true });

  const sets: { name: string; paths: SetPaths; runs: number; warmup: number; browserQuery: string; browserBudgetMs: number }[] = [
    {
      name: 'Kon Tum',
      paths: {
        villages: join(KON_TUM, 'villages.fgb'),
        bts: [join(KON_TUM, 'bts.fgb')],
        fibre: [join(KON_TUM, 'fibre-routes.fgb'), join(KON_TUM, 'fibre-points.fgb')],
        settlements: [join(KON_TUM, 'settlements.fgb')],
      },
      warmup: 3,
      runs: 10,
      browserQuery: '',
      browserBudgetMs: 300,
    },
  ];
  let national: BenchSetFiles | null = null;
  if (!konTumOnly) {
    national = ensureNationalSet(seed, log);
    log(`national set ${national.key}: ${JSON.stringify(national.counts)}`);
    sets.push({
      name: 'national',
      paths: { villages: national.villages, bts: [national.bts], fibre: [national.fibre], settlements: [national.settlements] },
      warmup: 1,
      runs: 3,
      browserQuery: 'villages={data}/villages.fgb&bts={data}/bts.fgb&fibre={data}/fibre.fgb&settlements={data}/settlements.fgb',
      browserBudgetMs: 10_000,
    });
  }

  const inputs = new Map<string, AnalysisInput>();
  const nodeResults = new Map<string, NodeBenchResult>();
  // The node pool runs the CLI's threads, which are the built CLI's.
  if (!skip.has('node')) buildCli(REPO);
  const threadEntry = new URL('../../dist-cli/coverage-thread.mjs', import.meta.url);
  for (const s of cliOnly ? [] : sets) {
    log(`${s.name}: reading inputs…`);
    const t0 = performance.now();
    const input = await loadSet(s.paths);
    const readMs = performance.now() - t0;
    inputs.set(s.name, input);
    let nodeRes: NodeBenchResult | null = null;
    if (!skip.has('node')) {
      nodeRes = await benchNode(input, { warmup: s.warmup, runs: s.runs, threads: 2, threadEntry, log });
      nodeResults.set(s.name, nodeRes);
      log(`  node ${s.name}: single ${nodeRes.single.runs.map((x) => x.toFixed(0)).join(', ')} ms; pool ${nodeRes.pool.runs.map((x) => x.toFixed(0)).join(', ')} ms; mobile ${nodeRes.mobile.runs.map((x) => x.toFixed(0)).join(', ')} ms; phases ${JSON.stringify(nodeRes.phases)}`);
    }
    report.sets[s.name] = { counts: count(input, nodeRes), readMs, node: nodeRes ? stripNode(nodeRes) : null, postgis: null, browser: null, poolPage: null, accuracy: null, browserBudgetMs: s.browserBudgetMs };
  }

  const cliPart = async (peer: PostgisPeer | null): Promise<void> => {
    if (skip.has('cli')) return;
    const r: CliBenchResult = await benchCli(REPO, { peer, warmup: 1, runs: 5, log });
    report.cli = r;
    savePartial(report);
  };
  if (!skip.has('postgis') && (!skip.has('node') || !skip.has('cli'))) {
    let peer: PostgisPeer | null = null;
    // A stop signal mid-query still stops the cluster (by pg_ctl, through the peer).
    const onSignal = (sig: NodeJS.Signals): void => {
      try {
        peer?.stop();
      } finally {
        process.exit(sig === 'SIGINT' ? 130 : 143);
      }
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      log('postgis: starting a throwaway cluster…');
      peer = await startPostgis();
      const pg = peer.sql('SHOW server_version;').trim().split(' ')[0];
      const postgis = /POSTGIS="([^" ]+)/.exec(peer.version)?.[1] ?? peer.version;
      report.machine.postgis = `PostgreSQL ${pg}, PostGIS ${postgis}`;
      await cliPart(peer);
      for (const s of skip.has('node') ? [] : sets) {
        log(`postgis on ${s.name}…`);
        const r: PostgisBenchResult = benchPostgis(peer, inputs.get(s.name)!.villages, nodeResults.get(s.name)!.footprints, log);
        report.sets[s.name].postgis = r;
        log(`  postgis ${s.name}: footprints ${r.footprintsMs.toFixed(0)} ms, query ${r.queryMs.toFixed(0)} ms`);
        savePartial(report);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const p = peer as PostgisPeer | null;
      peer = null;
      p?.stop();
    }
  } else {
    await cliPart(null);
  }

  if (!skip.has('turf') && !skip.has('node')) {
    const input = inputs.get('Kon Tum')!;
    const r: TurfBenchResult = await benchTurf(input, new FootprintLookup(nodeResults.get('Kon Tum')!.footprints), { n: 200, seed: 7, runs: 1, log });
    report.turf = r;
    log(`  turf: ${r.turf.runs.map((x) => x.toFixed(0)).join(', ')} ms; ours ${r.ours.median.toFixed(1)} ms; max diff ${r.maxDiff.toExponential(2)}`);
    savePartial(report);
  }

  if (!skip.has('browser')) {
    const targets = Object.fromEntries(
      sets.map((s) => [
        s.name,
        s.name === 'Kon Tum'
          ? { query: s.browserQuery, warmup: 1, runs: 5, timeoutMs: 120_000 }
          : { query: s.browserQuery, warmup: 0, runs: 1, timeoutMs: 15 * 60_000 },
      ]),
    );
    const browser: Record<string, BrowserBenchResult> = await benchBrowser(targets, national?.dir ?? null, log);
    for (const [name, r] of Object.entries(browser)) {
      report.sets[name].browser = r;
      report.machine.chromium = r.chromium;
    }
    const kt = '{app}/data/kon-tum/';
    const pageTargets: Record<string, PoolPageTarget> = {
      'Kon Tum': {
        urls: { villages: `${kt}villages.fgb`, bts: `${kt}bts.fgb`, fibre: [`${kt}fibre-routes.fgb`, `${kt}fibre-points.fgb`], settlements: `${kt}settlements.fgb` },
        runs: 11,
        timeoutMs: 120_000,
      },
    };
    if (national) {
      pageTargets.national = {
        urls: { villages: '{data}/villages.fgb', bts: '{data}/bts.fgb', fibre: ['{data}/fibre.fgb'], settlements: '{data}/settlements.fgb' },
        runs: 3,
        timeoutMs: 15 * 60_000,
      };
    }
    const pages = await benchPoolPage(pageTargets, national?.dir ?? null, log);
    for (const [name, r] of Object.entries(pages)) report.sets[name].poolPage = r;
    savePartial(report);
  }

  if (!skip.has('terrain')) {
    log('terrain: Kon Tum over a synthetic 1″ DEM…');
    const input = inputs.get('Kon Tum') ?? (await loadSet(sets[0].paths));
    report.terrain = await benchTerrain(input, { chromium: !skip.has('browser'), splat: !skip.has('splat'), splatSites: 20, log });
    savePartial(report);
  }

  if (!skip.has('accuracy') && !skip.has('node')) {
    for (const s of sets) {
      const n = s.name === 'Kon Tum' ? Math.min(100, accuracyN) : accuracyN;
      log(`accuracy on ${s.name}: ${n} villages against the exact reference…`);
      const input = inputs.get(s.name)!;
      const nr = nodeResults.get(s.name)!;
      const acc: AccuracyResult = measureAccuracy(input.villages, new FootprintLookup(nr.footprints), nr.areaFraction, report.sets[s.name].postgis?.areaFraction ?? null, {
        n,
        seed: 20260401,
        maxSites: 25,
        vertices: 1024,
        log,
      });
      report.sets[s.name].accuracy = acc;
      log(`  accuracy ${s.name}: ours max ${acc.ours.max.toExponential(2)} mean ${acc.ours.mean.toExponential(2)}; PostGIS max ${acc.postgis?.max.toExponential(2)} mean ${acc.postgis?.mean.toExponential(2)}`);
      savePartial(report);
    }
  }

  if (!skip.has('memory')) {
    log('reading memory (300 MB GeoJSON and CSV, generated; the national set), each read in a process of its own…');
    report.readMemory = benchReadMemory(national, log);
    savePartial(report);
  }

  report.machine.loadEnd = loadavg().map((l) => Math.round(l * 100) / 100);
  report.totalS = Math.round((Date.now() - started) / 1000);
  report.checksum = checksum();
  const md = renderResults(report);
  process.stdout.write(`\n${md}\n`);
  writeFileSync(join(OUT, 'results.md'), md + '\n');
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(report, (_k, v) => (v instanceof Float64Array ? undefined : v), 2) + '\n');
  log(`wrote tests/bench/out/results.md and results.json (checksum ${report.checksum.toFixed(6)})`);
}

/** Writes what is known so far (a run stopped part-way still leaves its numbers). */
function savePartial(report: BenchReport): void {
  writeFileSync(join(OUT, 'results-partial.json'), JSON.stringify(report, (_k, v) => (v instanceof Float64Array ? undefined : v), 2) + '\n');
}

function stripNode(r: NodeBenchResult): SetReport['node'] {
  return { single: r.single, pool: r.pool, poolThreads: r.poolThreads, mobile: r.mobile, phases: r.phases };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
