import { assembleGapList, type GapList } from '../analysis/assemble-gap-list.ts';
import { computeChunk, mergeChunks, type ChunkResult } from '../analysis/compute-chunk.ts';
import { prepareAnalysis, type AnalysisInput, type PreparedAnalysis } from '../analysis/prepare-analysis.ts';
import { computeMobileCoverage } from '../coverage/compute-mobile-coverage.ts';
import { allocateCoverageResult, type MobileCoverageResult } from '../coverage/coverage-result.ts';
import { NearestSiteFinder } from '../coverage/nearest-site.ts';
import { FOOTPRINT_STRIDE, FP_LAT, FP_LON, FP_RADIUS, packFootprints } from '../coverage/packed-footprints.ts';
import type { Kpis } from '../kpis.ts';
import type { BtsRecord, Tech } from '../model.ts';
import type { GapRow } from '../output/gap-row.ts';
import type { AnalysisParams } from '../params.ts';
import { operatorSlug } from './candidates.ts';
import { diskBox } from '../geo/lonlat-box.ts';
import { buildVillageGeometry, type VillageGeometry } from './village-geometry.ts';
import { buildTerrain } from '../terrain/build-terrain.ts';
import { reviveDem, type DemSet } from '../terrain/dem-set.ts';
import { ProfileCache } from '../terrain/profile-cache.ts';

/** A site placed by the user (or proposed by the optimiser): one mast, one or more operators on it. */
export interface ProposedSite {
  /** Physical site id; an existing site's id makes the proposal a share of that site. Default: generated. */
  siteId?: string;
  lon: number;
  lat: number;
  operators: string[];
  tech: Tech;
  /** Default: the parameters' radius for `tech`. */
  radiusM?: number | null;
  /** Sectors (azimuth clockwise from north, full beamwidth); none: an omnidirectional disk. */
  sectors?: { azimuthDeg: number; beamwidthDeg: number }[];
  /** Antenna height above ground (m). Default: the parameters' height for `tech`. */
  heightM?: number | null;
}

/** The BTS records of proposed sites: one per operator and sector, ids `<siteId>-<operator>[-s<k>]`. */
export function proposedSiteRecords(sites: readonly ProposedSite[], params: AnalysisParams): BtsRecord[] {
  const out: BtsRecord[] = [];
  sites.forEach((s, n) => {
    if (!Number.isFinite(s.lon) || !Number.isFinite(s.lat) || Math.abs(s.lon) > 180 || Math.abs(s.lat) > 90) {
      throw new Error(`Proposed site ${n + 1} is at (${s.lon}, ${s.lat}), which is not a longitude/latitude.`);
    }
    if (s.operators.length === 0) throw new Error(`Proposed site ${n + 1} has no operator: name at least one.`);
    const radius = s.radiusM ?? params.radiusM[s.tech];
    if (!(radius > 0)) throw new Error(`Proposed site ${n + 1} has radius ${radius} m: give a positive radius.`);
    const siteId = s.siteId ?? `proposed-${n + 1}`;
    const height = s.heightM ?? params.terrain.antennaHeightM[s.tech];
    if (!(height > 0)) throw new Error(`Proposed site ${n + 1} has antenna height ${height} m: give a positive height.`);
    const sectors = s.sectors && s.sectors.length > 0 ? s.sectors : [null];
    for (const op of s.operators) {
      sectors.forEach((sec, k) => {
        out.push({
          id: `${siteId}-${operatorSlug(op)}${sec ? `-s${k + 1}` : ''}`,
          siteId,
          operator: op,
          tech: s.tech,
          lon: s.lon,
          lat: s.lat,
          radiusM: radius,
          azimuthDeg: sec ? sec.azimuthDeg : null,
          beamwidthDeg: sec ? sec.beamwidthDeg : null,
          heightM: height,
          bandMhz: null,
          source: 'predicted',
        });
      });
    }
  });
  return out;
}

export interface IncrementalResult {
  /** Villages whose row changed (coverage recomputed, or a nearer site), ascending. */
  changed: number[];
  /** Their new rows, in the order of `changed`. */
  rows: GapRow[];
  /** The whole gap list with the proposals (rows of unchanged villages are the base rows' values). */
  gapList: GapList;
  kpis: Kpis;
  /** Villages whose mobile coverage was recomputed (those the proposals' footprints touch). */
  recomputed: number;
}

/**
 * A base analysis kept in memory so that proposed sites recompute only the villages their
 * footprints touch (a Flatbush over village boxes): their mobile coverage is computed again with the
 * proposals added, FTTH is unchanged, every other village keeps its numbers except a nearer
 * `nearest_bts_m`, and the gap list and KPIs (sharing ratio included) are assembled again.
 * With an elevation model the proposals get terrain footprints too (only a new mast is profiled:
 * the others come from the analysis' profiles).
 * Pure and synchronous: the app can hold one in a worker and call `propose` on every click.
 */
export class IncrementalAnalysis {
  readonly prepared: PreparedAnalysis;
  readonly base: GapList;
  private readonly chunk: ChunkResult;
  private readonly geom: VillageGeometry;
  private readonly dem: DemSet | null;
  private readonly profiles = new ProfileCache();
  /** The route trials' profiles, kept across proposals apart from the masts' own (see suggestRoutes). */
  private readonly routeProfiles = new ProfileCache();

