import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { ConformalFrame } from '../geo/conformal-frame.ts';
import { allocateCoverageResult } from './coverage-result.ts';
import type { MobileCoverageResult } from './coverage-result.ts';
import { NearestSiteFinder } from './nearest-site.ts';
import { centreInFrame } from './village-centre.ts';
import type { PackedFootprints } from './packed-footprints.ts';
import type { PackedPoints } from './packed-points.ts';
import { growToDeclaredCentre, villageBox, type PackedVillages } from './packed-villages.ts';
import { PlanarPolygon } from './planar-polygon.ts';
import { ShapeBuffer } from './shapes.ts';
import { UnionAreaCalculator } from './union-area.ts';
import type { PackedTerrain } from '../terrain/packed-terrain.ts';
import { MODEL_SHADOWED, modelBits, TerrainVillageCoverage } from '../terrain/terrain-coverage.ts';

export interface VillageRange {
  /** First village index (inclusive). */
  start: number;
  /** Last village index (exclusive). */
  end: number;
}

export interface ComputeMobileOptions {
  /** Measure the distance to the nearest broadband site (default true). */
  nearestBts?: boolean;
  /** Call `onProgress` every this many villages (default 256). */
  progressEvery?: number;
  /**
   * Terrain footprints of `footprints` (from an elevation model). Villages near a footprint cut by
   * terrain are then measured on terrain footprints, and the result carries the plain-disk measures
   * beside them; without it (or far from any shadow) the disk engine's numbers stand, bit for bit.
   */
  terrain?: PackedTerrain | null;
}

/** Degrees added around a village's lon/lat box: its edges are geodesics, which bow out by millimetres. */
const BOX_PAD_DEG = 1e-6;

/**
 * Mobile coverage of villages `range.start .. range.end`: area fraction (exact, by Green's theorem in
 * a conformal frame centred on each village), population fraction over settlement points, centre
 * covered, the same per operator and per technology, and the distance to the nearest broadband site.
 * Pure and synchronous: a worker pool splits the villages into ranges and calls this per range.
 */
export function computeMobileCoverage(
  villages: PackedVillages,
  footprints: PackedFootprints,
  settlements: PackedPoints | null,
  range: VillageRange,
  options: ComputeMobileOptions = {},
  onProgress?: (done: number, total: number) => void,
): MobileCoverageResult {
  const { start, end } = range;
  if (!(start >= 0 && end <= villages.count && start <= end) || !Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`Village range [${start}, ${end}) is not inside [0, ${villages.count}): pass integer bounds with start ≤ end.`);
  }
  const engine = new VillageCoverageEngine(villages, footprints, settlements, options);
  const result = allocateCoverageResult(start, end, footprints.operators.length, footprints.techs.length, { terrain: Boolean(options.terrain) });
  const every = Math.max(1, options.progressEvery ?? 256);
  for (let v = start; v < end; v++) {
    engine.compute(v, result, v - start);
    if (onProgress && ((v - start + 1) % every === 0 || v + 1 === end)) onProgress(v - start + 1, end - start);
  }
  return result;
}

/** Per-village state and buffers, reused from one village to the next. */
class VillageCoverageEngine {
  private readonly frame = new ConformalFrame(0, 0);
  private readonly poly = new PlanarPolygon();
  private readonly shapes = new ShapeBuffer();
  private readonly calc = new UnionAreaCalculator();
  private readonly index: Flatbush | null;
  private readonly pointIndex: KDBush | null;
  private readonly nearest: NearestSiteFinder | null;
  private subset = new Int32Array(64);
  private readonly memo: { key: Int32Array; value: number }[] = [];
  private readonly centre = new Float64Array(2);
  private readonly centreLonLat = new Float64Array(2);
  private readonly box = new Float64Array(4);
  /** The box grown to the declared centre (growToDeclaredCentre), for the footprints to look at. */
  private readonly reachBox = new Float64Array(4);
  private readonly pointXY = new Float64Array(2);
  private readonly opWeight: Float64Array;
  private readonly techWeight: Float64Array;
  private readonly opHit: Uint8Array;
  private readonly techHit: Uint8Array;
  private readonly terrain: PackedTerrain | null;
  private readonly terrainCoverage: TerrainVillageCoverage | null;
  /** Settlement points inside the current village (frame x, y and weight), kept for the terrain measures. */
  private readonly inside: { xy: Float64Array; weight: Float64Array; count: number } = { xy: new Float64Array(64), weight: new Float64Array(32), count: 0 };

