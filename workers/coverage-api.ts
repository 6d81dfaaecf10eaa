import { releaseProxy, transfer } from 'comlink';
import { chunkTransferables, computeChunk, type ChunkResult } from '../src/core/analysis/compute-chunk.ts';
import { AnalysisSession, settlementLayer } from '../src/core/analysis/analysis-session.ts';
import type { AnalysePlan, AnalyseReport, AnalysisParams, CoverageWorkerApi, LayerSlot, LonLatRect, OpenedLayer, PreparedAnalysis, ShareResult } from './protocol.ts';
import { detachEachTypedArrayKind, runWarmUp } from '../src/core/analysis/warm-up-scene.ts';
import { defaultChunk, shareRanges } from '../src/core/analysis/worker-pool.ts';
import { placeSites } from '../src/core/unit-kpis.ts';
import { isInputError } from '../src/core/io/input-error.ts';
import { readLayer, type LayerKind } from '../src/core/io/read-layer.ts';
import type { WholeFileReason } from '../src/core/io/range-source.ts';
import { buildGapFile } from '../src/core/output/gap-file.ts';
import type { SessionResult } from '../src/core/analysis/analysis-session.ts';
import type { VillageRecord } from '../src/core/model.ts';
import { btsInRect, growRect, jsonBytes, villageBoxes, villageMarkTiles, villagesInRect } from '../src/core/analysis/session-views.ts';
import type { MarkTiles } from '../src/core/output/mark-tiles.ts';
import { openDem } from '../src/core/terrain/open-dem.ts';
import { siteTerrain } from '../src/core/terrain/site-terrain.ts';
import { demTilePng, tileMeetsDem } from '../src/core/terrain/dem-tile.ts';
import { errorMessage } from '../src/core/error-message.ts';

/** Thrown in the worker when a newer run (or `cancel`) replaced the one computing. */
function superseded(): Error {
  const error = new Error('A newer analysis replaced this one.');
  error.name = 'AbortError';
  return error;
}

/**
 * Lets messages in (a newer run, a cancel) between two ranges: a message-channel round trip,
 * which browsers do not clamp as they clamp nested timers.
 */
function yieldToMessages(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Issues of a layer sent to the page with its summary (the page lists them; the rest are counted). */
const ISSUES_TOLD = 200;

/** The reader each input slot is read with. */
const SLOT_KIND: Record<LayerSlot, LayerKind> = { villages: 'villages', bts: 'bts', fibreRoutes: 'fibre', fibrePoints: 'fibre', settlements: 'settlements' };

/** The box around village boxes (minX, minY, maxX, maxY each), null when none has a polygon. */
function extentOf(boxes: Float64Array): [number, number, number, number] | null {
  const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let o = 0; o < boxes.length; o += 4) {
    if (Number.isNaN(boxes[o])) continue;
    e[0] = Math.min(e[0], boxes[o]);
    e[1] = Math.min(e[1], boxes[o + 1]);
    e[2] = Math.max(e[2], boxes[o + 2]);
    e[3] = Math.max(e[3], boxes[o + 3]);
  }
  return e[0] <= e[2] ? e : null;
}

function provincesOf(villages: readonly VillageRecord[]): string[] {
  const names = new Set<string>();
  for (const v of villages) if (v.province && names.size < 100) names.add(v.province);
  return [...names].sort();
}

/** A result without what a lean run keeps in the worker (rows, geometries, the sites list). */
function leanResult(result: SessionResult): SessionResult {
  return { ...result, rows: [], geometries: [], sites: { ...result.sites, sites: [], siteOfRecord: new Int32Array(0) } };
}

/** Lets go of a Comlink proxy received from the page (its message channel), if it is one. */
function release(callback: unknown): void {
  const remote = callback as { [releaseProxy]?: () => void } | undefined;
  remote?.[releaseProxy]?.();
}

