import Flatbush from 'flatbush';
import { ConformalFrame } from '../geo/conformal-frame.ts';
import { FOOTPRINT_STRIDE, FP_LAT, FP_LON, FP_RADIUS, type PackedFootprints } from '../coverage/packed-footprints.ts';
import type { PackedVillages } from '../coverage/packed-villages.ts';
import { PlanarPolygon } from '../coverage/planar-polygon.ts';
import { ShapeBuffer } from '../coverage/shapes.ts';
import { UnionAreaCalculator } from '../coverage/union-area.ts';
import type { AnalysisParams } from '../params.ts';
import { TERRAIN_SHADOWED, type PackedTerrain } from '../terrain/packed-terrain.ts';
import { PolarRegions } from '../terrain/polar-regions.ts';
import { TerrainUnionArea } from '../terrain/terrain-union-area.ts';
import { diskBox } from '../geo/lonlat-box.ts';
import { BOX_STRIDE, VILLAGE_BOX_PAD_DEG, type VillageGeometry } from './village-geometry.ts';

/** How a village's decisive measure is computed. */
export const MEASURE_NONE = 0;
/** Weighted test points (settlements, or the single centre point). */
export const MEASURE_POINTS = 1;
/** Exact area fraction of the village (no settlements, or the rule is "area"). */
export const MEASURE_AREA = 2;

/**
 * The decisive coverage measure of every village under the rule of the parameters (area, population
 * or centre), for a base set of footprints (one operator's, or everyone's) plus footprints added by
 * planning. Computes what the engine computes for `mobile_by_operator` and `mobile_covered`, with
 * the same frames, shapes and union-area code, so a village covered here is covered in `analyze`.
 *
 * Added footprints come from one second packed set (`extra`): the planning candidates. The state
 * (`value`, `covered`) moves forward with `commit`; `valueWith` answers "what if" from scratch.
 * With terrain footprints for either set (`baseTerrain`, `extraTerrain`), a village near a footprint
 * cut by terrain is measured on terrain footprints, as the engine measures it.
 */
export class CoverageEvaluator {
  readonly kind: Uint8Array;
  /** Village `v`'s test points are `testStart[v] … testStart[v + 1] - 1`. */
  readonly testStart: Uint32Array;
  /** Test points in the village's own frame (stride 2). */
  readonly testXY: Float64Array;
  readonly testWeight: Float64Array;
  readonly testTotal: Float64Array;
  /** Test points covered by the base footprints. */
  readonly baseCovered: Uint8Array;
  /** Measure with the base footprints only (NaN for an invalid village). */
  readonly baseValue: Float64Array;
  /** Current measure (base + committed footprints). */
  readonly value: Float64Array;
  /** Current test-point state. */
  readonly pointCovered: Uint8Array;
  /** Extra footprints committed per area-measured village. */
  private readonly committed: (number[] | null)[];
  private readonly centreRule: boolean;
  private readonly threshold: number;
  private readonly frame = new ConformalFrame(0, 0);
  private readonly poly = new PlanarPolygon();
  private readonly shapes = new ShapeBuffer();
  private readonly calc = new UnionAreaCalculator();
  private readonly regions = new PolarRegions();
  private readonly terrainUnion = new TerrainUnionArea();
  private readonly allRegions = new Uint32Array(64).fill(0xffffffff);
  private readonly baseIndex: Flatbush | null;
  private subset = new Int32Array(64);
  private readonly box = new Float64Array(4);

