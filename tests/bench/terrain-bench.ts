/**
 * Terrain in the benchmark: the Kon Tum sample (824 villages, 1,322 BTS records on ~430 masts) over
 * a SYNTHETIC 1″ DEM of six SRTM tiles (the seeded mountain surface of tests/helpers/synthetic-dem.ts,
 * written once into tests/bench/out/terrain-dem/, 156 MB). Measured: in Node on one thread the DEM
 * read, the masts' profiles and the coverage of a first analysis, a re-run after a classification
 * change and after a radius change (profiles reused), with the 4G radius back (villages from the
 * terrain measures memo) and after a 5G radius change, and one proposed site with terrain; in
 * Chromium, through the app with `?dem=`, the DEM read in the worker, the first analysis and the same
 * four re-runs; and SPLAT!'s line-of-sight map of the same masts (3″, the same surface), per site.
 * With TERRAIN_BENCH_DEBUG=1 each Chromium re-run logs the app's phase timings (`lastAnalysis`) and
 * the CPU Chromium's threads used from the edit to the result (chromium-cpu.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { preview, type PreviewServer } from 'vite';
import { AnalysisSession, settlementLayer } from '../../src/core/analysis/analysis-session.ts';
import { computeChunk } from '../../src/core/analysis/compute-chunk.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { IncrementalAnalysis } from '../../src/core/planning/incremental-analysis.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { threadTerrainMemo } from '../../src/core/terrain/terrain-measure-memo.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';
import { hgtName, mountainSurface, syntheticHgt } from '../helpers/synthetic-dem.ts';
import { APP_DIST, BENCH_INIT_SCRIPT, buildApp, type PageBench } from './browser-bench.ts';
import { chromiumCpu, cpuSince, waitForQuietChromium } from './chromium-cpu.ts';
import { median, summarize, type Timing } from './timing.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEM_DIR = join(ROOT, 'tests/bench/out/terrain-dem');
const SEED = 42;
/**
 * How often the waits look at the page (ms). Not Playwright's default, which polls in
 * requestAnimationFrame: that has Chromium make a frame 60 times a second while it waits (53 during
 * one 4G radius re-run; a planner's idle page makes none), which took ~70 ms of CPU from the re-run
 * (page main thread and compositors) and ~80 ms from its time: 1.13–1.21 s against 1.19–1.31 s,
 * 3 + 3 interleaved loads.
 */
const POLL_MS = 50;

/** Pause after the map has drawn before each assumption edit in Chromium (ms). */
const SETTLE_BEFORE_EDIT_MS = 1_500;
/** The six 1° tiles under the Kon Tum sample (13–16°N, 107–109°E). */
const TILES: readonly [number, number][] = [13, 14, 15].flatMap((lat) => [107, 108].map((lon) => [lon, lat] as [number, number]));

