import { assembleGapList, type GapList } from './assemble-gap-list.ts';
import { mergeChunks, type ChunkResult } from './compute-chunk.ts';
import { type AnalysisInput, type PreparedAnalysis } from './prepare-analysis.ts';
import { packFootprints, type PackedFootprints } from '../coverage/packed-footprints.ts';
import { packPoints, type PackedPoints } from '../coverage/packed-points.ts';
import { packVillages, type PackedVillages } from '../coverage/packed-villages.ts';
import { pickFootprintParams } from '../params.ts';
import { computeFtth } from '../ftth/compute-ftth.ts';
import { packFibre, type PackedFibre } from '../ftth/fibre-index.ts';
import type { GeoFeature } from '../io/geojson-types.ts';
import { readBts } from '../io/read-bts.ts';
import { readFibre } from '../io/read-fibre.ts';
import { readSettlements } from '../io/read-settlements.ts';
import { readVillages } from '../io/read-villages.ts';
import type { BtsRecord, FibrePoint, FibreRoute, MultiPolygonCoords, VillageRecord } from '../model.ts';
import type { SettlementColumns } from '../settlement-columns.ts';
import type { AnalysisParams } from '../params.ts';
import { buildPopulatedPoints, type PopulatedPoints } from '../populated-points.ts';
import { buildTerrain } from '../terrain/build-terrain.ts';
import type { DemSet } from '../terrain/dem-set.ts';
import type { PackedTerrain } from '../terrain/packed-terrain.ts';
import { ProfileCache } from '../terrain/profile-cache.ts';

/**
 * The analysis state a coverage worker keeps between runs: the features of each input layer (sent
 * once by the page), the records the CLI's readers make of them, the packed data, and the computed
 * measures. A run re-reads only a layer that changed and re-packs only what the changed parameters
 * affect (footprints for radius, technologies and sectors); when only the classification changes
 * (`coverageMeasure`, `coverageThreshold`, `siteMergeM`), nothing is computed again, the gap list
 * is only assembled anew. With an elevation model, the masts' terrain profiles are kept in a cache
 * across runs: only a change of the DEM or of a terrain parameter computes them again.
 * Pure: no Comlink, runs in workers and tests.
 */

/** The input layers, as the page holds them. */
export const LAYER_SLOTS = ['villages', 'bts', 'fibreRoutes', 'fibrePoints', 'settlements'] as const;
export type LayerSlot = (typeof LAYER_SLOTS)[number];

/** What `prepare` reports: the size of the run, whether its measures are already known, and where time went. */
export interface SessionPrepared {
  villageCount: number;
  /** Identifies the packed data: workers holding the same key can compute ranges of this run. */
  preparedKey: string;
  /**
   * The measures are cached (no range needs computing): all of them for this data and
   * `ftthReachM`, or the mobile ones when only the reach changed (`recomputeFtth` then suffices).
   */
  computed: boolean;
  /** Only the FTTH reach changed since the cached measures: call `recomputeFtth` instead of computing ranges. */
  ftthOnly: boolean;
  /** What this `prepare` read or packed anew (e.g. "records:villages", "pack:footprints"); empty when all was cached. */
  rebuilt: string[];
  /** Time reading features into records, and packing them (ms, in the worker). */
  recordsMs: number;
  packMs: number;
}

/** The finished analysis as the page receives it: the gap list and each village's (repaired) geometry. */
export interface SessionResult extends GapList {
  geometries: MultiPolygonCoords[];
  /** Time assembling in the worker (ms). */
  assembleMs: number;
}

/** What a planning worker needs to start from this analysis without computing it again. */
export interface SessionAnalysis {
  input: AnalysisInput;
  params: AnalysisParams;
  prepared: PreparedAnalysis;
  chunks: ChunkResult[];
}

type Features = readonly GeoFeature[];

interface Cached<T> {
  key: string;
  value: T;
}

/** A value computed once per key; `name` is added to `rebuilt` when it is made anew. */
function cached<T>(slot: Cached<T> | null, key: string, make: () => T, name: string, rebuilt: string[]): Cached<T> {
  if (slot && slot.key === key) return slot;
  rebuilt.push(name);
  return { key, value: make() };
}