  constructor(
    readonly input: AnalysisInput,
    readonly params: AnalysisParams,
    computed?: { prepared: PreparedAnalysis; chunks: readonly ChunkResult[]; geometry?: VillageGeometry },
  ) {
    this.dem = reviveDem(input.dem);
    if (this.dem && computed?.prepared.terrain) this.profiles.seed(this.dem, params.terrain, computed.prepared.terrain);
    this.prepared = computed?.prepared ?? prepareAnalysis({ ...input, dem: this.dem }, params, { profiles: this.profiles });
    const chunks = computed?.chunks ?? [computeChunk(this.prepared, 0, this.prepared.villageCount)];
    this.chunk = mergeChunks(chunks, this.prepared.villageCount);
    this.base = assembleGapList(input, this.prepared, [this.chunk], { routeProfiles: this.routeProfiles });
    this.geom = computed?.geometry ?? buildVillageGeometry(this.prepared.villages, this.prepared.settlements, this.prepared.populated.nobody);
  }

  /** The analysis with `sites` added (all proposals at once; an empty list gives the base back). */
  propose(sites: readonly ProposedSite[]): IncrementalResult {
    const { input, params, prepared, geom } = this;
    const added = proposedSiteRecords(sites, params);
    const bts = [...input.bts, ...added];
    const footprints = packFootprints(bts, params);
    const terrain = this.dem ? buildTerrain(bts, footprints, this.dem, params.terrain, this.profiles) : null;
    const own = packFootprints(added, params);
    const touched = new Set<number>();
    const box = new Float64Array(4);
    if (geom.index) {
      for (let f = 0; f < own.count; f++) {
        const o = f * FOOTPRINT_STRIDE;
        diskBox(own.data[o + FP_LON], own.data[o + FP_LAT], own.data[o + FP_RADIUS], box);
        for (const v of geom.index.search(box[0], box[1], box[2], box[3])) touched.add(v);
      }
    }
    const base = this.chunk;
    const nOps = footprints.operators.length;
    const mobile = widen(base.mobile, nOps);
    for (const v of touched) {
      const r = computeMobileCoverage(prepared.villages, footprints, prepared.settlements, { start: v, end: v + 1 }, { terrain });
      copyRow(r, 0, mobile, v);
    }
    const changed = new Set(touched);
    if (own.siteIndex) {
      const finder = new NearestSiteFinder(own.sites, own.siteIndex);
      for (let v = 0; v < geom.count; v++) {
        if (touched.has(v) || !geom.valid[v]) continue;
        const d = finder.distance(geom.centre[v * 2], geom.centre[v * 2 + 1]);
        if (d < mobile.nearestBtsM[v]) {
          mobile.nearestBtsM[v] = d;
          changed.add(v);
        }
      }
    }
    const gapList = assembleGapList({ ...input, bts }, { ...prepared, footprints, terrain }, [{ start: 0, end: base.end, mobile, ftth: base.ftth }], { routeProfiles: this.routeProfiles });
    const list = [...changed].sort((a, b) => a - b);
    return { changed: list, rows: list.map((v) => gapList.rows[v]), gapList, kpis: gapList.kpis, recomputed: touched.size };
  }
}

/** A copy of `r` with `nOps` operator columns (new columns zero: the base footprints have none of them). */
function widen(r: MobileCoverageResult, nOps: number): MobileCoverageResult {
  const n = r.end - r.start;
  const out = allocateCoverageResult(r.start, r.end, nOps, r.techCount, { terrain: r.terrain !== null });
  for (let i = 0; i < n; i++) copyRow(r, i, out, i);
  return out;
}

/** Copy row `i` of `from` into row `j` of `to` (operator columns by index; `to` may have more). */
function copyRow(from: MobileCoverageResult, i: number, to: MobileCoverageResult, j: number): void {
  to.areaFraction[j] = from.areaFraction[i];
  to.popFraction[j] = from.popFraction[i];
  to.centreCovered[j] = from.centreCovered[i];
  to.nearestBtsM[j] = from.nearestBtsM[i];
  const a = from.operatorCount;
  const b = to.operatorCount;
  for (let o = 0; o < b; o++) {
    const src = o < a ? i * a + o : -1;
    to.byOperator[j * b + o] = src >= 0 ? from.byOperator[src] : Number.isNaN(from.areaFraction[i]) ? NaN : 0;
    to.popByOperator[j * b + o] = src >= 0 ? from.popByOperator[src] : Number.isNaN(from.areaFraction[i]) ? NaN : 0;
    to.centreByOperator[j * b + o] = src >= 0 ? from.centreByOperator[src] : 0;
  }
  const t = to.techCount;
  for (let k = 0; k < t; k++) {
    to.byTech[j * t + k] = from.byTech[i * t + k];
    to.popByTech[j * t + k] = from.popByTech[i * t + k];
    to.centreByTech[j * t + k] = from.centreByTech[i * t + k];
  }
  if (to.terrain && from.terrain) {
    to.terrain.diskArea[j] = from.terrain.diskArea[i];
    to.terrain.diskPop[j] = from.terrain.diskPop[i];
    to.terrain.diskCentre[j] = from.terrain.diskCentre[i];
    to.terrain.model[j] = from.terrain.model[i];
  }
}