/** One page load in Chromium: its times (ms) and the page's main-thread long tasks during the analyses. */
export interface ChromiumTerrainRun {
  demOpenMs: number;
  firstMs: number;
  reclassifyMs: number;
  radiusMs: number;
  radiusBackMs: number;
  radius5gMs: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface TerrainBenchResult {
  masts: number;
  footprints: number;
  node: {
    demReadMs: number;
    profilesMs: number;
    coverageMs: number;
    firstMs: number;
    reclassifyMs: number;
    radiusMs: number;
    /** The radius change split: packing footprints and terrain (profiles from the cache), then the coverage; villages measured on terrain again and taken from the memo. */
    radiusSplit: { prepareMs: number; coverageMs: number; measured: number; reused: number };
    /** The 4G radius back to its first value (villages taken from the terrain measures memo). */
    radiusBackMs: number;
    /** The 5G radius (1,000 → 800 m): only villages near 5G reach measured again. */
    radius5gMs: number;
    /** Villages taken from the memo / measured again in the two runs above. */
    memo: { backHits: number; backMisses: number; fiveGHits: number; fiveGMisses: number };
    proposeMs: Timing;
  };
  /** Medians over the page loads in `pages` (long tasks: the most any load had, and the longest). */
  chromium: (ChromiumTerrainRun & { pages: ChromiumTerrainRun[] }) | null;
  splat: { sites: number; perSiteMs: Timing; allMastsS: number } | null;
  /** What the first analysis found: villages measured on terrain, terrain-shadow gaps, mobile % with and without terrain. */
  effect: { terrainVillages: number; shadowGaps: number; mobilePct: number; diskMobilePct: number };
  error: string | null;
}

/** Writes the DEM tiles that are missing (≈15 s a tile). */
export function ensureTerrainDem(log: (s: string) => void): string[] {
  mkdirSync(DEM_DIR, { recursive: true });
  const surface = mountainSurface(SEED);
  return TILES.map(([lon, lat]) => {
    const path = join(DEM_DIR, hgtName(lon, lat));
    if (!existsSync(path)) {
      log(`  terrain: writing the synthetic 1″ tile ${hgtName(lon, lat)}…`);
      writeFileSync(path, syntheticHgt(lon, lat, 3601, surface));
    }
    return path;
  });
}

/** The distinct positions of broadband records: the masts profiles are computed for. */
function broadbandMasts(input: AnalysisInput): { lon: number; lat: number }[] {
  const seen = new Map<string, { lon: number; lat: number }>();
  for (const b of input.bts) if (b.tech === '4G' || b.tech === '5G') seen.set(`${b.lon},${b.lat}`, { lon: b.lon, lat: b.lat });
  return [...seen.values()];
}

function ms(since: number): number {
  return performance.now() - since;
}

/** Node, one thread: the session path the coverage worker runs. */
function benchNodeTerrain(input: AnalysisInput, files: string[], log: (s: string) => void): TerrainBenchResult['node'] & { effect: TerrainBenchResult['effect']; footprints: number } {
  let t = performance.now();
  const dem = new DemSet(files.map((f) => readHgt(f.split('/').pop()!, new Uint8Array(readFileSync(f)))));
  const demReadMs = ms(t);
  const session = new AnalysisSession();
  session.setRecords('villages', input.villages);
  session.setRecords('bts', input.bts);
  session.setRecords('fibreRoutes', { routes: input.fibreRoutes, points: input.fibrePoints });
  if (input.settlements) session.setRecords('settlements', settlementLayer(input.settlements));
  const params = defaultParams();
  // Without terrain first (the classification for comparison, and warm code).
  session.prepare(params);
  const plain = session.assemble([computeChunk(session.prepared, 0, session.prepared.villageCount)]);
  session.setDem(dem);
  t = performance.now();
  const prep = session.prepare(params);
  const profilesMs = ms(t);
  t = performance.now();
  const chunk = computeChunk(session.prepared, 0, session.prepared.villageCount);
  const coverageMs = ms(t);
  const first = session.assemble([chunk]);
  log(`  terrain node: DEM ${demReadMs.toFixed(0)} ms, profiles ${profilesMs.toFixed(0)} ms (${session.profileCounts.computed} masts), coverage ${coverageMs.toFixed(0)} ms; rebuilt ${prep.rebuilt.join(',')}`);
  // A classification change: nothing computed again.
  t = performance.now();
  const threshold: AnalysisParams = { ...params, coverageThreshold: 0.8 };
  const re = session.prepare(threshold);
  if (!re.computed) throw new Error('a threshold change should reuse the measures');
  session.assemble(null);
  const reclassifyMs = ms(t);
  // A radius change: profiles reused, coverage computed again (where its time goes: the footprints
  // and terrain packed again, the villages measured; how many villages the memo could not give).
  const radiusHits = threadTerrainMemo.hits;
  const radiusMisses = threadTerrainMemo.misses;
  t = performance.now();
  const radius: AnalysisParams = { ...params, radiusM: { ...params.radiusM, '4G': 3400 } };
  session.prepare(radius);
  const radiusPrepareMs = ms(t);
  const tc = performance.now();
  const radiusChunk = computeChunk(session.prepared, 0, session.prepared.villageCount);
  const radiusCoverageMs = ms(tc);
  session.assemble([radiusChunk]);
  const radiusMs = ms(t);
  const radiusSplit = { prepareMs: radiusPrepareMs, coverageMs: radiusCoverageMs, reused: threadTerrainMemo.hits - radiusHits, measured: threadTerrainMemo.misses - radiusMisses };
  log(
    `  terrain node: re-run after a threshold change ${reclassifyMs.toFixed(0)} ms, after a radius change ${radiusMs.toFixed(0)} ms (packing ${radiusPrepareMs.toFixed(0)} ms, coverage ${radiusCoverageMs.toFixed(0)} ms: ${radiusSplit.measured} villages measured on terrain again, ${radiusSplit.reused} from the memo; profiles computed in all: ${session.profileCounts.computed})`,
  );
  // The 4G radius back (every village's terrain footprints as in the first run), then the 5G radius.
  const rerun = (p: AnalysisParams): { ms: number; hits: number; misses: number } => {
    const hits = threadTerrainMemo.hits;
    const misses = threadTerrainMemo.misses;
    const t0 = performance.now();
    session.prepare(p);
    session.assemble([computeChunk(session.prepared, 0, session.prepared.villageCount)]);
    return { ms: ms(t0), hits: threadTerrainMemo.hits - hits, misses: threadTerrainMemo.misses - misses };
  };
  const back = rerun(params);
  const fiveG = rerun({ ...params, radiusM: { ...params.radiusM, '5G': 800 } });
  log(`  terrain node: 4G radius back ${back.ms.toFixed(0)} ms (${back.hits} villages from the memo, ${back.misses} measured), 5G radius 800 m ${fiveG.ms.toFixed(0)} ms (${fiveG.hits} from the memo, ${fiveG.misses} measured)`);
  // One proposed site with terrain: at the centres of gap villages.
  const analysis = session.lastAnalysis!;
  const planned = { ...params, radiusM: { ...params.radiusM, '5G': 800 } };
  const incremental = new IncrementalAnalysis({ ...input, dem }, planned, { prepared: analysis.prepared, chunks: analysis.chunks });
  const gaps = incremental.base.rows.map((r, v) => ({ r, v })).filter(({ r }) => r.gap === 'mobile' || r.gap === 'both').slice(0, 12);
  const runs: number[] = [];
  for (const { v } of gaps) {
    const ring = input.villages[v].geometry[0][0];
    const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    t = performance.now();
    incremental.propose([{ lon, lat, operators: ['Viettel'], tech: '4G' }]);
    runs.push(ms(t));
  }
  const proposeMs = summarize(runs.slice(2));
  log(`  terrain node: one proposed site ${proposeMs.median.toFixed(0)} ms (median of ${proposeMs.runs.length})`);
  const terrainVillages = first.rows.filter((r) => (r.mobile_shadow_fraction ?? 0) > 0).length;
  return {
    demReadMs,
    profilesMs,
    coverageMs,
    firstMs: demReadMs + profilesMs + coverageMs,
    reclassifyMs,
    radiusMs,
    radiusSplit,
    radiusBackMs: back.ms,
    radius5gMs: fiveG.ms,
    memo: { backHits: back.hits, backMisses: back.misses, fiveGHits: fiveG.hits, fiveGMisses: fiveG.misses },
    proposeMs,
    footprints: session.prepared.footprints.count,
    effect: {
      terrainVillages,
      shadowGaps: first.rows.filter((r) => r.reasons.includes('terrain-shadow')).length,
      mobilePct: first.kpis.mobileVillagesPct ?? NaN,
      diskMobilePct: plain.kpis.mobileVillagesPct ?? NaN,
    },
  };
}

/** Page loads the Chromium part times (each in a fresh browser profile); the table shows their medians. */
const CHROMIUM_PAGES = 3;

/**
 * The app in Chromium with `?dem=` the six tiles: the DEM read, the first analysis and four re-runs,
 * on CHROMIUM_PAGES page loads, each in a fresh browser; every time is the median of the loads
 * (one load on this two-core VM varies by ±25 %), and `pages` keeps each load's.
 */
export async function benchChromiumTerrain(log: (s: string) => void): Promise<TerrainBenchResult['chromium']> {
  await buildApp(log);
  let server: PreviewServer | null = null;
  let data: RangeServer | null = null;
  try {
    server = await preview({ root: ROOT, configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: APP_DIST }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
    const address = server.httpServer.address() as AddressInfo;
    data = await startRangeServer(DEM_DIR);
    const query = TILES.map(([lon, lat]) => `dem=${encodeURIComponent(`${data!.url}/${hgtName(lon, lat)}`)}`).join('&');
    const pages: ChromiumTerrainRun[] = [];
    for (let i = 0; i < CHROMIUM_PAGES; i++) pages.push(await chromiumTerrainPage(`http://127.0.0.1:${address.port}/?lang=en&${query}`, log));
    const mid = (pick: (r: ChromiumTerrainRun) => number): number => median(pages.map(pick));
    return {
      demOpenMs: mid((r) => r.demOpenMs),
      firstMs: mid((r) => r.firstMs),
      reclassifyMs: mid((r) => r.reclassifyMs),
      radiusMs: mid((r) => r.radiusMs),
      radiusBackMs: mid((r) => r.radiusBackMs),
      radius5gMs: mid((r) => r.radius5gMs),
      longTasks: Math.max(...pages.map((r) => r.longTasks)),
      longestTaskMs: Math.max(...pages.map((r) => r.longestTaskMs)),
      pages,
    };
  } finally {
    await data?.close();
    await server?.close();
  }
}

/** One page load in a fresh browser: the DEM read, the first analysis, the four re-runs. */
async function chromiumTerrainPage(url: string, log: (s: string) => void): Promise<ChromiumTerrainRun> {
  const session = await launchBrowser({ gpuProcess: true });
  try {
    await session.context.addInitScript({ content: BENCH_INIT_SCRIPT });
    const page = session.page;
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.analysis === 'done' || document.documentElement.dataset.analysis === 'error', undefined, { timeout: 15 * 60_000, polling: POLL_MS });
    const read = async (): Promise<{ run: number; totalMs: number }> => page.evaluate(() => ({ run: window.vunglom?.lastAnalysis?.run ?? 0, totalMs: window.vunglom?.lastAnalysis?.totalMs ?? NaN }));
    const first = await read();
    const demOpenMs = await page.evaluate(() => performance.getEntriesByName('vunglom:dem-open').at(-1)?.duration ?? NaN);
    const rerun = async (param: string, value: string): Promise<number> => {
      const before = first.run;
      // A planner edits after looking at the drawn result: the map's tiles (hillshade made in the
      // coverage worker) and labels are done first, and the software GPU has drawn them (SwiftShader
      // goes on for seconds of CPU after MapLibre's loaded(), work a desktop GPU does not put on the
      // two cores), so the run is timed on its own.
      await page.waitForFunction(() => window.vunglom?.map?.loaded() ?? false, undefined, { timeout: 60_000, polling: POLL_MS });
      await new Promise((r) => setTimeout(r, SETTLE_BEFORE_EDIT_MS));
      if (!(await waitForQuietChromium())) log(`    ${param}: Chromium was still busy a minute after the map loaded; timed anyway`);
      const input = page.locator(`[data-param="${param}"]`);
      const cpuBefore = process.env.TERRAIN_BENCH_DEBUG ? chromiumCpu() : {};
      await input.fill(value);
      await input.dispatchEvent('change');
      await page.waitForFunction((n) => (window.vunglom?.lastAnalysis?.run ?? 0) > n && document.documentElement.dataset.analysis === 'done', before, { timeout: 15 * 60_000, polling: POLL_MS });
      const r = await read();
      if (process.env.TERRAIN_BENCH_DEBUG) {
        log(`    ${param}=${value}: ${JSON.stringify(await page.evaluate(() => window.vunglom?.lastAnalysis))}`);
        log(`      CPU from the edit to the result: ${cpuSince(cpuBefore, chromiumCpu())}`);
      }
      first.run = r.run;
      return r.totalMs;
    };
    const reclassifyMs = await rerun('coverageThreshold', '0.8');
    const radiusMs = await rerun('radiusM.4G', '3400');
    const radiusBackMs = await rerun('radiusM.4G', '3500');
    const radius5gMs = await rerun('radiusM.5G', '800');
    // Long tasks of the page's main thread during the analyses (from each 'running' to its 'done'),
    // as the province row of browser-bench counts them. (performance.getEntriesByType('longtask') is
    // always empty in Chromium: long tasks reach observers only, which is why BENCH_INIT_SCRIPT has one.)
    const bench = await page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench);
    if (process.env.TERRAIN_BENCH_DEBUG) log(`    long tasks: ${JSON.stringify(bench.longtasks.map((l) => [Math.round(l.start), Math.round(l.duration)]))}; states: ${JSON.stringify(bench.states.map((s) => [s.state, Math.round(s.t)]))}`);
    if (bench.noLongtask) log(`    no long-task observer: ${bench.noLongtask}`);
    const windows = analysisWindows(bench.states);
    const inAnalyses = bench.longtasks.filter((l) => l.duration > 50 && windows.some(([a, b]) => l.start < b && l.start + l.duration > a)).map((l) => l.duration);
    const longTasks = inAnalyses.length;
    const longestTaskMs = Math.max(0, ...inAnalyses);
    log(`  terrain chromium: DEM read ${demOpenMs.toFixed(0)} ms, first analysis ${first.totalMs.toFixed(0)} ms, re-run after a threshold change ${reclassifyMs.toFixed(0)} ms, after a radius change ${radiusMs.toFixed(0)} ms, 4G radius back ${radiusBackMs.toFixed(0)} ms, 5G radius ${radius5gMs.toFixed(0)} ms; ${longTasks} main-thread long tasks during the analyses, longest ${longestTaskMs.toFixed(0)} ms`);
    return { demOpenMs, firstMs: first.totalMs, reclassifyMs, radiusMs, radiusBackMs, radius5gMs, longTasks, longestTaskMs };
  } finally {
    await session.close();
  }
}