/** Wire the worker API to the core; shared by the browser worker and the CLI's threads. */
export function createCoverageApi(): CoverageWorkerApi {
  detachEachTypedArrayKind();
  let prepared: PreparedAnalysis | null = null;
  const session = new AnalysisSession();
  /** The run allowed to continue (a newer `analyse`/`computeShare` or a `cancel` changes it). */
  let running = 0;
  /** This worker's chunks of a multi-worker run, kept here until `assemble`. */
  let own: ChunkResult[] | null = null;

  /** Computes share `index` of `of` of `p`, yielding between ranges; throws an AbortError when superseded. */
  async function computeShare(
    p: PreparedAnalysis,
    token: number,
    share: { index: number; of: number; chunk: number },
    onProgress?: (villages: number, total: number) => void,
  ): Promise<ChunkResult[]> {
    const chunks: ChunkResult[] = [];
    for (const [start, end] of shareRanges(p.villageCount, share.chunk, share.index, share.of)) {
      await yieldToMessages();
      if (running !== token) throw superseded();
      chunks.push(computeChunk(p, start, end));
      // Not awaited: progress must never wait on a busy page.
      void onProgress?.(end - start, p.villageCount);
    }
    return chunks;
  }

  /** The dots of the last analysis as vector tiles (made on the first tile asked for). */
  let marks: { rows: readonly unknown[]; tiles: MarkTiles } | null = null;
  /** The layers being read, one after another (see `openLayer`). */
  let opening: Promise<void> = Promise.resolve();

  async function openLayer(slot: LayerSlot, origin: { url: string; rect?: LonLatRect; crs?: string; encoding?: string }): Promise<OpenedLayer> {
    let wholeFile: WholeFileReason | undefined;
    try {
      const read = await readLayer(SLOT_KIND[slot], { url: origin.url }, {
        rect: origin.rect, crs: origin.crs, encoding: origin.encoding, onWholeFile: (reason) => (wholeFile = reason),
      });
      const told = { issues: read.issues.slice(0, ISSUES_TOLD), issueCount: read.issues.length, ...(wholeFile ? { wholeFile } : {}) };
      if ('routes' in read) {
        session.setRecords(slot as 'fibreRoutes', { routes: read.routes, points: read.points });
        return { count: read.routes.length + read.points.length, ...told };
      }
      if ('columns' in read) {
        // Read as columns and packed at once: no object per point is made or kept in the worker.
        session.setRecords('settlements', settlementLayer(read.columns));
        return { count: read.columns.ids.length, ...told };
      }
      session.setRecords(slot as 'villages', read.records as never);
      if (slot !== 'villages') return { count: read.records.length, ...told };
      const villages = read.records as VillageRecord[];
      return {
        count: villages.length,
        bbox: extentOf(villageBoxes(villages)),
        provinces: provincesOf(villages),
        repaired: villages.filter((v) => (v.repairs?.length ?? 0) > 0).length,
        invalid: villages.filter((v) => v.invalidReason !== undefined).length,
        ...told,
      };
    } catch (err) {
      session.setRecords(slot, null);
      const said = wholeFile ? { wholeFile } : {};
      if (isInputError(err)) return { error: { code: err.code, message: err.message, params: err.params }, ...said };
      return { error: { code: 'unexpected', message: errorMessage(err), params: {} }, ...said };
    }
  }

  /** `analyse` without the proxy's release (see the API). */
  async function analyse(params: AnalysisParams, plan: AnalysePlan, onProgress?: (villages: number, total: number) => void): Promise<AnalyseReport> {
    const startedAt = performance.timeOrigin + performance.now();
    running = plan.token;
    own = null;
    const report = session.prepare(params);
    const current = session.prepared;
    prepared = current;
    const t0 = performance.now();
    let chunks: ChunkResult[] | null = null;
    if (report.ftthOnly) session.recomputeFtth();
    else if (!report.computed) {
      const chunk = plan.chunk > 0 ? plan.chunk : defaultChunk(report.villageCount, plan.workers);
      chunks = await computeShare(current, plan.token, { index: 0, of: plan.workers, chunk }, onProgress);
    }
    const computeMs = performance.now() - t0;
    if (plan.workers > 1 && chunks) {
      own = chunks;
      return { prepared: report, computeMs, startedAt, result: null };
    }
    const result = session.assemble(chunks);
    return { prepared: report, computeMs, startedAt, result: plan.lean ? leanResult(result) : result };
  }

  /** The last analysis, for the views and files of a lean run. */
  function last(call: string): NonNullable<AnalysisSession['lastResult']> {
    const result = session.lastResult;
    if (!result) throw new Error(`${call} called before an analysis finished: run analyse first.`);
    return result;
  }

  return {
    load(p) {
      prepared = p;
    },
    computeRange(start, end) {
      if (!prepared) throw new Error('computeRange called before load or prepare: send the prepared analysis or the layers first.');
      const result = computeChunk(prepared, start, end);
      return transfer(result, chunkTransferables(result));
    },
    warmUp() {
      // Stops at the next round once a run has asked for this worker.
      return runWarmUp({ pause: yieldToMessages, stop: () => running !== 0 });
    },
    setLayer(slot, features) {
      session.setLayer(slot, features);
    },
    layerRecords(slot) {
      return session.records(slot);
    },
    openLayer(slot, origin): Promise<OpenedLayer> {
      // One layer at a time: a country's files each make hundreds of megabytes of features on the
      // way to records, and reading them together would hold all of that at once.
      const reading = opening.then(() => openLayer(slot, origin));
      opening = reading.then(() => undefined);
      return reading;
    },
    prepare(params) {
      const report = session.prepare(params);
      prepared = session.prepared;
      return report;
    },
    preparedData() {
      return session.prepared;
    },
    postPrepared(port) {
      port.postMessage(session.prepared);
      port.close();
    },
    async loadFrom(port) {
      prepared = await new Promise<PreparedAnalysis>((resolve) => {
        port.addEventListener('message', (event: MessageEvent<PreparedAnalysis>) => resolve(event.data), { once: true });
        port.start();
      });
      port.close();
    },
    async analyse(params, plan, onProgress) {
      try {
        return await analyse(params, plan, onProgress);
      } finally {
        release(onProgress);
      }
    },
    async computeShare(token, share, onProgress): Promise<ShareResult> {
      running = token;
      try {
        if (!prepared) throw new Error('computeShare called before load: send the prepared analysis first.');
        const chunks = await computeShare(prepared, token, share, onProgress);
        return transfer(chunks, chunks.flatMap(chunkTransferables));
      } finally {
        release(onProgress);
      }
    },
    assemble(chunks, lean) {
      const mine = own ?? [];
      own = null;
      const result = session.assemble(chunks === null && mine.length === 0 ? null : [...mine, ...(chunks ?? [])]);
      return lean ? leanResult(result) : result;
    },
    cancel() {
      running = -1;
    },
    viewVillages(rect, limit) {
      const { input, gapList } = last('viewVillages');
      const { collection, total } = villagesInRect(input.villages, gapList.rows, rect, limit);
      const bytes = jsonBytes(collection);
      return transfer({ bytes, shown: collection.features.length, total }, [bytes.buffer]);
    },
    markTile(z, x, y) {
      const { input, gapList } = last('markTile');
      if (marks?.rows !== gapList.rows) marks = { rows: gapList.rows, tiles: villageMarkTiles(input.villages, gapList.rows) };
      const bytes = marks.tiles.tile(z, x, y);
      return transfer(bytes, [bytes.buffer]);
    },
    gapRows(start, end) {
      return last('gapRows').gapList.rows.slice(start, end);
    },
    villageContext(index, reachM) {
      const { input } = last('villageContext');
      const village = input.villages[index];
      if (!village) throw new Error(`There is no village ${index}: the analysis has ${input.villages.length}.`);
      const b = villageBoxes(input.villages).subarray(index * 4, index * 4 + 4);
      const bts = Number.isNaN(b[0]) ? [] : btsInRect(input.bts, growRect({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] }, reachM));
      return { geometry: village.geometry, centre: village.centre, bts };
    },
    sitePlacement() {
      const { input, gapList } = last('sitePlacement');
      const placement = placeSites(gapList.sites.sites, input.villages.map((v) => v.geometry));
      return transfer(placement, [placement.village.buffer as ArrayBuffer, placement.shared.buffer as ArrayBuffer]);
    },
    async gapFile(format, options) {
      const { input, gapList } = last('gapFile');
      const params = session.lastAnalysis?.params;
      if (!params) throw new Error('gapFile called before an analysis finished: run analyse first.');
      const file = await buildGapFile(
        { gapList, geometries: input.villages.map((v) => v.geometry), params, sources: options.sources, region: options.region },
        format,
        { gapsOnly: options.gapsOnly, crs: options.crs },
      );
      return typeof file.data === 'string' ? file : transfer(file, [file.data.buffer]);
    },
    sharePlanning(port) {
      const analysis = session.lastAnalysis;
      port.postMessage(analysis);
      return analysis !== null;
    },
    async openDem(sources) {
      const opened = await openDem(sources);
      session.setDem(opened.dem);
      return { summary: opened.summary, errors: opened.errors };
    },
    demTile(z, x, y) {
      const dem = session.elevation;
      const bytes = dem && tileMeetsDem(dem, z, x, y) ? demTilePng(dem, z, x, y) : new Uint8Array(0);
      return transfer(bytes, [bytes.buffer as ArrayBuffer]);
    },
    siteTerrain(id) {
      const result = siteTerrain(session.lastAnalysis, id);
      return result.bytes ? transfer(result, [result.bytes.buffer as ArrayBuffer]) : result;
    },
  };
}
