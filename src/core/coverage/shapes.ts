import { DEG } from '../geo/ellipsoid.ts';
import { siteTerms, type ConformalFrame } from '../geo/conformal-frame.ts';
import { FOOTPRINT_STRIDE, FP_BEARING_FROM, FP_BEARING_TO, FP_LAT, FP_LON, FP_RADIUS } from './packed-footprints.ts';
import type { PackedFootprints } from './packed-footprints.ts';

/**
 * Footprints of one village's frame as convex planar shapes: a disk, or a disk ∩ wedge whose opening
 * is at most 180° (a wider sector becomes two such shapes sharing an edge bit for bit).
 *
 * Shape `s` is `data[s * SHAPE_STRIDE + S_*]`. The wedge has its apex at the site's image P (a few
 * millimetres from the circle's centre C) and spans counter-clockwise from direction U0 to U1; Q0, Q1
 * are where its edges meet the circle, at angles PHI0 and PHI0 + SPAN around C.
 */
export const SHAPE_STRIDE = 21;
export const S_CX = 0;
export const S_CY = 1;
export const S_R = 2;
export const S_PX = 3;
export const S_PY = 4;
export const S_KIND = 5;
export const S_U0X = 6;
export const S_U0Y = 7;
export const S_U1X = 8;
export const S_U1Y = 9;
export const S_Q0X = 10;
export const S_Q0Y = 11;
export const S_Q1X = 12;
export const S_Q1Y = 13;
export const S_PHI0 = 14;
export const S_SPAN = 15;
export const S_MINX = 16;
export const S_MINY = 17;
export const S_MAXX = 18;
export const S_MAXY = 19;
/** Angle (radians, counter-clockwise from x) of true north at the apex. */
export const S_NORTH = 20;

export const KIND_DISK = 0;
export const KIND_WEDGE = 1;

const TWO_PI = 2 * Math.PI;

/** A growable set of shapes with the footprint each came from. */
export class ShapeBuffer {
  data = new Float64Array(64 * SHAPE_STRIDE);
  footprint = new Int32Array(64);
  count = 0;
  private readonly circle = new Float64Array(6);
  /**
   * Per footprint of a packed set (never changed once packed), its site's frame-independent terms
   * (ψ, ν·cos φ; NaN until first used): a footprint near many villages is projected into each of
   * their frames. The last set's are at hand; a caller alternating two sets finds both here.
   */
  private readonly termsBySet = new WeakMap<PackedFootprints, Float64Array>();
  private terms: Float64Array = new Float64Array(0);
  private termsOf: PackedFootprints | null = null;

  clear(): void {
    this.count = 0;
  }

  /** Adds footprint `f` of `fp` as one shape (disk, sector ≤ 180°) or two (wider sector). */
  addFootprint(fp: PackedFootprints, f: number, frame: ConformalFrame): void {
    const o = f * FOOTPRINT_STRIDE;
    const c = this.circle;
    if (this.termsOf !== fp) {
      let terms = this.termsBySet.get(fp);
      if (terms === undefined) {
        terms = new Float64Array(fp.count * 2).fill(NaN);
        this.termsBySet.set(fp, terms);
      }
      this.termsOf = fp;
      this.terms = terms;
    }
    const terms = this.terms;
    if (Number.isNaN(terms[f * 2])) siteTerms(fp.data[o + FP_LAT], terms, f * 2);
    frame.footprintCircleOfSite(fp.data[o + FP_LON], terms[f * 2], terms[f * 2 + 1], fp.data[o + FP_RADIUS], c, 0);
    const from = fp.data[o + FP_BEARING_FROM];
    const to = fp.data[o + FP_BEARING_TO];
    if (Number.isNaN(from)) {
      this.push(f, c, KIND_DISK, 0, 0);
      return;
    }
    let opening = to - from;
    if (opening <= 0) opening += 360;
    if (opening <= 180) {
      this.push(f, c, KIND_WEDGE, from, to);
      return;
    }
    let mid = from + opening / 2;
    if (mid >= 360) mid -= 360;
    this.push(f, c, KIND_WEDGE, from, mid);
    this.push(f, c, KIND_WEDGE, mid, to);
  }

  /** Adds a shape given directly in frame coordinates (tests): a disk, or a wedge between bearings. */
  addPlanar(f: number, cx: number, cy: number, r: number, sector?: { px: number; py: number; fromDeg: number; toDeg: number }): void {
    const c = this.circle;
    c[0] = cx;
    c[1] = cy;
    c[2] = r;
    c[3] = sector ? sector.px : cx;
    c[4] = sector ? sector.py : cy;
    c[5] = Math.PI / 2;
    if (!sector) this.push(f, c, KIND_DISK, 0, 0);
    else this.push(f, c, KIND_WEDGE, sector.fromDeg, sector.toDeg);
  }