/** [start, end) of each analysis in a page's state changes: a 'running' to the next 'done' or 'error'. */
function analysisWindows(states: PageBench['states']): [number, number][] {
  const out: [number, number][] = [];
  let start = NaN;
  for (const s of states) {
    if (s.state === 'running') start = s.t;
    else if ((s.state === 'done' || s.state === 'error') && Number.isFinite(start)) {
      out.push([start, s.t]);
      start = NaN;
    }
  }
  return out;
}

/**
 * SPLAT!'s line-of-sight map (3″ tiles of the same surface, srtm2sdf) of the first `n` masts, one
 * run per mast (-c for a 1.5 m receiver, -R 3.5 km, four-thirds Earth): its time per site and what
 * that makes for every mast. SPLAT-HD on the 1″ tiles takes minutes a site on this kind of machine
 * (4 min measured for one), so the 3″ run is the comparison.
 */
function benchSplat(input: AnalysisInput, n: number, log: (s: string) => void): TerrainBenchResult['splat'] {
  const dir = join(DEM_DIR, 'splat-3s');
  mkdirSync(dir, { recursive: true });
  const surface = mountainSurface(SEED);
  for (const [lon, lat] of TILES) {
    const name = hgtName(lon, lat);
    if (!existsSync(join(dir, name))) {
      writeFileSync(join(dir, name), syntheticHgt(lon, lat, 1201, surface));
      execFileSync('srtm2sdf', [name], { cwd: dir, stdio: 'ignore' });
    }
  }
  const masts = broadbandMasts(input);
  const runs: number[] = [];
  for (const site of masts.slice(0, n)) {
    writeFileSync(join(dir, 'mast.qth'), `mast\n${site.lat}\n${-site.lon}\n30 meters\n`);
    const t = performance.now();
    execFileSync('splat', ['-t', 'mast.qth', '-metric', '-R', '3.5', '-c', '1.5', '-m', '1.333', '-o', 'map.ppm', '-N', '-ngs', '-d', dir], { cwd: dir, stdio: 'ignore' });
    runs.push(ms(t));
  }
  const perSiteMs = summarize(runs);
  log(`  splat: ${perSiteMs.median.toFixed(0)} ms a site (median of ${runs.length}) → ${((perSiteMs.median * masts.length) / 1000).toFixed(0)} s for ${masts.length} masts`);
  return { sites: masts.length, perSiteMs, allMastsS: (perSiteMs.median * masts.length) / 1000 };
}