  constructor(
    private readonly villages: PackedVillages,
    private readonly fp: PackedFootprints,
    private readonly points: PackedPoints | null,
    options: ComputeMobileOptions,
  ) {
    this.index = fp.index ? Flatbush.from(fp.index) : null;
    this.pointIndex = points?.index ? KDBush.from(points.index) : null;
    this.nearest = options.nearestBts === false ? null : new NearestSiteFinder(fp.sites, fp.siteIndex);
    this.opWeight = new Float64Array(fp.operators.length);
    this.techWeight = new Float64Array(fp.techs.length);
    this.opHit = new Uint8Array(fp.operators.length);
    this.techHit = new Uint8Array(fp.techs.length);
    this.terrain = options.terrain ?? null;
    this.terrainCoverage = this.terrain ? new TerrainVillageCoverage() : null;
  }

  compute(v: number, out: MobileCoverageResult, row: number): void {
    const nOps = out.operatorCount;
    const nTechs = out.techCount;
    if (!this.villages.valid[v]) {
      this.fillInvalid(out, row);
      return;
    }
    const { villages, frame, poly, shapes, fp } = this;
    const box = this.box;
    villageBox(villages, v, box);
    const minLon = box[0];
    const minLat = box[1];
    const maxLon = box[2];
    const maxLat = box[3];
    frame.setCentre((minLon + maxLon) / 2, (minLat + maxLat) / 2);
    poly.load(villages, v, frame);
    if (!(poly.area > 0)) {
      this.fillInvalid(out, row);
      return;
    }
    shapes.clear();
    // Footprints that may reach the polygon, or its declared centre when that lies outside it.
    const reach = this.reachBox;
    reach.set(box);
    growToDeclaredCentre(villages, v, reach);
    const candidates = this.index
      ? this.index.search(reach[0] - BOX_PAD_DEG, reach[1] - BOX_PAD_DEG, reach[2] + BOX_PAD_DEG, reach[3] + BOX_PAD_DEG)
      : [];
    for (const f of candidates) shapes.addFootprint(fp, f, frame);

    // Area fractions: all footprints, then per operator and per technology (equal subsets computed once).
    this.memo.length = 0;
    const all = this.areaFraction(-1, -1);
    out.areaFraction[row] = all;
    for (let op = 0; op < nOps; op++) out.byOperator[row * nOps + op] = all > 0 ? this.areaFraction(op, -1) : 0;
    for (let t = 0; t < nTechs; t++) out.byTech[row * nTechs + t] = all > 0 ? this.areaFraction(-1, t) : 0;

    // Centre: declared, else an interior point of the polygon.
    centreInFrame(villages, v, frame, poly, this.centre, this.centreLonLat);
    out.centreCovered[row] = this.coverAt(this.centre[0], this.centre[1]) ? 1 : 0;
    for (let op = 0; op < nOps; op++) out.centreByOperator[row * nOps + op] = this.opHit[op];
    for (let t = 0; t < nTechs; t++) out.centreByTech[row * nTechs + t] = this.techHit[t];

    this.populationFractions(out, row, minLon, minLat, maxLon, maxLat);
    out.nearestBtsM[row] = this.nearest ? this.nearest.distance(this.centreLonLat[0], this.centreLonLat[1]) : NaN;
    if (this.terrain && out.terrain) {
      const cols = out.terrain;
      const bits = modelBits(this.terrain, candidates);
      cols.model[row] = bits;
      cols.diskArea[row] = out.areaFraction[row];
      cols.diskPop[row] = out.popFraction[row];
      cols.diskCentre[row] = out.centreCovered[row];
      if (bits & MODEL_SHADOWED) this.terrainCoverage!.measure(poly, frame, fp, this.terrain, candidates, this.inside, this.centre, out, row);
    }
  }

  /** Area fraction of the footprints of operator `op` (−1: any) and technology `tech` (−1: any). */
  private areaFraction(op: number, tech: number): number {
    const { shapes, fp } = this;
    if (this.subset.length < shapes.count) this.subset = new Int32Array(shapes.count * 2);
    let n = 0;
    for (let s = 0; s < shapes.count; s++) {
      const f = shapes.footprint[s];
      if ((op < 0 || fp.operator[f] === op) && (tech < 0 || fp.tech[f] === tech)) this.subset[n++] = s;
    }
    if (n === 0) return 0;
    for (const m of this.memo) if (sameSubset(m.key, this.subset, n)) return m.value;
    const value = this.calc.area(this.poly, shapes, this.subset, n) / this.poly.area;
    this.memo.push({ key: this.subset.slice(0, n), value });
    return value;
  }