/**
 * An analysis was asked for without a layer it cannot run without (villages, BTS). Its `name`
 * survives the trip between threads, so the page can say which layer to add.
 */
export class MissingLayerError extends Error {
  override readonly name = 'MissingLayerError';
  constructor(readonly layer: 'villages' | 'bts') {
    super(`No ${layer === 'bts' ? 'BTS' : 'villages'} layer was given: the analysis needs villages and BTS sites (fibre and settlements are optional).`);
  }
}

/** A layer's records as the readers make them, settlements as columns (what `setRecords` takes for each slot). */
export interface SlotRecords {
  villages: VillageRecord[];
  bts: BtsRecord[];
  fibreRoutes: { routes: FibreRoute[]; points: FibrePoint[] };
  fibrePoints: { routes: FibreRoute[]; points: FibrePoint[] };
  /** As columns with their packed form, made as they are read (no object per point is kept). */
  settlements: SettlementLayer;
}

/** A settlement layer as the engine keeps it. */
export interface SettlementLayer {
  columns: SettlementColumns;
  packed: PackedPoints;
}

/** The settlement layer of `columns` (packing them). */
export function settlementLayer(columns: SettlementColumns): SettlementLayer {
  return { columns, packed: packPoints(columns) };
}

/** What a slot holds: the features the page sent (read at the next `prepare`), or records read in this worker. */
type Given = { features: Features } | { records: SlotRecords[LayerSlot] };

/** The state of one worker's analyses; see the module comment. */
export class AnalysisSession {
  private readonly given: Record<LayerSlot, Given | null> = {
    villages: null,
    bts: null,
    fibreRoutes: null,
    fibrePoints: null,
    settlements: null,
  };
  private readonly versions: Record<LayerSlot, number> = { villages: 0, bts: 0, fibreRoutes: 0, fibrePoints: 0, settlements: 0 };
  private villageRecords: Cached<VillageRecord[]> | null = null;
  private btsRecords: Cached<BtsRecord[]> | null = null;
  private fibreRecords: Cached<{ routes: FibreRoute[]; points: FibrePoint[] }> | null = null;
  private settlementLayer: Cached<SettlementLayer | null> | null = null;
  private packedVillages: Cached<PackedVillages> | null = null;
  private footprints: Cached<PackedFootprints> | null = null;
  private populated: Cached<PopulatedPoints> | null = null;
  private fibre: Cached<PackedFibre> | null = null;
  private dem: DemSet | null = null;
  private demVersion = 0;
  private readonly profiles = new ProfileCache();
  /** The route trials' profiles (masts without broadband), apart from the masts' own: see suggestRoutes. */
  private readonly routeProfiles = new ProfileCache();
  private terrain: Cached<PackedTerrain | null> | null = null;
  private current: { input: AnalysisInput; prepared: PreparedAnalysis; computeKey: string } | null = null;
  private measures: Cached<ChunkResult> | null = null;
  private last: SessionAnalysis | null = null;
  private lastGapList: GapList | null = null;

  /** Keep `features` as the layer `slot` (null: no such layer); what was derived from the old one is dropped at the next run. */
  setLayer(slot: LayerSlot, features: Features | null): void {
    this.give(slot, features ? { features } : null);
  }

  /**
   * Keep records already read (in this worker, from a URL or file) as the layer `slot`: the page
   * never holds the features, and `prepare` has nothing left to read.
   */
  setRecords<S extends LayerSlot>(slot: S, records: SlotRecords[S] | null): void {
    this.give(slot, records ? { records } : null);
  }

  private give(slot: LayerSlot, given: Given | null): void {
    if (!LAYER_SLOTS.includes(slot)) throw new Error(`Unknown layer "${slot}": use one of ${LAYER_SLOTS.join(', ')}.`);
    this.given[slot] = given;
    this.versions[slot]++;
  }

