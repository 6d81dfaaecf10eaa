import type { AnalysisInput } from '../src/core/analysis/prepare-analysis.ts';
import type { Kpis } from '../src/core/kpis.ts';
import type { ExportCrs } from '../src/core/output/gap-file.ts';
import type { GapRow } from '../src/core/output/gap-row.ts';
import type { AnalysisParams } from '../src/core/params.ts';
import type { ProposedSite } from '../src/core/planning/incremental-analysis.ts';
import type { PlanOptions, PlanResult, PlanTarget } from '../src/core/planning/plan-operator.ts';
import type { ProposalsMetadata } from '../src/core/planning/write-proposals.ts';
import type { OptimiseProgress } from '../src/core/planning/optimise-sites.ts';
import type { SharingOpportunity } from '../src/core/sharing/sharing-opportunities.ts';

export type { AnalysisInput, AnalysisParams, GapRow, Kpis, OptimiseProgress, PlanResult, PlanTarget, ProposedSite, ProposalsMetadata, SharingOpportunity };

/** What `load` reports once the base analysis is held in the planning worker. */
export interface LoadSummary {
  villages: number;
  operators: string[];
  kpis: Kpis;
  /** Time to take the base analysis in the worker: prepare and compute it, or only index a shared one (ms). */
  ms: number;
  /** Whether the coverage worker's analysis was reused (`loadShared`) rather than computed here. */
  reused: boolean;
}

/** The analysis with the proposed sites added, as the difference from the base. */
export interface ProposeResult {
  /** Villages whose row differs from the base analysis, ascending. */
  changed: Int32Array;
  /** Their rows, in the order of `changed`. */
  rows: GapRow[];
  kpis: Kpis;
  /** Physical sites with the proposals (for per-district sharing ratios). */
  sites: { id: string; lon: number; lat: number; operators: string[] }[];
  /** Villages whose coverage was recomputed. */
  recomputed: number;
  /** Time spent in the worker (ms). */
  ms: number;
}

/** One operator's view of the base analysis (coverage by that operator alone). */
export interface OperatorViewResult {
  operator: string;
  /** Decisive measure by this operator alone per village (NaN: invalid village). */
  fraction: Float64Array;
  /** 1 when this operator alone covers the village under the rule. */
  covered: Uint8Array;
  /** For each gap village with sites that would close it if shared: the village and the site ids. */
  sharing: { village: number; sites: string[] }[];
  /** Ranked sharing opportunities (most villages, then people). */
  opportunities: SharingOpportunity[];
  /** Province-wide sharing ratio today (0–1). */
  sharingRatio: number | null;
}

/** A request to the optimiser: `PlanOptions` without the callbacks. */
export type PlanRequest = Omit<PlanOptions, 'signal' | 'onProgress'>;

/** What the proposals file is written from: the sites in order, and the plan they answer. */
export interface ExportRequest {
  sites: ProposedSite[];
  /** Kind and origin of each site ("share" on an existing site, "new"). */
  kinds: { kind: 'share' | 'new'; origin: string; hostOperators: string[] }[];
  operator: string;
  target: PlanTarget | null;
  meta: ProposalsMetadata;
  /** The file's format (default GeoJSON) and, for a shapefile, its coordinates. */
  format?: ProposalsFormat;
  crs?: ExportCrs;
}

/** The formats proposals are written in. */
export type ProposalsFormat = 'geojson' | 'fgb' | 'shp';

/** A proposals file: text (GeoJSON) or bytes, and a shapefile's coordinate system. */
export interface ProposalsFile {
  data: string | Uint8Array<ArrayBuffer>;
  crs?: string;
}

/**
 * The API of the planning worker (Comlink). The client imports this file with `import type` only.
 * Calls are answered in order; `plan` is synchronous inside the worker, so the client cancels it by
 * terminating the worker.
 */
export interface PlanningWorkerApi {
  /** Keep this analysis as the base of every later call (computed here, in one thread). */
  load(input: AnalysisInput, params: AnalysisParams): LoadSummary;
  /**
   * Keep the analysis the coverage worker posts on `port` (its records, packed data and measures,
   * sent worker to worker) as the base: nothing is computed again and the page copies nothing.
   */
  loadShared(port: MessagePort): Promise<LoadSummary>;
  /** The base with `sites` added; only the villages their footprints touch are recomputed. */
  propose(sites: ProposedSite[]): ProposeResult;
  /** Coverage by `operator` alone, the sites that would close its gaps if shared, and the ranked opportunities. */
  operatorView(operator: string): OperatorViewResult;
  /** Run the optimiser on the base plus `existing` proposed sites; `onProgress` is a Comlink proxy. */
  plan(request: PlanRequest, existing: ProposedSite[], onProgress?: (p: OptimiseProgress) => void): PlanResult;
  /** The proposals as a GeoJSON text (a valid BTS input), with the villages and people each one gains. */
  exportProposals(request: ExportRequest): ProposalsFile | Promise<ProposalsFile>;
}
