import type { ConformalFrame } from '../geo/conformal-frame.ts';
import type { MobileCoverageResult } from '../coverage/coverage-result.ts';
import type { PackedFootprints } from '../coverage/packed-footprints.ts';
import type { PlanarPolygon } from '../coverage/planar-polygon.ts';
import { TERRAIN_CLEAR, TERRAIN_OUTSIDE, TERRAIN_SHADOWED, TERRAIN_VOIDS, type PackedTerrain } from './packed-terrain.ts';
import { PolarRegions } from './polar-regions.ts';
import { TerrainUnionArea } from './terrain-union-area.ts';
import { MeasureKey, threadTerrainMemo, type TerrainMeasureMemo } from './terrain-measure-memo.ts';

/** Per-village flags of how its footprints were modelled (bits of `TerrainColumns.model` in coverage-result.ts). */
/** At least one footprint near the village was checked against the DEM. */
export const MODEL_TERRAIN = 1;
/** At least one footprint near the village fell back to its disk (outside the DEM or over voids). */
export const MODEL_DISK_FALLBACK = 2;
/** At least one footprint near the village is cut by terrain (the village was measured on terrain footprints). */
export const MODEL_SHADOWED = 4;

/** The MODEL_* bits of a village from the statuses of the footprints near it. */
export function modelBits(terrain: PackedTerrain, candidates: ArrayLike<number>): number {
  let bits = 0;
  for (let k = 0; k < candidates.length; k++) {
    const s = terrain.status[candidates[k]];
    if (s === TERRAIN_CLEAR) bits |= MODEL_TERRAIN;
    else if (s === TERRAIN_SHADOWED) bits |= MODEL_TERRAIN | MODEL_SHADOWED;
    else if (s === TERRAIN_OUTSIDE || s === TERRAIN_VOIDS) bits |= MODEL_DISK_FALLBACK;
  }
  return bits;
}

/**
 * The mobile measures of one village on terrain footprints: area fractions (exact over the polar
 * regions, see TerrainUnionArea), settlement-weight fractions and the centre, for everyone, per
 * operator and per technology. Writes over the row of `out` that the disk engine filled.
 */
export class TerrainVillageCoverage {
  private readonly regions = new PolarRegions();
  private readonly union = new TerrainUnionArea();
  private mask = new Uint32Array(1);
  private hit = new Uint32Array(1);
  private readonly memo = new Map<string, number>();
  private readonly key = new MeasureKey();
  /** What the regions are cut to (see `measure`). */
  private readonly box = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  private values = new Float64Array(8);

  /** @param measures where villages already measured are kept and looked up (default: this thread's). */
  constructor(private readonly measures: TerrainMeasureMemo = threadTerrainMemo) {}

  /**
   * @param candidates footprints whose boxes meet the village's
   * @param points settlement points of the village in its frame (stride 2) with their weights; none: population spread over the area
   * @param centre the centre in the frame
   */
  measure(
    poly: PlanarPolygon,
    frame: ConformalFrame,
    fp: PackedFootprints,
    terrain: PackedTerrain,
    candidates: ArrayLike<number>,
    points: { xy: Float64Array; weight: Float64Array; count: number },
    centre: Float64Array,
    out: MobileCoverageResult,
    row: number,
  ): void {
    const regions = this.regions;
    // The regions are cut to the village's box and its centre, which may lie outside the polygon (a
    // declared centre): cut to the polygon's box alone, a radius reaching past it was stored as the
    // box's farthest corner, and a centre beyond that corner was judged out of reach.
    const box = this.box;
    box.minX = Math.min(poly.minX, centre[0]);
    box.minY = Math.min(poly.minY, centre[1]);
    box.maxX = Math.max(poly.maxX, centre[0]);
    box.maxY = Math.max(poly.maxY, centre[1]);
    regions.clear(terrain, box);
    for (let k = 0; k < candidates.length; k++) regions.addFootprint(fp, candidates[k], frame);
    const nOps = out.operatorCount;
    const nTechs = out.techCount;
    this.key.build(poly, regions, fp, candidates, points, centre, { operators: nOps, techs: nTechs });
    const hash = this.key.hash();
    const known = this.measures.get(this.key, hash);
    if (known) {
      writeRow(known, out, row);
      return;
    }
    this.measureRegions(poly, candidates, fp, points, centre, out, row);
    this.measures.set(this.key, hash, this.readRow(out, row));
  }