  /** Records of `slot`: those given, or those its features read into (null: no layer). */
  private read<S extends LayerSlot>(slot: S, reader: (table: { type: 'FeatureCollection'; features: GeoFeature[] }) => SlotRecords[S]): SlotRecords[S] | null {
    const given = this.given[slot];
    if (!given) return null;
    if ('records' in given) return given.records as SlotRecords[S];
    return reader({ type: 'FeatureCollection', features: given.features as GeoFeature[] });
  }

  /** The records kept for `slot` when they were given as records (null: none, or features still to be read). */
  records<S extends LayerSlot>(slot: S): SlotRecords[S] | null {
    const given = this.given[slot];
    return given && 'records' in given ? (given.records as SlotRecords[S]) : null;
  }

  /**
   * Keep `dem` as the elevation model (null: none): footprints are then limited by terrain. The
   * profiles of the previous model are dropped.
   */
  setDem(dem: DemSet | null): void {
    this.dem = dem;
    this.demVersion++;
    this.profiles.clear();
    this.routeProfiles.clear();
  }

  /** The elevation model given, or null. */
  get elevation(): DemSet | null {
    return this.dem;
  }

  /** Profiles computed and reused since the session began (for reports and tests). */
  get profileCounts(): { computed: number; reused: number } {
    return { computed: this.profiles.computed, reused: this.profiles.reused };
  }

  /** Whether a villages layer has been given. */
  get hasVillages(): boolean {
    return this.given.villages !== null;
  }

  /** Read (where a layer changed) and pack (where the data or the footprint parameters changed) for `params`. */
  prepare(params: AnalysisParams): SessionPrepared {
    if (!this.given.villages) throw new Error('prepare called before the villages layer was given: call setLayer or setRecords("villages", …) first.');
    // Without sites every village would be a "mobile gap" that nothing measured.
    if (!this.given.bts) throw new MissingLayerError('bts');
    const v = this.versions;
    const rebuilt: string[] = [];
    const t0 = performance.now();
    this.villageRecords = cached(this.villageRecords, `${v.villages}`, () => this.read('villages', (t) => readVillages(t).records) ?? [], 'records:villages', rebuilt);
    this.btsRecords = cached(this.btsRecords, `${v.bts}`, () => this.read('bts', (t) => readBts(t).records) ?? [], 'records:bts', rebuilt);
    this.fibreRecords = cached(this.fibreRecords, `${v.fibreRoutes}.${v.fibrePoints}`, () => {
      const routes = this.read('fibreRoutes', readFibre);
      const points = this.read('fibrePoints', readFibre);
      return { routes: [...(routes?.routes ?? []), ...(points?.routes ?? [])], points: [...(routes?.points ?? []), ...(points?.points ?? [])] };
    }, 'records:fibre', rebuilt);
    this.settlementLayer = cached(this.settlementLayer, `${v.settlements}`, () => this.read('settlements', (t) => settlementLayer(readSettlements(t).columns)), 'records+pack:settlements', rebuilt);
    const t1 = performance.now();
    const villages = this.villageRecords.value;
    const bts = this.btsRecords.value;
    const given = this.settlementLayer.value;
    const settlements = given?.columns ?? null;
    const fibre = this.fibreRecords.value;
    const footprintKey = `${v.bts}|${JSON.stringify(pickFootprintParams(params))}`;
    this.packedVillages = cached(this.packedVillages, `${v.villages}`, () => packVillages(villages), 'pack:villages', rebuilt);
    this.footprints = cached(this.footprints, footprintKey, () => packFootprints(bts, params), 'pack:footprints', rebuilt);
    const packedSettlements = given?.packed ?? null;
    this.populated = cached(this.populated, `${v.villages}.${v.settlements}`, () => buildPopulatedPoints(villages, settlements, packedSettlements), 'pack:populated', rebuilt);
    this.fibre = cached(this.fibre, this.fibreRecords.key, () => packFibre(fibre.routes, fibre.points), 'pack:fibre', rebuilt);
    const dem = this.dem;
    const terrainKey = dem ? `${footprintKey}|d${this.demVersion}|${JSON.stringify(params.terrain)}` : 'none';
    const footprints = this.footprints.value;
    this.terrain = cached(this.terrain, terrainKey, () => (dem ? buildTerrain(bts, footprints, dem, params.terrain, this.profiles) : null), 'pack:terrain', rebuilt);
    const t2 = performance.now();
    const preparedKey = `v${v.villages}s${v.settlements}f${this.fibreRecords.key}b${footprintKey}t${terrainKey}`;
    const computeKey = `${preparedKey}|${params.ftthReachM}`;
    const prepared: PreparedAnalysis = {
      villageCount: villages.length,
      params,
      villages: this.packedVillages.value,
      footprints: this.footprints.value,
      settlements: packedSettlements,
      populated: this.populated.value,
      fibre: this.fibre.value,
      terrain: this.terrain.value,
    };
    const input: AnalysisInput = { villages, bts, fibreRoutes: fibre.routes, fibrePoints: fibre.points, settlements, dem };
    this.current = { input, prepared, computeKey };
    const computed = this.measures?.key === computeKey;
    return {
      villageCount: villages.length,
      preparedKey,
      computed,
      rebuilt,
      ftthOnly: !computed && this.measures !== null && this.measures.key.startsWith(`${preparedKey}|`),
      recordsMs: t1 - t0,
      packMs: t2 - t1,
    };
  }

