/** The benchmark's report as data, and as the markdown table it prints. */
import type { AccuracyResult } from './accuracy.ts';
import type { BrowserBenchResult, PoolPageResult } from './browser-bench.ts';
import type { CliBenchResult } from './cli-bench.ts';
import type { PostgisBenchResult } from './postgis-bench.ts';
import { fmtMs, fmtTiming, summarize, type Timing } from './timing.ts';
import type { TurfBenchResult } from './turf-bench.ts';
import type { ReadMemoryCase } from './read-memory.ts';
import type { ChromiumTerrainRun, TerrainBenchResult } from './terrain-bench.ts';

export interface SetReport {
  counts: { villages: number; bts: number; footprints: number; settlements: number; fibre: number };
  readMs: number;
  node: { single: Timing; pool: Timing; poolThreads: number; mobile: Timing; phases: { prepare: number; compute: number; assemble: number } } | null;
  postgis: PostgisBenchResult | null;
  browser: BrowserBenchResult | null;
  poolPage: PoolPageResult | null;
  accuracy: AccuracyResult | null;
  browserBudgetMs: number;
}

export interface BenchReport {
  machine: {
    cpu: string;
    cores: number;
    ramGiB: number;
    node: string;
    os: string;
    loadStart: number[];
    loadEnd: number[];
    chromium: string;
    postgis: string;
    /** The commit measured (and whether the working tree differed from it). */
    commit: string;
  };
  sets: Record<string, SetReport>;
  turf: TurfBenchResult | null;
  /** The CLI as a user runs it, on the dense set, against PostGIS. */
  cli: CliBenchResult | null;
  /** Peak memory of reading large inputs in Node (read-memory.ts); null when skipped. */
  readMemory: ReadMemoryCase[] | null;
  /** Kon Tum with a synthetic 1″ DEM: terrain footprints, against the budgets and SPLAT!. */
  terrain?: TerrainBenchResult | null;
  startedAt: string;
  totalS: number;
  checksum: number;
}

const GIB = 2 ** 30;
const MIB = 2 ** 20;

function ratio(a: number | undefined, b: number | undefined): string {
  if (!a || !b || !Number.isFinite(a) || !Number.isFinite(b)) return 'n/a';
  return `${(a / b).toFixed(a / b < 10 ? 1 : 0)}×`;
}

function verdict(ok: boolean | null): string {
  return ok === null ? '—' : ok ? 'met' : '**missed**';
}

function sci(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? 'n/a' : x.toExponential(1);
}

function pct(x: number | undefined): string {
  return x === undefined || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(2)} %`;
}

/** The CLI's table: `--help`, the whole process on the dense set and its phases, PostGIS on the same inputs. */
function cliTable(c: CliBenchResult): string[] {
  const n = (k: string): string => (c.counts[k] ?? NaN).toLocaleString('en');
  const pg = c.postgis;
  // The budget is judged like for like: the CLI on PostGIS's own inputs (villages and cells).
  const like = c.peerInputs;
  const speedup = pg && like ? pg.totalMs / like.whole.median : NaN;
  const queryOnly = pg && like ? pg.queryMs / like.whole.median : NaN;
  const p = c.phases;
  const q = like?.phases;
  return [
    `| the CLI, as a user runs it (\`node src/cli/vunglom.mjs …\`, whole processes) | dense set: ${n('villages')} villages, ${n('bts')} cells on ${n('sites')} sites, ${n('settlements')} settlements, ${n('fibre')} fibre features | budget | verdict |`,
    '|---|---|---|---|',
    `| \`vunglom --help\`, process start to exit (\`node -e 0\` the same way) | ${fmtTiming(c.help)} (${fmtMs(c.node.median)}) | ≤ 150 ms | ${verdict(c.help.median <= 150)} |`,
    `| **\`vunglom analyze\`, villages + cells only (PostGIS's inputs), process start to exit** | ${like ? `${fmtTiming(like.whole)}; ${like.threads || 'threads n/a'}` : 'n/a'} | | |`,
    `| — start (Node, code, options) / read / compute / write, medians | ${q ? `${fmtMs(q.start.median)} / ${fmtMs(q.read.median)} / ${fmtMs(q.compute.median)} / ${fmtMs(q.write.median)}` : 'n/a'} | | |`,
    `| \`vunglom analyze\`, all four layers (population from settlements, FTTH from fibre too), process start to exit | ${fmtTiming(c.whole)}; ${c.threads || 'threads n/a'} | | |`,
    `| — start (Node, code, options) / read / compute / write, medians | ${fmtMs(p.start.median)} / ${fmtMs(p.read.median)} / ${fmtMs(p.compute.median)} / ${fmtMs(p.write.median)} | | |`,
    `| — the same with \`--threads 1\` (does the default's thread count pay here?) | ${c.oneThread ? fmtTiming(c.oneThread) : 'the default was 1 thread'} | | |`,
    `| — the process's CPU time (all threads): start / read / compute / write = total, medians | ${fmtMs(c.cpu.start.median)} / ${fmtMs(c.cpu.read.median)} / ${fmtMs(c.cpu.compute.median)} / ${fmtMs(c.cpu.write.median)} = ${fmtMs(c.cpu.total.median)} | | |`,
    `| PostGIS on the villages + cells: footprints + GiST / per-village query | ${pg ? `${fmtMs(pg.footprintsMs)} / ${fmtMs(pg.queryMs)}${pg.parallel ? ' (parallel plan, 2 workers)' : ' (serial plan)'}` : 'n/a'} | | |`,
    `| PostGIS total ÷ the CLI with all four layers | ${ratio(pg?.totalMs, c.whole.median)} | | |`,
    `| **PostGIS total ÷ the CLI on the same inputs, whole process** (PostGIS's query alone ÷ the CLI; 20× needs the whole process in) | ${ratio(pg?.totalMs, like?.whole.median)} (${ratio(pg?.queryMs, like?.whole.median)}; ${pg ? fmtMs(pg.queryMs / 20) : 'n/a'}) | ≥ 20× | ${verdict(Number.isFinite(speedup) ? speedup >= 20 && queryOnly >= 20 : null)} |`,
  ];
}

