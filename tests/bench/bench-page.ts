/**
 * The benchmark page (tests/bench/bench-page.html, served by the Vite dev server): the app's own
 * coverage worker pool (`runAnalysis` of src/app/analysis/coverage-client.ts) on data read by URL with the
 * app's readers, without the map, several times in one page. Shows what the analysis costs when
 * nothing else (map drawing on the software GL) competes for the two cores, and where it goes.
 */
import { prepareAnalysis, type AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import { defaultParams } from '../../src/core/params.ts';
import { runAnalysis } from '../../src/app/analysis/coverage-client.ts';

/** What `window.benchAnalysis` returns. */
export interface PageBenchResult {
  readMs: number;
  totals: number[];
  workers: number;
  villages: number;
  /** The main-thread packing of one analysis (pack + indexes), timed on its own. */
  prepareMs: number;
}

declare global {
  interface Window {
    benchAnalysis?: (urls: { villages: string; bts: string; fibre: string[]; settlements: string }, runs: number) => Promise<PageBenchResult>;
    benchReady?: boolean;
  }
}

async function load(urls: { villages: string; bts: string; fibre: string[]; settlements: string }): Promise<AnalysisInput> {
  const [villages, bts, settlements, ...fibres] = await Promise.all([
    readLayer('villages', { url: urls.villages }),
    readLayer('bts', { url: urls.bts }),
    readLayer('settlements', { url: urls.settlements }),
    ...urls.fibre.map((url) => readLayer('fibre', { url })),
  ]);
  const input: AnalysisInput = { villages: villages.records, bts: bts.records, fibreRoutes: [], fibrePoints: [], settlements: settlements.columns };
  for (const f of fibres) {
    for (const r of f.routes) input.fibreRoutes.push(r);
    for (const p of f.points) input.fibrePoints.push(p);
  }
  return input;
}

window.benchAnalysis = async (urls, runs) => {
  const t0 = performance.now();
  const input = await load(urls);
  const readMs = performance.now() - t0;
  const params = defaultParams();
  const totals: number[] = [];
  let workers = 0;
  let villages = 0;
  for (let i = 0; i < runs; i++) {
    const r = await runAnalysis(input, params);
    totals.push(r.timing.totalMs);
    workers = r.timing.workers;
    villages = r.rows.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const p0 = performance.now();
  const prepared = prepareAnalysis(input, params);
  const prepareMs = performance.now() - p0;
  return { readMs, totals, workers, villages: Math.max(villages, prepared.villageCount), prepareMs };
};
window.benchReady = true;