  /** The packed data of the last `prepare` (what every worker computes ranges of). */
  get prepared(): PreparedAnalysis {
    return this.need('prepared').prepared;
  }

  /**
   * The gap list of the last `prepare` from `chunks` (null: the measures cached for the same data
   * and reach); the measures are then kept for the next run and for planning.
   */
  assemble(chunks: readonly ChunkResult[] | null): SessionResult {
    const run = this.need('assemble');
    const t0 = performance.now();
    if (chunks?.length === 0) throw new Error('assemble needs the computed chunks: none were given and none are cached.');
    if (chunks) this.measures = { key: run.computeKey, value: mergeChunks(chunks, run.prepared.villageCount) };
    if (!this.measures || this.measures.key !== run.computeKey) {
      throw new Error('assemble was called without chunks, and none are cached for this data: compute the ranges first.');
    }
    const merged = this.measures.value;
    const gapList = assembleGapList(run.input, run.prepared, [merged], { routeProfiles: this.routeProfiles });
    this.lastGapList = gapList;
    this.last = { input: run.input, params: run.prepared.params, prepared: run.prepared, chunks: [merged] };
    return { ...gapList, geometries: run.input.villages.map((r) => r.geometry), assembleMs: performance.now() - t0 };
  }

  /**
   * After a `prepare` that reported `ftthOnly`: the FTTH measures for the new reach, over the cached
   * mobile ones (the footprints did not change, so neither did they).
   */
  recomputeFtth(): void {
    const run = this.need('recomputeFtth');
    const cachedMeasures = this.measures;
    if (!cachedMeasures || !cachedMeasures.key.startsWith(`${run.computeKey.slice(0, run.computeKey.lastIndexOf('|'))}|`)) {
      throw new Error('recomputeFtth needs the mobile measures of the same data: compute the ranges instead.');
    }
    const p = run.prepared;
    const ftth = computeFtth(p.populated, p.fibre, { start: 0, end: p.villageCount }, { reachM: p.params.ftthReachM });
    this.measures = { key: run.computeKey, value: { ...cachedMeasures.value, ftth } };
  }

  /** The records and gap list of the last assembly (what the views of a large set are drawn from), or null before it. */
  get lastResult(): { input: AnalysisInput; gapList: GapList } | null {
    return this.last && this.lastGapList ? { input: this.last.input, gapList: this.lastGapList } : null;
  }

  /** The last assembled analysis (for the planning worker), or null before the first. */
  get lastAnalysis(): SessionAnalysis | null {
    return this.last;
  }

  private need(call: string): NonNullable<AnalysisSession['current']> {
    if (!this.current) throw new Error(`${call} called before prepare: call prepare(params) first.`);
    return this.current;
  }
}