/** Renders the report as markdown: machine, speed table, Turf table, accuracy table, notes. */
export function renderResults(r: BenchReport): string {
  const names = Object.keys(r.sets);
  const col = (f: (s: SetReport, name: string) => string): string => names.map((n) => f(r.sets[n], n)).join(' | ');
  const nat = r.sets.national;
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`Benchmark run ${r.startedAt} of ${m.commit} (${r.totalS} s in all): ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, Chromium ${m.chromium || 'n/a'} (headless, SwiftShader in a GPU process), ${m.postgis || 'PostGIS n/a'}; load average (1, 5, 15 min) ${m.loadStart.join(', ')} at the start, ${m.loadEnd.join(', ')} at the end.`);
  lines.push('');
  if (names.length === 0) {
    if (r.cli) lines.push(...cliTable(r.cli), '');
    lines.push(`Checksum of the timed results (sink): ${r.checksum.toFixed(6)}.`);
    return lines.join('\n');
  }
  lines.push(`| measure | ${names.join(' | ')} | budget | verdict |`);
  lines.push(`|---|${names.map(() => '---').join('|')}|---|---|`);
  lines.push(`| villages / BTS records / broadband footprints | ${col((s) => `${s.counts.villages.toLocaleString('en')} / ${s.counts.bts.toLocaleString('en')} / ${s.counts.footprints.toLocaleString('en')}`)} | | |`);
  lines.push(`| settlements / fibre features | ${col((s) => `${s.counts.settlements.toLocaleString('en')} / ${s.counts.fibre.toLocaleString('en')}`)} | | |`);
  lines.push(`| Node, reading the .fgb inputs (not timed below) | ${col((s) => fmtMs(s.readMs))} | | |`);
  lines.push(`| **ours, Node, full analysis, 1 thread** (prepare + compute + assemble) | ${col((s) => fmtTiming(s.node?.single))} | | |`);
  lines.push(`| — of which prepare / compute / assemble (one run) | ${col((s) => (s.node ? `${fmtMs(s.node.phases.prepare)} / ${fmtMs(s.node.phases.compute)} / ${fmtMs(s.node.phases.assemble)}` : 'n/a'))} | | |`);
  lines.push(`| **ours, Node, full analysis, the CLI's threads** (this one + worker threads, warmed) | ${col((s) => (s.node ? `${fmtTiming(s.node.pool)}, ${s.node.poolThreads} threads` : 'n/a'))} | | |`);
  lines.push(`| **ours, Node, mobile area fraction only, 1 thread** (pack + exact engine) | ${col((s) => fmtTiming(s.node?.mobile))} | | |`);
  lines.push(`| PostGIS: footprints (ST_Buffer geography quad_segs=64 / ST_Project sectors) + GiST | ${col((s) => fmtMs(s.postgis?.footprintsMs ?? NaN))} | | |`);
  lines.push(`| PostGIS: per-village ST_Union, ST_Intersection, geography area | ${col((s) => (s.postgis ? `${fmtMs(s.postgis.queryMs)}${s.postgis.parallel ? ' (parallel plan, 2 workers)' : ' (serial plan)'}` : 'n/a'))} | | |`);
  lines.push(`| **PostGIS total** | ${col((s) => fmtMs(s.postgis?.totalMs ?? NaN))} | | |`);
  const speedup = (s: SetReport | undefined): number => (s?.postgis && s.node ? s.postgis.totalMs / s.node.mobile.median : NaN);
  const natSpeedup = speedup(nat);
  lines.push(`| **PostGIS total ÷ ours mobile-only (1 thread)** | ${col((s) => ratio(s.postgis?.totalMs, s.node?.mobile.median))} | ≥ 20× (national) | ${verdict(Number.isFinite(natSpeedup) ? natSpeedup >= 20 : null)} |`);
  lines.push(`| PostGIS total ÷ ours full analysis (pool) | ${col((s) => ratio(s.postgis?.totalMs, s.node?.pool.median))} | | |`);
  const browserOk = (s: SetReport): boolean | null => (s.browser?.totalMs ? s.browser.totalMs.median <= s.browserBudgetMs : s.browser ? false : null);
  lines.push(
    `| **ours, Chromium, the app's worker pool** (\`lastAnalysis.totalMs\`) | ${col((s) =>
      s.browser?.totalMs ? `${fmtTiming(s.browser.totalMs)}, ${s.browser.runs[0]?.workers} worker(s)` : s.browser ? `failed: ${s.browser.error}` : 'n/a',
    )} | ≤ 300 ms (Kon Tum), ≤ 10 s (national) | ${names.map((n) => `${n}: ${verdict(browserOk(r.sets[n]))}`).join(', ')} |`,
  );
  const lt = (s: SetReport): number[] => s.browser?.runs.flatMap((x) => x.analysisLongTasks) ?? [];
  const perRun = (s: SetReport): string => {
    if (!s.browser || s.browser.runs.length === 0) return 'n/a';
    const counts = s.browser.runs.map((x) => x.analysisLongTasks.length);
    const all = lt(s);
    return `${counts.join(', ')} per run; longest ${all.length ? fmtMs(Math.max(...all)) : '—'}`;
  };
  const ltOk = names.every((n) => r.sets[n].browser === null) ? null : names.every((n) => lt(r.sets[n]).length === 0 && (r.sets[n].browser?.runs.length ?? 0) > 0);
  lines.push(`| main-thread long tasks > 50 ms during the analysis | ${col(perRun)} | none | ${verdict(ltOk)} |`);
  lines.push(
    `| page load → analysis done, the map coloured (whole page; long tasks in it) | ${col((s) => {
      const runs = s.browser?.runs ?? [];
      if (runs.length === 0) return 'n/a';
      const last = runs[runs.length - 1];
      return `${fmtMs(last.loadToDoneMs)}; ${last.pageLongTasks.length} long tasks, longest ${last.pageLongTasks.length ? fmtMs(Math.max(...last.pageLongTasks)) : '—'}`;
    })} | ≤ 8 s (national) | ${verdict(nat?.browser?.runs.length ? nat.browser.runs[nat.browser.runs.length - 1].loadToDoneMs <= 8_000 : null)} |`,
  );
  const peak = (s: SetReport): number => Math.max(0, ...(s.browser?.runs.map((x) => x.peakPss) ?? []));
  const peakRss = (s: SetReport): number => Math.max(0, ...(s.browser?.runs.map((x) => x.peakRss) ?? []));
  const heap = (s: SetReport): number => Math.max(0, ...(s.browser?.runs.map((x) => x.jsHeapUsed) ?? []));
  const natPeak = nat ? Math.max(peak(nat), nat.browser?.failedPeakPss ?? 0) : 0;
  lines.push(
    `| tab memory, peak from page load to 5 s after the result is drawn (renderer PSS / RSS; main-thread JS heap after) | ${col((s) => {
      if (s.browser?.failedPeakPss) return `${(s.browser.failedPeakPss / GIB).toFixed(2)} / ${(s.browser.failedPeakRss / GIB).toFixed(2)} GiB when the tab failed`;
      return s.browser?.runs.length ? `${(peak(s) / GIB).toFixed(2)} / ${(peakRss(s) / GIB).toFixed(2)} GiB; heap ${(heap(s) / MIB).toFixed(0)} MiB` : 'n/a';
    })} | ≤ 1.5 GB (national) | ${verdict(natPeak > 0 ? natPeak <= 1.5e9 : null)} |`,
  );
  lines.push(
    `| ours, Chromium, the app's worker pool on the bench page (no map; first run cold, then warm) | ${col((s) => {
      const p = s.poolPage;
      if (!p) return 'n/a';
      if (!p.totalMs) return `failed: ${p.error}`;
      const warm = summarize(p.totalMs.runs.slice(1));
      return `first ${fmtMs(p.firstMs)}, then ${fmtTiming(warm)}, ${p.workers} worker(s); main-thread prepare ${fmtMs(p.prepareMs)}`;
    })} | | |`,
  );
  lines.push(
    `| — long tasks > 50 ms on the bench page during those analyses | ${col((s) => {
      const p = s.poolPage;
      if (!p?.totalMs) return 'n/a';
      return `${p.longTasks.length} in ${p.totalMs.runs.length} analyses; longest ${p.longTasks.length ? fmtMs(Math.max(...p.longTasks)) : '—'}`;
    })} | | |`,
  );
  lines.push(`| — bench page memory, peak (renderer PSS / RSS) | ${col((s) => (s.poolPage ? `${(s.poolPage.peakPss / GIB).toFixed(2)} / ${(s.poolPage.peakRss / GIB).toFixed(2)} GiB` : 'n/a'))} | | |`);
  lines.push('');

  if (r.cli) lines.push(...cliTable(r.cli), '');

  if (r.turf) {
    const t = r.turf;
    lines.push(`| naive Turf on ${t.villages} Kon Tum villages (same footprints) | time | ratio |`);
    lines.push('|---|---|---|');
    lines.push(`| Turf: 64-step \`circle\`/\`sector\`, \`union\`, \`intersect\`, \`area\` | ${fmtTiming(t.turf)} | ${ratio(t.turf.median, t.ours.median)} slower than ours |`);
    lines.push(`| ours (pack + exact engine) on the same villages | ${fmtTiming(t.ours)} | 1× |`);
    lines.push(`| largest / mean \\|Turf − ours\\| in area fraction | ${sci(t.maxDiff)} / ${sci(t.meanDiff)} | |`);
    lines.push('');
  }

  if (r.readMemory?.length) {
    lines.push('| reading in Node (file bytes → records, the CLI\'s path), each in its own process | bytes | records | time | peak RSS of the reading (above Node\'s own) | ÷ bytes | of which the records kept for the analysis | reading alone ÷ bytes | budget (reading) | verdict |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const c of r.readMemory) {
      if (c.error) {
        lines.push(`| ${c.name} | | | failed: ${c.error} | | | | | ≤ ~4× | ${verdict(false)} |`);
        continue;
      }
      lines.push(
        `| ${c.name} | ${(c.bytes / MIB).toFixed(0)} MiB | ${c.records.toLocaleString('en')} | ${fmtMs(c.readMs)} | ${((c.peakRss - c.baseRss) / GIB).toFixed(2)} GiB | ${c.ratio.toFixed(1)}× | ${(c.keptBytes / GIB).toFixed(2)} GiB | ${c.readingRatio.toFixed(1)}× | ≤ ~4× | ${verdict(c.readingRatio <= 4.5)} |`,
      );
    }
    lines.push('');
  }

  const accNames = names.filter((n) => r.sets[n].accuracy);
  if (accNames.length) {
    lines.push('| accuracy of `mobile_area_fraction` against the exact reference | sample | ours: largest / mean \\|error\\| | PostGIS: largest / mean \\|error\\| | budget (ours) | verdict |');
    lines.push('|---|---|---|---|---|---|');
    for (const n of accNames) {
      const a = r.sets[n].accuracy!;
      const lat = `${a.latRange[0].toFixed(1)}–${a.latRange[1].toFixed(1)}°N; drawn from the ${a.eligible.toLocaleString('en')} villages with ≤ ${a.maxSites} sites near them, ${a.tooManySites.toLocaleString('en')} left out`;
      lines.push(
        `| ${n}: all sampled villages | ${a.sample} (${lat}; reference ${fmtMs(a.referenceMs)}) | ${sci(a.ours.max)} / ${sci(a.ours.mean)} | ${a.postgis ? `${sci(a.postgis.max)} (${pct(a.postgis.max)}) / ${sci(a.postgis.mean)}` : 'n/a'} | ≤ 1e-4 | ${verdict(a.ours.max <= 1e-4)} |`,
      );
      lines.push(
        `| ${n}: partly covered ones only | ${a.partial} | ${sci(a.oursPartial.max)} / ${sci(a.oursPartial.mean)} | ${a.postgisPartial ? `${sci(a.postgisPartial.max)} (${pct(a.postgisPartial.max)}) / ${sci(a.postgisPartial.mean)}` : 'n/a'} | ≤ 1e-4 | ${verdict(a.oursPartial.max <= 1e-4)} |`,
      );
    }
    lines.push('');
  }
  if (r.terrain) lines.push(...terrainTable(r.terrain), '');
  lines.push(`Checksum of the timed results (sink): ${r.checksum.toFixed(6)}.`);
  return lines.join('\n');
}