  constructor(
    readonly geom: VillageGeometry,
    private readonly villages: PackedVillages,
    readonly base: PackedFootprints,
    public extra: PackedFootprints,
    params: AnalysisParams,
    /** Terrain footprints of `base` (null: plain disks and sectors). */
    readonly baseTerrain: PackedTerrain | null = null,
    /** Terrain footprints of `extra`; set with `extra` when the candidates change. */
    public extraTerrain: PackedTerrain | null = null,
  ) {
    const n = geom.count;
    this.centreRule = params.coverageMeasure === 'centre';
    this.threshold = params.coverageThreshold;
    this.baseIndex = base.index ? Flatbush.from(base.index) : null;
    this.kind = new Uint8Array(n);
    this.testStart = new Uint32Array(n + 1);
    const xy: number[] = [];
    const w: number[] = [];
    this.testTotal = new Float64Array(n);
    const p = new Float64Array(2);
    for (let v = 0; v < n; v++) {
      this.testStart[v] = w.length;
      if (!geom.valid[v]) continue;
      const frame = this.frameOf(v);
      if (this.centreRule) {
        this.kind[v] = MEASURE_POINTS;
        frame.forward(geom.centre[v * 2], geom.centre[v * 2 + 1], p, 0);
        xy.push(p[0], p[1]);
        w.push(1);
        this.testTotal[v] = 1;
        continue;
      }
      const p0 = geom.pointStart[v];
      const p1 = geom.pointStart[v + 1];
      let total = 0;
      for (let i = p0; i < p1; i++) total += geom.pointWeight[i];
      if (params.coverageMeasure === 'population' && total > 0 && geom.nobody[v] !== 1) {
        this.kind[v] = MEASURE_POINTS;
        this.testTotal[v] = total;
        for (let i = p0; i < p1; i++) {
          frame.forward(geom.pointLonLat[i * 2], geom.pointLonLat[i * 2 + 1], p, 0);
          xy.push(p[0], p[1]);
          w.push(geom.pointWeight[i]);
        }
      } else {
        this.kind[v] = MEASURE_AREA;
      }
    }
    this.testStart[n] = w.length;
    this.testXY = new Float64Array(xy);
    this.testWeight = new Float64Array(w);
    this.baseCovered = new Uint8Array(w.length);
    this.pointCovered = new Uint8Array(w.length);
    this.baseValue = new Float64Array(n).fill(NaN);
    this.value = new Float64Array(n).fill(NaN);
    this.committed = new Array(n).fill(null);
    for (let v = 0; v < n; v++) {
      if (this.kind[v] === MEASURE_NONE) continue;
      if (this.kind[v] === MEASURE_POINTS) {
        this.loadShapes(v, this.base, this.baseFootprints(v), this.baseTerrain);
        for (let i = this.testStart[v]; i < this.testStart[v + 1]; i++) {
          if (this.shapesContain(this.testXY[i * 2], this.testXY[i * 2 + 1])) this.baseCovered[i] = 1;
        }
        this.baseValue[v] = this.pointValue(v, this.baseCovered);
      } else {
        this.baseValue[v] = this.areaValue(v, []);
      }
    }
    this.reset();
  }

  /** Back to the base footprints only. */
  reset(): void {
    this.value.set(this.baseValue);
    this.pointCovered.set(this.baseCovered);
    this.committed.fill(null);
  }

  /** Whether a measure value makes a village covered under the rule. */
  covers(value: number): boolean {
    return this.centreRule ? value >= 1 : value >= this.threshold;
  }

  /** Whether village `v` is covered in the current state. */
  isCovered(v: number): boolean {
    return this.kind[v] !== MEASURE_NONE && this.covers(this.value[v]);
  }

  /** The value the rule asks for (1 for the centre rule). */
  get required(): number {
    return this.centreRule ? 1 : this.threshold;
  }

  /** Test points of village `v` inside any of the `extra` footprints `fs` (global test-point numbers). */
  pointHits(v: number, fs: ArrayLike<number>): Int32Array {
    if (this.kind[v] !== MEASURE_POINTS) return new Int32Array(0);
    this.loadShapes(v, this.extra, fs, this.extraTerrain);
    const out: number[] = [];
    for (let i = this.testStart[v]; i < this.testStart[v + 1]; i++) {
      if (this.shapesContain(this.testXY[i * 2], this.testXY[i * 2 + 1])) out.push(i);
    }
    return new Int32Array(out);
  }

  /** Village `v`'s measure if the `extra` footprints `fs` (with their point hits) were added to the current state. */
  valueAdding(v: number, fs: ArrayLike<number>, hits: Int32Array): number {
    if (this.kind[v] === MEASURE_NONE) return NaN;
    if (this.kind[v] === MEASURE_POINTS) {
      let add = 0;
      for (const i of hits) if (!this.pointCovered[i]) add += this.testWeight[i];
      return add === 0 ? this.value[v] : this.value[v] + add / this.testTotal[v];
    }
    const list = [...(this.committed[v] ?? [])];
    for (let k = 0; k < fs.length; k++) list.push(fs[k]);
    return this.areaValue(v, list);
  }

  /** Add the `extra` footprints `fs` to village `v`'s current state. */
  commit(v: number, fs: ArrayLike<number>, hits: Int32Array): void {
    if (this.kind[v] === MEASURE_NONE) return;
    if (this.kind[v] === MEASURE_POINTS) {
      for (const i of hits) this.pointCovered[i] = 1;
      this.value[v] = this.pointValue(v, this.pointCovered);
      return;
    }
    const list = this.committed[v] ?? [];
    for (let k = 0; k < fs.length; k++) list.push(fs[k]);
    this.committed[v] = list;
    this.value[v] = this.areaValue(v, list);
  }

