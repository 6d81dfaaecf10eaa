import { proxy, releaseProxy, wrap, transfer, type Remote } from 'comlink';
import type { AnalysisInput } from '../../core/analysis/prepare-analysis.ts';
import { prepareAnalysis } from '../../core/analysis/prepare-analysis.ts';
import { assembleGapList, type GapList } from '../../core/analysis/assemble-gap-list.ts';
import type { GeoFeature } from '../../core/io/geojson-types.ts';
import type { AnalysisParams } from '../../core/params.ts';
import type { CoverageWorkerApi, DemOpenedReport, DemSource, LayerSlot, LonLatRect, OpenedLayer, SessionResult, SiteTerrain } from '../../../workers/protocol.ts';
import { CoverageWorkerPool, defaultChunk, type SessionTiming } from '../../core/analysis/worker-pool.ts';

/** What one analysis run reports besides its result. */
export interface RunTiming {
  /** Wall time from the request to the assembled gap list (ms). */
  totalMs: number;
  workers: number;
}

let pool: CoverageWorkerPool<Remote<CoverageWorkerApi>> | null = null;
let warming: Promise<number[]> | null = null;

/** Pool size: one worker per core but one, so the page stays responsive; at least one. */
export function poolSize(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

/** Each remote's Worker, to end a country's helper worker after its run. */
const threads = new Map<Remote<CoverageWorkerApi>, Worker>();

function coverageWorker(): Remote<CoverageWorkerApi> {
  const worker = new Worker(new URL('../../../workers/coverage.worker.ts', import.meta.url), { type: 'module' });
  const remote = wrap<CoverageWorkerApi>(worker);
  threads.set(remote, worker);
  return remote;
}

function endWorker(remote: Remote<CoverageWorkerApi>): void {
  remote[releaseProxy]();
  threads.get(remote)?.terminate();
  threads.delete(remote);
}

/** The first worker's packed data posted straight to another worker: the page's thread neither copies nor holds it. */
async function handOver(from: Remote<CoverageWorkerApi>, to: Remote<CoverageWorkerApi>): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  await Promise.all([to.loadFrom(transfer(port2, [port2])), from.postPrepared(transfer(port1, [port1]))]);
}

function getPool(): CoverageWorkerPool<Remote<CoverageWorkerApi>> {
  if (!pool) {
    const remotes: Remote<CoverageWorkerApi>[] = Array.from({ length: poolSize() }, coverageWorker);
    pool = new CoverageWorkerPool(remotes, { proxy, handOver });
  }
  return pool;
}

/**
 * Workers a country-sized (lean) run computes on: two at least, even on two cores, since the
 * page's thread only waits while a country is analysed.
 */
const COUNTRY_WORKERS = 2;

/**
 * Starts the coverage workers and has each run the synthetic warm-up scene, so the JIT has
 * optimised the hot code by the time the layers have arrived. Call it as early as possible (page
 * load); later calls return the same promise (each worker's warm-up time, ms).
 */
export function startCoverageWorkers(): Promise<number[]> {
  warming ??= getPool().warmUp();
  return warming;
}

/**
 * Has the coverage worker read input layer `slot` itself from `origin` (a URL, by `rect` for
 * FlatGeobuf): the page never copies its features. Resolves with the record count or the reason.
 */
export function openLayer(slot: LayerSlot, origin: { url: string; rect?: LonLatRect; crs?: string; encoding?: string }): Promise<OpenedLayer> {
  return getPool().holder.openLayer(slot, origin);
}

/**
 * Has the coverage worker read elevation files (bytes are transferred, URLs fetched there) as the
 * elevation model of the next runs; an empty list removes it.
 */
export async function openDem(sources: DemSource[]): Promise<DemOpenedReport> {
  const buffers = sources.flatMap((s) => (s.bytes ? [s.bytes.buffer as ArrayBuffer] : []));
  const report = await getPool().holder.openDem(transfer(sources, buffers));
  onTerrain = report.summary !== null;
  return report;
}

/** Whether the holder has an elevation model: runs then compute on `TERRAIN_WORKERS`. */
let onTerrain = false;