  /** Whether (x, y) lies in shape `s` (closed). */
  contains(s: number, x: number, y: number): boolean {
    const d = this.data;
    const o = s * SHAPE_STRIDE;
    const dx = x - d[o + S_CX];
    const dy = y - d[o + S_CY];
    const r = d[o + S_R];
    if (dx * dx + dy * dy > r * r) return false;
    if (d[o + S_KIND] === KIND_DISK) return true;
    const vx = x - d[o + S_PX];
    const vy = y - d[o + S_PY];
    return d[o + S_U0X] * vy - d[o + S_U0Y] * vx >= 0 && d[o + S_U1X] * vy - d[o + S_U1Y] * vx <= 0;
  }

  private push(f: number, c: Float64Array, kind: number, fromDeg: number, toDeg: number): void {
    if (this.count * SHAPE_STRIDE >= this.data.length) {
      const data = new Float64Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
      const footprint = new Int32Array(this.footprint.length * 2);
      footprint.set(this.footprint);
      this.footprint = footprint;
    }
    const d = this.data;
    const o = this.count * SHAPE_STRIDE;
    const cx = c[0];
    const cy = c[1];
    const r = c[2];
    const px = c[3];
    const py = c[4];
    const north = c[5];
    this.footprint[this.count++] = f;
    d[o + S_CX] = cx;
    d[o + S_CY] = cy;
    d[o + S_R] = r;
    d[o + S_PX] = px;
    d[o + S_PY] = py;
    d[o + S_KIND] = kind;
    d[o + S_NORTH] = north;
    if (kind === KIND_DISK) {
      d[o + S_MINX] = cx - r;
      d[o + S_MINY] = cy - r;
      d[o + S_MAXX] = cx + r;
      d[o + S_MAXY] = cy + r;
      d[o + S_PHI0] = 0;
      d[o + S_SPAN] = TWO_PI;
      return;
    }
    // Bearings run clockwise from `fromDeg` to `toDeg`: counter-clockwise from the `to` edge (U0) to the `from` edge (U1).
    const t0 = north - toDeg * DEG;
    const t1 = north - fromDeg * DEG;
    const u0x = Math.cos(t0);
    const u0y = Math.sin(t0);
    const u1x = Math.cos(t1);
    const u1y = Math.sin(t1);
    d[o + S_U0X] = u0x;
    d[o + S_U0Y] = u0y;
    d[o + S_U1X] = u1x;
    d[o + S_U1Y] = u1y;
    const wx = px - cx;
    const wy = py - cy;
    const ww = wx * wx + wy * wy - r * r;
    const b0 = wx * u0x + wy * u0y;
    const s0 = -b0 + Math.sqrt(b0 * b0 - ww);
    const b1 = wx * u1x + wy * u1y;
    const s1 = -b1 + Math.sqrt(b1 * b1 - ww);
    const q0x = px + s0 * u0x;
    const q0y = py + s0 * u0y;
    const q1x = px + s1 * u1x;
    const q1y = py + s1 * u1y;
    d[o + S_Q0X] = q0x;
    d[o + S_Q0Y] = q0y;
    d[o + S_Q1X] = q1x;
    d[o + S_Q1Y] = q1y;
    let phi0 = Math.atan2(q0y - cy, q0x - cx);
    if (phi0 < 0) phi0 += TWO_PI;
    let phi1 = Math.atan2(q1y - cy, q1x - cx);
    if (phi1 < 0) phi1 += TWO_PI;
    let span = phi1 - phi0;
    if (span <= 0) span += TWO_PI;
    d[o + S_PHI0] = phi0;
    d[o + S_SPAN] = span;
    let minX = Math.min(px, q0x, q1x);
    let maxX = Math.max(px, q0x, q1x);
    let minY = Math.min(py, q0y, q1y);
    let maxY = Math.max(py, q0y, q1y);
    // Axis extremes of the circle that lie on the arc.
    for (let k = 0; k < 4; k++) {
      let a = (k * Math.PI) / 2 - phi0;
      if (a < 0) a += TWO_PI;
      if (a <= span) {
        if (k === 0) maxX = cx + r;
        else if (k === 1) maxY = cy + r;
        else if (k === 2) minX = cx - r;
        else minY = cy - r;
      }
    }
    d[o + S_MINX] = minX;
    d[o + S_MINY] = minY;
    d[o + S_MAXX] = maxX;
    d[o + S_MAXY] = maxY;
  }
}