/** The whole terrain part of the benchmark. */
export async function benchTerrain(input: AnalysisInput, options: { chromium: boolean; splat: boolean; splatSites: number; log: (s: string) => void }): Promise<TerrainBenchResult> {
  const { log } = options;
  const files = ensureTerrainDem(log);
  const masts = broadbandMasts(input).length;
  const out: TerrainBenchResult = {
    masts,
    footprints: 0,
    node: {
      demReadMs: NaN,
      profilesMs: NaN,
      coverageMs: NaN,
      firstMs: NaN,
      reclassifyMs: NaN,
      radiusMs: NaN,
      radiusSplit: { prepareMs: NaN, coverageMs: NaN, measured: 0, reused: 0 },
      radiusBackMs: NaN,
      radius5gMs: NaN,
      memo: { backHits: 0, backMisses: 0, fiveGHits: 0, fiveGMisses: 0 },
      proposeMs: summarize([NaN]),
    },
    chromium: null,
    splat: null,
    effect: { terrainVillages: 0, shadowGaps: 0, mobilePct: NaN, diskMobilePct: NaN },
    error: null,
  };
  try {
    const node = benchNodeTerrain(input, files, log);
    const { effect, footprints, ...timings } = node;
    out.node = timings;
    out.effect = effect;
    out.footprints = footprints;
    if (options.chromium) out.chromium = await benchChromiumTerrain(log);
    if (options.splat) out.splat = benchSplat(input, options.splatSites, log);
  } catch (error) {
    out.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`  terrain failed: ${out.error}`);
  }
  return out;
}
