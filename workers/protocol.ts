import type { ChunkResult } from '../src/core/analysis/compute-chunk.ts';
import type { PreparedAnalysis } from '../src/core/analysis/prepare-analysis.ts';
import type { GeoFeature } from '../src/core/io/geojson-types.ts';
import type { AnalysisParams } from '../src/core/params.ts';
import type { SitePlacement } from '../src/core/unit-kpis.ts';
import type { InputErrorCode, InputErrorParams } from '../src/core/io/input-error.ts';
import type { BtsRecord, InputIssue, MultiPolygonCoords, Position } from '../src/core/model.ts';
import type { WholeFileReason } from '../src/core/io/range-source.ts';
import type { GapFormat } from '../src/core/output/gap-formats.ts';
import type { ExportCrs, GapFile, InputSource } from '../src/core/output/gap-file.ts';
import type { GapRow } from '../src/core/output/gap-row.ts';
import type { LayerSlot, SessionAnalysis, SessionPrepared, SessionResult, SlotRecords } from '../src/core/analysis/analysis-session.ts';
import type { LonLatRect } from '../src/core/analysis/session-views.ts';
import type { DemSummary } from '../src/core/terrain/dem-set.ts';
import type { DemFileError, DemSource } from '../src/core/terrain/open-dem.ts';
import type { AnalysePlan, AnalyseReport } from '../src/core/analysis/worker-pool.ts';

export type { DemFileError, DemSource, DemSummary };
export type { AnalysePlan, AnalyseReport, AnalysisParams, ChunkResult, GapFile, GapRow, GeoFeature, InputSource, LayerSlot, LonLatRect, PreparedAnalysis, SessionAnalysis, SessionPrepared, SessionResult, SitePlacement, SlotRecords };

/**
 * The one API of a coverage worker, in the browser (Web Worker) and in the CLI (worker_threads),
 * both through Comlink. Clients import this file with `import type` only.
 *
 * Two ways to run: the CLI packs on its side and sends the result (`load`, then `computeRange`);
 * the app sends each layer's features once (`setLayer`) and lets the worker read, pack and keep
 * them (`prepare`, `computeRange`, `assemble`), so the main thread does none of it.
 */