  /** Village `v`'s measure with the base plus exactly the `extra` footprints `fs` (point hits given), from scratch. */
  valueWith(v: number, fs: ArrayLike<number>, hits: readonly Int32Array[]): number {
    if (this.kind[v] === MEASURE_NONE) return NaN;
    if (this.kind[v] === MEASURE_POINTS) {
      const s = this.testStart[v];
      const e = this.testStart[v + 1];
      const flags = this.baseCovered.slice(s, e);
      for (const h of hits) for (const i of h) flags[i - s] = 1;
      let covered = 0;
      for (let i = s; i < e; i++) if (flags[i - s]) covered += this.testWeight[i];
      return covered / this.testTotal[v];
    }
    return this.areaValue(v, fs);
  }

  /** Villages whose box meets the box of `extra` footprint `f`. */
  villagesTouchedBy(f: number): number[] {
    if (!this.geom.index) return [];
    const o = f * FOOTPRINT_STRIDE;
    const b = diskBox(this.extra.data[o + FP_LON], this.extra.data[o + FP_LAT], this.extra.data[o + FP_RADIUS], this.box);
    return this.geom.index.search(b[0], b[1], b[2], b[3]);
  }

  private pointValue(v: number, flags: Uint8Array): number {
    let covered = 0;
    for (let i = this.testStart[v]; i < this.testStart[v + 1]; i++) if (flags[i]) covered += this.testWeight[i];
    return covered / this.testTotal[v];
  }

  private frameOf(v: number): ConformalFrame {
    return this.frame.setCentre(this.geom.frameCentre[v * 2], this.geom.frameCentre[v * 2 + 1]);
  }

  private baseFootprints(v: number): number[] {
    if (!this.baseIndex) return [];
    const b = this.geom.box;
    const o = v * BOX_STRIDE;
    const pad = VILLAGE_BOX_PAD_DEG;
    return this.baseIndex.search(b[o] - pad, b[o + 1] - pad, b[o + 2] + pad, b[o + 3] + pad);
  }

  /** Whether any terrain is in play (the plain-shape path is used otherwise, exactly as before). */
  private get terrainOn(): boolean {
    return this.baseTerrain !== null || this.extraTerrain !== null;
  }

  private loadShapes(v: number, pack: PackedFootprints, fs: ArrayLike<number>, terrain: PackedTerrain | null): void {
    const frame = this.frameOf(v);
    if (this.terrainOn) {
      this.regions.clear(null);
      for (let k = 0; k < fs.length; k++) this.regions.addFootprint(pack, fs[k], frame, terrain);
      return;
    }
    this.shapes.clear();
    for (let k = 0; k < fs.length; k++) this.shapes.addFootprint(pack, fs[k], frame);
  }

  private shapesContain(x: number, y: number): boolean {
    if (this.terrainOn) {
      for (let q = 0; q < this.regions.count; q++) if (this.regions.contains(q, x, y)) return true;
      return false;
    }
    for (let s = 0; s < this.shapes.count; s++) if (this.shapes.contains(s, x, y)) return true;
    return false;
  }

  /** Whether terrain cuts one of these footprints. */
  private shadowed(terrain: PackedTerrain | null, fs: ArrayLike<number>): boolean {
    if (!terrain) return false;
    for (let k = 0; k < fs.length; k++) if (terrain.status[fs[k]] === TERRAIN_SHADOWED) return true;
    return false;
  }

  /** Area fraction of village `v` covered by the base footprints and the `extra` footprints `fs`. */
  private areaValue(v: number, fs: ArrayLike<number>): number {
    const frame = this.frameOf(v);
    this.poly.load(this.villages, v, frame);
    const baseFs = this.baseFootprints(v);
    if (this.shadowed(this.baseTerrain, baseFs) || this.shadowed(this.extraTerrain, fs)) {
      const regions = this.regions;
      regions.clear(null);
      for (const f of baseFs) regions.addFootprint(this.base, f, frame, this.baseTerrain);
      for (let k = 0; k < fs.length; k++) regions.addFootprint(this.extra, fs[k], frame, this.extraTerrain);
      if (regions.count === 0) return 0;
      this.terrainUnion.prepare(this.poly, regions);
      const words = Math.ceil(regions.count / 32);
      const all = words <= this.allRegions.length ? this.allRegions : new Uint32Array(words).fill(0xffffffff);
      return this.terrainUnion.area(all) / this.poly.area;
    }
    this.shapes.clear();
    for (const f of baseFs) this.shapes.addFootprint(this.base, f, frame);
    for (let k = 0; k < fs.length; k++) this.shapes.addFootprint(this.extra, fs[k], frame);
    const n = this.shapes.count;
    if (n === 0) return 0;
    if (this.subset.length < n) this.subset = new Int32Array(n * 2);
    for (let s = 0; s < n; s++) this.subset[s] = s;
    return this.calc.area(this.poly, this.shapes, this.subset, n) / this.poly.area;
  }
}