/**
 * Workers a run on terrain computes on, kept between runs: measuring villages on terrain costs ~2 ms
 * each, and a radius edit measures nearly all of them again, so a second core halves the wait. The
 * helper keeps its share's terrain measures (each worker has its own memo, and the shares stay the
 * same from run to run), so a re-run finds them there.
 */
const TERRAIN_WORKERS = 2;

/** A Terrarium tile of the elevation model, made in the coverage worker (empty off the DEM). */
export function demTile(z: number, x: number, y: number): Promise<Uint8Array> {
  return getPool().holder.demTile(z, x, y);
}

/** The terrain footprint of site record `id` of the last analysis. */
export function siteTerrain(id: string): Promise<SiteTerrain> {
  return getPool().holder.siteTerrain(id);
}

/** The coverage worker holding the layers and the last analysis: the views and files of a lean run come from it. */
export function coverageHolder(): Remote<CoverageWorkerApi> {
  return getPool().holder;
}

/** Sends one input layer's features to the coverage workers (they keep it until it is replaced). */
export function sendLayer(slot: LayerSlot, features: GeoFeature[] | null): Promise<void> {
  return getPool().holder.setLayer(slot, features);
}

/**
 * Analyses the layers held by the workers (see `sendLayer`) with `params`: reading, packing,
 * computing and assembling all happen in workers. A newer call supersedes an older one (latest
 * request wins: the older rejects with an `AbortError`), and so does `signal`.
 */
export async function runHeldAnalysis(
  params: AnalysisParams,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; lean?: boolean } = {},
): Promise<SessionResult & { timing: SessionTiming & { workers: number } }> {
  const p = getPool();
  // A country: helper workers start now (their start overlaps the holder's packing; no warm-up, a
  // country's seconds of computing warm them) and end with the run, so the tab never keeps a
  // second copy of the packed data (~50 MB for 107,000 villages) while it draws the result.
  const wanted = options.lean ? COUNTRY_WORKERS : onTerrain ? TERRAIN_WORKERS : 0;
  while (p.size < wanted) p.add(coverageWorker());
  // Without terrain, a province's helper (from a run while a DEM was loaded) is not needed any more.
  if (!options.lean && !onTerrain && !p.busy) for (const helper of p.shrink(poolSize())) endWorker(helper);
  const workers = p.size;
  try {
    const result = await p.runHeld(params, { signal: options.signal, onProgress: options.onProgress, lean: options.lean });
    return { ...result, timing: { ...result.timing, workers } };
  } finally {
    // A run superseded by a newer one leaves the helpers to it.
    if (options.lean && !p.busy) for (const helper of p.shrink(poolSize())) endWorker(helper);
  }
}

/** Workers in the pool. */
export function workerCount(): number {
  return getPool().size;
}

/**
 * Has the coverage worker post its last analysis (records, packed data, measures) on `port`, so a
 * planning worker starts from it without computing it again and without the main thread copying it.
 */
export function shareAnalysis(port: MessagePort): Promise<boolean> {
  return getPool().holder.sharePlanning(transfer(port, [port]));
}

/**
 * Analyse records made on this thread in the worker pool (the benchmark page's path; the app
 * sends layers instead). A newer call supersedes an older one, and so does `signal`.
 */
export async function runAnalysis(
  input: AnalysisInput,
  params: AnalysisParams,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<GapList & { timing: RunTiming }> {
  const started = performance.now();
  const p = getPool();
  const prepared = prepareAnalysis(input, params);
  performance.measure('vunglom:prepare', { start: started });
  const computing = performance.now();
  const chunks = await p.run(prepared, {
    chunkSize: defaultChunk(prepared.villageCount, p.size),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  performance.measure('vunglom:workers', { start: computing });
  const assembling = performance.now();
  const gapList = assembleGapList(input, prepared, chunks);
  performance.measure('vunglom:assemble', { start: assembling });
  return { ...gapList, timing: { totalMs: performance.now() - started, workers: p.size } };
}

/** Stop any analysis in progress (it rejects with AbortError). */
export function cancelAnalysis(): void {
  pool?.cancel();
}