export interface CoverageWorkerApi {
  /** Take a prepared analysis (copied into this worker); later ranges refer to it. */
  load(prepared: PreparedAnalysis): void;
  /** Compute villages `start … end - 1` of the loaded analysis; result buffers are transferred back. */
  computeRange(start: number, end: number): ChunkResult;
  /**
   * Run the synthetic warm-up scene (the JIT optimises the hot code before real data comes), a round
   * at a time, ending early when a run comes; its time in ms.
   */
  warmUp(): Promise<number>;
  /** Keep `features` as input layer `slot` (null: none); records and packed data follow at the next `prepare`. */
  setLayer(slot: LayerSlot, features: GeoFeature[] | null): void;
  /**
   * Read input layer `slot` from `origin.url` (FlatGeobuf by `origin.rect` over range requests,
   * else the whole file in one request) into records kept here: the page never holds the features.
   * Layers are read one after another. A file that cannot be read leaves the slot empty and comes
   * back as `error`.
   */
  openLayer(slot: LayerSlot, origin: { url: string; rect?: LonLatRect; crs?: string; encoding?: string }): Promise<OpenedLayer>;
  /**
   * The records read into input layer `slot` (null: none), for the page to draw a province from
   * what the analysis reads (one read, one answer).
   */
  layerRecords<S extends LayerSlot>(slot: S): SlotRecords[S] | null;
  /** Read and pack what changed for `params`; ranges then refer to this analysis. */
  prepare(params: AnalysisParams): SessionPrepared;
  /** The packed data of the last `prepare`, for other workers of the pool (`load`). */
  preparedData(): PreparedAnalysis;
  /**
   * Post the packed data of the last `prepare` on `port` (to another worker's `loadFrom`): it goes
   * from worker to worker, never through the page's thread.
   */
  postPrepared(port: MessagePort): void;
  /** Take the packed data posted on `port` by another worker's `postPrepared`, as `load` does. */
  loadFrom(port: MessagePort): Promise<void>;
  /**
   * The app's run in one call: prepare for `params`, compute this worker's share of the ranges
   * (all of them when `plan.workers` is 1) and, alone, assemble. Ranges follow one another inside
   * the worker, so a busy page (a long map frame) never leaves it waiting; `onProgress` (a Comlink
   * proxy: an argument of its own, as Comlink passes only those) hears of each range, unawaited. A newer `analyse`/`computeShare` or `cancel` stops it between two ranges (AbortError).
   */
  analyse(params: AnalysisParams, plan: AnalysePlan, onProgress?: (villages: number, total: number) => void): Promise<AnalyseReport>;
  /** Another worker's share of a run of the data last given to `load`; the chunks are transferred back. */
  computeShare(token: number, share: { index: number; of: number; chunk: number }, onProgress?: (villages: number, total: number) => void): Promise<ShareResult>;
  /** The gap list from this worker's kept share plus `chunks` (transferred in), or from the cached measures when both are empty. */
  assemble(chunks: ChunkResult[] | null, lean?: boolean): SessionResult;
  /** Stop the run in progress at its next range. */
  cancel(): void;
  /** The villages of the last analysis meeting `rect` (at most `limit`), as GeoJSON bytes (transferred) for the map. */
  viewVillages(rect: LonLatRect, limit: number): { bytes: Uint8Array; shown: number; total: number };
  /** Vector tile `z/x/y` of the last analysis's villages as dots with their gap class (bytes transferred; empty where none). */
  markTile(z: number, x: number, y: number): Uint8Array;
  /** Rows `start … end - 1` of the last analysis's gap list (a lean run hands them over page by page). */
  gapRows(start: number, end: number): GapRow[];
  /** What the details of village `index` need from a lean run: its geometry, declared centre, and the sites within `reachM` of it. */
  villageContext(index: number, reachM: number): { geometry: MultiPolygonCoords; centre: Position | null; bts: BtsRecord[] };
  /** Where the last analysis's physical sites stand (village index, −1 outside) and which are shared: the page groups them by administrative unit. */
  sitePlacement(): SitePlacement;
  /** The last analysis's gap list file (GeoJSON, CSV, FlatGeobuf or zipped shapefile; bytes transferred), built here; the page only downloads it. */
  gapFile(format: GapFormat, options: { gapsOnly: boolean; sources: InputSource[]; region: string; crs?: ExportCrs }): Promise<GapFile>;
  /** Post the last assembled analysis (records, packed data, measures) on `port` (null when there is none yet, then false), for a planning worker. */
  sharePlanning(port: MessagePort): boolean;
  /**
   * Read elevation files (bytes transferred in, or URLs fetched here) as the elevation model of the
   * next runs; an empty list removes it. Files that cannot be read are named with their reason.
   */
  openDem(sources: DemSource[]): Promise<DemOpenedReport>;
  /** Web-mercator tile z/x/y of the elevation model as a Terrarium PNG (empty when there is none or the tile is off it). */
  demTile(z: number, x: number, y: number): Uint8Array;
  /** The terrain footprint of the BTS record `id` of the last analysis: its status and, when terrain cuts it, where it reaches and its shadows (GeoJSON bytes). */
  siteTerrain(id: string): SiteTerrain;
}

/** What opening elevation files gave: the model's summary (null: none could be read) and the files refused. */
export interface DemOpenedReport {
  summary: DemSummary | null;
  errors: DemFileError[];
}

/**
 * A site's terrain footprint: `none` no elevation model, `not-broadband` the record makes no
 * footprint, `clear` terrain hides nothing within its radius, `shadowed` it does (`bytes` holds the
 * reached and shadow MultiPolygons), `outside-dem` / `dem-voids` it keeps its disk.
 */
export interface SiteTerrain {
  status: 'none' | 'not-broadband' | 'clear' | 'shadowed' | 'outside-dem' | 'dem-voids';
  /** Share of the disk or sector that terrain hides (null when not profiled). */
  hidden: number | null;
  bytes: Uint8Array | null;
}

/** What a layer read in the worker holds; for villages also their extent and provinces (the page names and frames the set by them). */
export interface OpenedSummary {
  count: number;
  bbox?: [number, number, number, number] | null;
  /** Distinct province names, sorted (at most 100). */
  provinces?: string[];
  /** Villages whose polygon was repaired, and villages kept as invalid. */
  repaired?: number;
  invalid?: number;
  /** The first rows the reader skipped or changed (with their line or feature number), and how many in all. */
  issues: InputIssue[];
  issueCount: number;
  /** Set when the server could not answer range requests and the file was read whole, with why. */
  wholeFile?: WholeFileReason;
}

/** What `openLayer` read: the number of records, or why the file could not be read. */
export type OpenedLayer =
  | OpenedSummary
  | { error: { code: InputErrorCode | 'unexpected'; message: string; params: InputErrorParams }; wholeFile?: WholeFileReason };

/** The chunks of one worker's share. */
export type ShareResult = ChunkResult[];