  /** The measures of the regions built by `measure`. */
  private measureRegions(
    poly: PlanarPolygon,
    candidates: ArrayLike<number>,
    fp: PackedFootprints,
    points: { xy: Float64Array; weight: Float64Array; count: number },
    centre: Float64Array,
    out: MobileCoverageResult,
    row: number,
  ): void {
    const regions = this.regions;
    const words = Math.max(1, Math.ceil(regions.count / 32));
    if (this.mask.length < words) {
      this.mask = new Uint32Array(words);
      this.hit = new Uint32Array(words);
    }
    this.union.prepare(poly, regions);
    this.memo.clear();
    const nOps = out.operatorCount;
    const nTechs = out.techCount;
    const all = this.area(candidates, fp, -1, -1, words, poly);
    out.areaFraction[row] = all;
    for (let op = 0; op < nOps; op++) out.byOperator[row * nOps + op] = all > 0 ? this.area(candidates, fp, op, -1, words, poly) : 0;
    for (let t = 0; t < nTechs; t++) out.byTech[row * nTechs + t] = all > 0 ? this.area(candidates, fp, -1, t, words, poly) : 0;
    // Centre and settlement points: which regions hold them, then per operator and technology.
    this.pointHits(centre[0], centre[1], words);
    const centreAll = this.anyHit(words);
    out.centreCovered[row] = centreAll ? 1 : 0;
    for (let op = 0; op < nOps; op++) out.centreByOperator[row * nOps + op] = this.hitsSubset(candidates, fp, op, -1) ? 1 : 0;
    for (let t = 0; t < nTechs; t++) out.centreByTech[row * nTechs + t] = this.hitsSubset(candidates, fp, -1, t) ? 1 : 0;
    if (points.count === 0) {
      out.popFraction[row] = out.areaFraction[row];
      for (let k = row * nOps; k < (row + 1) * nOps; k++) out.popByOperator[k] = out.byOperator[k];
      for (let k = row * nTechs; k < (row + 1) * nTechs; k++) out.popByTech[k] = out.byTech[k];
      return;
    }
    let total = 0;
    let covered = 0;
    const opW = new Float64Array(nOps);
    const techW = new Float64Array(nTechs);
    for (let i = 0; i < points.count; i++) {
      const w = points.weight[i];
      total += w;
      this.pointHits(points.xy[2 * i], points.xy[2 * i + 1], words);
      if (!this.anyHit(words)) continue;
      covered += w;
      for (let op = 0; op < nOps; op++) if (this.hitsSubset(candidates, fp, op, -1)) opW[op] += w;
      for (let t = 0; t < nTechs; t++) if (this.hitsSubset(candidates, fp, -1, t)) techW[t] += w;
    }
    out.popFraction[row] = covered / total;
    for (let op = 0; op < nOps; op++) out.popByOperator[row * nOps + op] = opW[op] / total;
    for (let t = 0; t < nTechs; t++) out.popByTech[row * nTechs + t] = techW[t] / total;
  }

  /** The measures `measure` writes in `row` of `out`, in `writeRow`'s order. */
  private readRow(out: MobileCoverageResult, row: number): Float64Array {
    const nOps = out.operatorCount;
    const nTechs = out.techCount;
    const size = 3 + 3 * nOps + 3 * nTechs;
    if (this.values.length !== size) this.values = new Float64Array(size);
    const v = this.values;
    let i = 0;
    v[i++] = out.areaFraction[row];
    v[i++] = out.centreCovered[row];
    v[i++] = out.popFraction[row];
    for (let k = row * nOps; k < (row + 1) * nOps; k++) {
      v[i++] = out.byOperator[k];
      v[i++] = out.centreByOperator[k];
      v[i++] = out.popByOperator[k];
    }
    for (let k = row * nTechs; k < (row + 1) * nTechs; k++) {
      v[i++] = out.byTech[k];
      v[i++] = out.centreByTech[k];
      v[i++] = out.popByTech[k];
    }
    return v;
  }

  /** Area fraction of the regions of footprints of operator `op` (−1 any) and technology `tech` (−1 any). */
  private area(candidates: ArrayLike<number>, fp: PackedFootprints, op: number, tech: number, words: number, poly: PlanarPolygon): number {
    const mask = this.mask;
    mask.fill(0, 0, words);
    let any = false;
    for (let k = 0; k < candidates.length; k++) {
      const f = candidates[k];
      if ((op >= 0 && fp.operator[f] !== op) || (tech >= 0 && fp.tech[f] !== tech)) continue;
      const q = this.regions.regionOfFootprint[k];
      mask[q >>> 5] |= 1 << (q & 31);
      any = true;
    }
    if (!any) return 0;
    const key = Array.prototype.join.call(mask.subarray(0, words), ',');
    const have = this.memo.get(key);
    if (have !== undefined) return have;
    const value = this.union.area(mask) / poly.area;
    this.memo.set(key, value);
    return value;
  }

  /** Sets `hit` to the regions containing (x, y). */
  private pointHits(x: number, y: number, words: number): void {
    this.hit.fill(0, 0, words);
    for (let q = 0; q < this.regions.count; q++) if (this.regions.contains(q, x, y)) this.hit[q >>> 5] |= 1 << (q & 31);
  }

  private anyHit(words: number): boolean {
    for (let k = 0; k < words; k++) if (this.hit[k]) return true;
    return false;
  }

  /** Whether a footprint of operator `op` / technology `tech` has its region in `hit`. */
  private hitsSubset(candidates: ArrayLike<number>, fp: PackedFootprints, op: number, tech: number): boolean {
    for (let k = 0; k < candidates.length; k++) {
      const f = candidates[k];
      if ((op >= 0 && fp.operator[f] !== op) || (tech >= 0 && fp.tech[f] !== tech)) continue;
      const q = this.regions.regionOfFootprint[k];
      if ((this.hit[q >>> 5] >>> (q & 31)) & 1) return true;
    }
    return false;
  }
}

/** Writes measures read by `readRow` into `row` of `out`. */
function writeRow(v: Float64Array, out: MobileCoverageResult, row: number): void {
  const nOps = out.operatorCount;
  const nTechs = out.techCount;
  let i = 0;
  out.areaFraction[row] = v[i++];
  out.centreCovered[row] = v[i++];
  out.popFraction[row] = v[i++];
  for (let k = row * nOps; k < (row + 1) * nOps; k++) {
    out.byOperator[k] = v[i++];
    out.centreByOperator[k] = v[i++];
    out.popByOperator[k] = v[i++];
  }
  for (let k = row * nTechs; k < (row + 1) * nTechs; k++) {
    out.byTech[k] = v[i++];
    out.centreByTech[k] = v[i++];
    out.popByTech[k] = v[i++];
  }
}