/** The terrain table: Node and Chromium times against the budgets, SPLAT! beside them. */
function terrainTable(t: TerrainBenchResult): string[] {
  const c = t.chromium;
  // A Chromium time: the median of the page loads, with their range when there were several.
  const cm = (pick: (r: ChromiumTerrainRun) => number): string => {
    if (!c) return 'n/a';
    const values = (c.pages ?? []).map(pick);
    const mid = fmtMs(pick(c));
    return values.length > 1 ? `${mid} (${fmtMs(Math.min(...values))}–${fmtMs(Math.max(...values))})` : mid;
  };
  const ok = (x: number | undefined, budget: number): string => (x === undefined || !Number.isFinite(x) ? '—' : verdict(x <= budget));
  const e = t.effect;
  return [
    `| terrain: Kon Tum (824 villages, ${t.masts} broadband masts, ${t.footprints} footprints), synthetic 1″ DEM (6 SRTM tiles) | Node, 1 thread | Chromium, the app: median of ${c?.pages?.length ?? 0} page loads (range) | budget | verdict (Chromium) |`,
    '|---|---|---|---|---|',
    `| reading the DEM (in the coverage worker) | ${fmtMs(t.node.demReadMs)} | ${cm((r) => r.demOpenMs)} | | |`,
    `| first analysis: masts' profiles + coverage on terrain | ${fmtMs(t.node.profilesMs)} + ${fmtMs(t.node.coverageMs)} | ${cm((r) => r.firstMs)} | ≤ 5 s | ${ok(c?.firstMs, 5000)} |`,
    `| re-run after a non-terrain change: the coverage threshold | ${fmtMs(t.node.reclassifyMs)} | ${cm((r) => r.reclassifyMs)} | ≤ 1 s | ${ok(c?.reclassifyMs, 1000)} |`,
    `| re-run after a radius change, also a non-terrain assumption: the 4G radius 3,500 → 3,400 m (profiles reused, terrain footprints and coverage computed again; Node: packing ${fmtMs(t.node.radiusSplit.prepareMs)}, coverage ${fmtMs(t.node.radiusSplit.coverageMs)}, ${t.node.radiusSplit.measured} villages measured on terrain again, ${t.node.radiusSplit.reused} from the memo) | ${fmtMs(t.node.radiusMs)} | ${cm((r) => r.radiusMs)} | ≤ 1 s | ${ok(c?.radiusMs, 1000)} |`,
    `| re-run with the 4G radius back (villages from the terrain measures memo: ${t.node.memo.backHits} reused, ${t.node.memo.backMisses} measured in Node) | ${fmtMs(t.node.radiusBackMs)} | ${cm((r) => r.radiusBackMs)} | | |`,
    `| re-run after a 5G radius change, 1,000 → 800 m (${t.node.memo.fiveGHits} villages reused, ${t.node.memo.fiveGMisses} measured in Node) | ${fmtMs(t.node.radius5gMs)} | ${cm((r) => r.radius5gMs)} | ≤ 1 s | ${ok(c?.radius5gMs, 1000)} |`,
    `| one proposed site with terrain | ${fmtTiming(t.node.proposeMs)} | | ≤ 200 ms | ${verdict(t.node.proposeMs.median <= 200)} (Node) |`,
    `| main-thread long tasks > 50 ms during the first analysis and the re-runs (the most in one load; longest) | | ${c ? `${c.longTasks}; longest ${c.longestTaskMs === undefined ? '—' : fmtMs(c.longestTaskMs)}` : 'n/a'} | none | ${c ? verdict(c.longTasks === 0) : '—'} |`,
    `| SPLAT! 1.4.2 line-of-sight map, same surface at 3″, one run a mast | ${t.splat ? `${fmtMs(t.splat.perSiteMs.median)} a mast → ${t.splat.allMastsS.toFixed(0)} s for ${t.splat.sites}` : 'n/a'} | | | |`,
    `| effect: villages measured on terrain / terrain-shadow gaps / mobile broadband with terrain (disks) | ${e.terrainVillages} / ${e.shadowGaps} / ${e.mobilePct.toFixed(1)} % (${e.diskMobilePct.toFixed(1)} %) | | | |`,
    ...(t.error ? [`| **failed** | ${t.error} | | | |`] : []),
  ];
}