  /** Whether (x, y) is covered by any shape; fills `opHit` and `techHit` for the operators and technologies covering it. */
  private coverAt(x: number, y: number): boolean {
    const { shapes, fp } = this;
    this.opHit.fill(0);
    this.techHit.fill(0);
    let any = false;
    for (let s = 0; s < shapes.count; s++) {
      if (!shapes.contains(s, x, y)) continue;
      const f = shapes.footprint[s];
      this.opHit[fp.operator[f]] = 1;
      this.techHit[fp.tech[f]] = 1;
      any = true;
    }
    return any;
  }

  private populationFractions(out: MobileCoverageResult, row: number, minLon: number, minLat: number, maxLon: number, maxLat: number): void {
    const nOps = out.operatorCount;
    const nTechs = out.techCount;
    let total = 0;
    let covered = 0;
    this.inside.count = 0;
    if (this.points && this.pointIndex) {
      this.opWeight.fill(0);
      this.techWeight.fill(0);
      const ids = this.pointIndex.range(minLon - BOX_PAD_DEG, minLat - BOX_PAD_DEG, maxLon + BOX_PAD_DEG, maxLat + BOX_PAD_DEG);
      for (const id of ids) {
        this.frame.forward(this.points.coords[id * 2], this.points.coords[id * 2 + 1], this.pointXY, 0);
        if (!this.poly.contains(this.pointXY[0], this.pointXY[1])) continue;
        const w = this.points.weights[id];
        total += w;
        if (this.terrain) this.keepPoint(w);
        if (!this.coverAt(this.pointXY[0], this.pointXY[1])) continue;
        covered += w;
        for (let op = 0; op < nOps; op++) if (this.opHit[op]) this.opWeight[op] += w;
        for (let t = 0; t < nTechs; t++) if (this.techHit[t]) this.techWeight[t] += w;
      }
    }
    if (total > 0) {
      out.popFraction[row] = covered / total;
      for (let op = 0; op < nOps; op++) out.popByOperator[row * nOps + op] = this.opWeight[op] / total;
      for (let t = 0; t < nTechs; t++) out.popByTech[row * nTechs + t] = this.techWeight[t] / total;
    } else {
      // No settlement in the village: its population is taken as spread over its area.
      out.popFraction[row] = out.areaFraction[row];
      for (let k = row * nOps; k < (row + 1) * nOps; k++) out.popByOperator[k] = out.byOperator[k];
      for (let k = row * nTechs; k < (row + 1) * nTechs; k++) out.popByTech[k] = out.byTech[k];
    }
  }

  /** Keeps the point in `pointXY` (inside the village) with weight w for the terrain measures. */
  private keepPoint(w: number): void {
    const p = this.inside;
    if (p.count >= p.weight.length) {
      const xy = new Float64Array(p.xy.length * 2);
      xy.set(p.xy);
      p.xy = xy;
      const weight = new Float64Array(p.weight.length * 2);
      weight.set(p.weight);
      p.weight = weight;
    }
    p.xy[2 * p.count] = this.pointXY[0];
    p.xy[2 * p.count + 1] = this.pointXY[1];
    p.weight[p.count++] = w;
  }

  private fillInvalid(out: MobileCoverageResult, row: number): void {
    const nOps = out.operatorCount;
    const nTechs = out.techCount;
    out.areaFraction[row] = NaN;
    out.popFraction[row] = NaN;
    out.centreCovered[row] = 0;
    out.nearestBtsM[row] = NaN;
    out.byOperator.fill(NaN, row * nOps, (row + 1) * nOps);
    out.popByOperator.fill(NaN, row * nOps, (row + 1) * nOps);
    out.byTech.fill(NaN, row * nTechs, (row + 1) * nTechs);
    out.popByTech.fill(NaN, row * nTechs, (row + 1) * nTechs);
    if (out.terrain) {
      out.terrain.diskArea[row] = NaN;
      out.terrain.diskPop[row] = NaN;
      out.terrain.diskCentre[row] = 0;
      out.terrain.model[row] = 0;
    }
  }
}

function sameSubset(key: Int32Array, subset: Int32Array, n: number): boolean {
  if (key.length !== n) return false;
  for (let i = 0; i < n; i++) if (key[i] !== subset[i]) return false;
  return true;
}
