import { IntervalList, intersectIntervals, sortPrefix } from './interval-list.ts';
import type { PlanarPolygon } from './planar-polygon.ts';
import {
  KIND_DISK,
  S_CX,
  S_CY,
  S_KIND,
  S_MAXX,
  S_MAXY,
  S_MINX,
  S_MINY,
  S_PHI0,
  S_PX,
  S_PY,
  S_Q0X,
  S_Q0Y,
  S_Q1X,
  S_Q1Y,
  S_R,
  S_SPAN,
  S_U0X,
  S_U0Y,
  S_U1X,
  S_U1Y,
  SHAPE_STRIDE,
} from './shapes.ts';
import type { ShapeBuffer } from './shapes.ts';

const TWO_PI = 2 * Math.PI;
/** Crossings this far beyond an edge's ends (relative) are kept: a duplicate is harmless, a miss is not. */
const PARAM_SLACK = 1e-9;
/** Pieces shorter than this (radians or edge fraction) carry no area worth a point-in-polygon test. */
const TINY = 1e-13;
/** sin of the angle under which a wedge edge and a segment from the same apex count as collinear. */
const PARALLEL_SIN = 1e-12;

/**
 * Exact area of (polygon ∩ union of shapes) by Green's theorem along the boundary of the
 * intersection: ∮ (x dy − y dx) / 2 over
 *  - the polygon's edges where they lie inside some shape,
 *  - each shape's arc and wedge edges where they lie inside the polygon and outside every other shape.
 *
 * A boundary piece shared by two shapes with their insides on opposite sides (the common edge of two
 * sectors of one mast) belongs to neither; shared with insides on the same side, it belongs to the
 * shape of lower index. Covered parts of an arc come from sorted angular intervals of the other shapes.
 */
export class UnionAreaCalculator {
  private active = new Int32Array(64);
  private kept = new Int32Array(64);
  private readonly covered = new IntervalList();
  private readonly inside = new IntervalList();
  private readonly own = new IntervalList();
  private readonly candidate = new IntervalList();
  private readonly arcA = new IntervalList();
  private readonly arcB = new IntervalList();
  private readonly arcC = new IntervalList();
  private crossings = new Float64Array(64);
  private lo = 0;
  private hi = 0;

  /**
   * Area (frame m²) of `poly` ∩ (union of the shapes listed in `subset[0..count)`).
   * `poly` must be loaded (oriented, with its area); `subset` holds shape indices of `shapes`.
   */
  area(poly: PlanarPolygon, shapes: ShapeBuffer, subset: Int32Array, count: number): number {
    const d = shapes.data;
    if (this.active.length < count) {
      this.active = new Int32Array(count * 2);
      this.kept = new Int32Array(count * 2);
    }
    let na = 0;
    for (let k = 0; k < count; k++) {
      const o = subset[k] * SHAPE_STRIDE;
      if (d[o + S_MINX] > poly.maxX || d[o + S_MAXX] < poly.minX || d[o + S_MINY] > poly.maxY || d[o + S_MAXY] < poly.minY) continue;
      this.active[na++] = subset[k];
    }
    if (na === 0 || !(poly.area > 0)) return 0;
    for (let k = 0; k < na; k++) if (this.containsPolygon(shapes, this.active[k], poly)) return poly.area;
    const nk = this.dropRedundant(shapes, na);
    let total = this.polygonEdgesInside(poly, shapes, nk);
    for (let k = 0; k < nk; k++) {
      const i = this.kept[k];
      total += this.arcContribution(poly, shapes, i, nk);
      if (d[i * SHAPE_STRIDE + S_KIND] !== KIND_DISK) {
        total += this.edgeContribution(poly, shapes, i, 0, nk);
        total += this.edgeContribution(poly, shapes, i, 1, nk);
      }
    }
    return total < 0 ? 0 : total > poly.area ? poly.area : total;
  }

  /** The polygon lies in a (convex) shape iff all its vertices do. */
  private containsPolygon(shapes: ShapeBuffer, s: number, poly: PlanarPolygon): boolean {
    const d = shapes.data;
    const o = s * SHAPE_STRIDE;
    if (d[o + S_MINX] > poly.minX || d[o + S_MAXX] < poly.maxX || d[o + S_MINY] > poly.minY || d[o + S_MAXY] < poly.maxY) return false;
    const xy = poly.xy;
    for (let v = 0; v < poly.vertexCount; v++) if (!shapes.contains(s, xy[v * 2], xy[v * 2 + 1])) return false;
    return true;
  }

  /** Keeps active shapes not inside another disk and not a repeat of an earlier identical shape. */
  private dropRedundant(shapes: ShapeBuffer, na: number): number {
    const d = shapes.data;
    let nk = 0;
    for (let a = 0; a < na; a++) {
      const i = this.active[a];
      const oi = i * SHAPE_STRIDE;
      let redundant = false;
      for (let b = 0; b < na && !redundant; b++) {
        if (b === a) continue;
        const j = this.active[b];
        const oj = j * SHAPE_STRIDE;
        if (identical(d, oi, oj)) redundant = j < i;
        else if (d[oj + S_KIND] === KIND_DISK) {
          const dist = Math.hypot(d[oi + S_CX] - d[oj + S_CX], d[oi + S_CY] - d[oj + S_CY]);
          redundant = dist + d[oi + S_R] <= d[oj + S_R];
        }
      }
      if (!redundant) this.kept[nk++] = i;
    }
    return nk;
  }

  /** Σ over polygon edges of (covered fraction of the edge) · (a × b) / 2. */
  private polygonEdgesInside(poly: PlanarPolygon, shapes: ShapeBuffer, nk: number): number {
    const d = shapes.data;
    const xy = poly.xy;
    const cov = this.covered;
    let total = 0;
    for (let r = 0; r < poly.ringCount; r++) {
      const s = poly.ringStart[r];
      const e = poly.ringStart[r + 1];
      for (let i = s; i < e; i++) {
        const j = i + 1 < e ? i + 1 : s;
        const ax = xy[i * 2];
        const ay = xy[i * 2 + 1];
        const bx = xy[j * 2];
        const by = xy[j * 2 + 1];
        const minX = ax < bx ? ax : bx;
        const maxX = ax < bx ? bx : ax;
        const minY = ay < by ? ay : by;
        const maxY = ay < by ? by : ay;
        cov.clear();
        let full = false;
        for (let k = 0; k < nk; k++) {
          const o = this.kept[k] * SHAPE_STRIDE;
          if (d[o + S_MINX] > maxX || d[o + S_MAXX] < minX || d[o + S_MINY] > maxY || d[o + S_MAXY] < minY) continue;
          if (!this.clipSegment(d, o, ax, ay, bx - ax, by - ay, -1, 0, 0)) continue;
          if (this.lo <= 0 && this.hi >= 1) {
            full = true;
            break;
          }
          cov.push(this.lo, this.hi);
        }
        let len = 1;
        if (!full) {
          if (cov.count === 0) continue;
          cov.normalize();
          len = cov.length();
        }
        total += (len * (ax * by - ay * bx)) / 2;
      }
    }
    return total;
  }

  /** Contribution of shape i's arc: the parts inside the polygon, in its own angular range, uncovered. */
  private arcContribution(poly: PlanarPolygon, shapes: ShapeBuffer, i: number, nk: number): number {
    const d = shapes.data;
    const o = i * SHAPE_STRIDE;
    const cx = d[o + S_CX];
    const cy = d[o + S_CY];
    const r = d[o + S_R];
    // Angles where the circle crosses the polygon's boundary.
    const xy = poly.xy;
    let nc = 0;
    const r2 = r * r;
    for (let ri = 0; ri < poly.ringCount; ri++) {
      const s = poly.ringStart[ri];
      const e = poly.ringStart[ri + 1];
      for (let a = s; a < e; a++) {
        const b = a + 1 < e ? a + 1 : s;
        const ax = xy[a * 2] - cx;
        const ay = xy[a * 2 + 1] - cy;
        const bx = xy[b * 2] - cx;
        const by = xy[b * 2 + 1] - cy;
        if ((ax > r && bx > r) || (ax < -r && bx < -r) || (ay > r && by > r) || (ay < -r && by < -r)) continue;
        const dx = bx - ax;
        const dy = by - ay;
        const A = dx * dx + dy * dy;
        const B = ax * dx + ay * dy;
        const C = ax * ax + ay * ay - r2;
        const disc = B * B - A * C;
        if (disc < 0 || A === 0) continue;
        const sq = Math.sqrt(disc);
        const q = -(B + (B >= 0 ? sq : -sq));
        const t1 = q / A;
        const t2 = q !== 0 ? C / q : t1;
        if (nc + 2 > this.crossings.length) this.growCrossings();
        if (t1 >= -PARAM_SLACK && t1 <= 1 + PARAM_SLACK) this.crossings[nc++] = angleOf(ax + t1 * dx, ay + t1 * dy);
        if (t2 >= -PARAM_SLACK && t2 <= 1 + PARAM_SLACK) this.crossings[nc++] = angleOf(ax + t2 * dx, ay + t2 * dy);
      }
    }
    const inside = this.inside;
    inside.clear();
    if (nc === 0) {
      const m = d[o + S_PHI0] + d[o + S_SPAN] / 2;
      if (!poly.contains(cx + r * Math.cos(m), cy + r * Math.sin(m))) return 0;
      inside.push(0, TWO_PI);
    } else {
      const c = this.crossings;
      sortPrefix(c, nc);
      for (let k = 0; k < nc; k++) {
        const a = c[k];
        const b = k + 1 < nc ? c[k + 1] : c[0] + TWO_PI;
        if (b - a < TINY) continue;
        const m = (a + b) / 2;
        if (poly.contains(cx + r * Math.cos(m), cy + r * Math.sin(m))) inside.pushArc(a, b - a);
      }
      if (inside.count === 0) return 0;
      inside.normalize();
    }
    let pieces = inside;
    if (d[o + S_KIND] !== KIND_DISK) {
      this.own.clear();
      this.own.pushArc(d[o + S_PHI0], d[o + S_SPAN]);
      this.own.normalize();
      intersectIntervals(inside, this.own, this.candidate);
      if (this.candidate.count === 0) return 0;
      pieces = this.candidate;
    }
    const cov = this.covered;
    cov.clear();
    for (let k = 0; k < nk; k++) {
      const j = this.kept[k];
      if (j === i) continue;
      const oj = j * SHAPE_STRIDE;
      if (d[oj + S_MINX] > d[o + S_MAXX] || d[oj + S_MAXX] < d[o + S_MINX] || d[oj + S_MINY] > d[o + S_MAXY] || d[oj + S_MAXY] < d[o + S_MINY]) continue;
      this.coveredArcs(d, o, i, oj, j, cov);
    }
    cov.normalize();
    // Integrate the candidate pieces minus the covered intervals (both sorted and disjoint).
    let total = 0;
    let ci = 0;
    const pd = pieces.data;
    const cd = cov.data;
    for (let p = 0; p < pieces.count; p++) {
      let cur = pd[p * 2];
      const end = pd[p * 2 + 1];
      while (ci < cov.count && cd[ci * 2 + 1] <= cur) ci++;
      let cj = ci;
      while (cur < end) {
        if (cj >= cov.count || cd[cj * 2] >= end) {
          total += arcIntegral(cx, cy, r, cur, end);
          break;
        }
        if (cd[cj * 2] > cur) total += arcIntegral(cx, cy, r, cur, cd[cj * 2]);
        if (cd[cj * 2 + 1] > cur) cur = cd[cj * 2 + 1];
        cj++;
      }
    }
    return total;
  }

  /** Pushes the angular intervals of circle i (shape at offset o) that lie inside shape j. */
  private coveredArcs(d: Float64Array, o: number, i: number, oj: number, j: number, out: IntervalList): void {
    const ri = d[o + S_R];
    const rj = d[oj + S_R];
    if (d[o + S_CX] === d[oj + S_CX] && d[o + S_CY] === d[oj + S_CY] && ri === rj) {
      // The same circle (sectors of one mast): the shared arc belongs to the lower index.
      if (j < i) out.pushArc(d[oj + S_PHI0], d[oj + S_SPAN]);
      return;
    }
    const dx = d[oj + S_CX] - d[o + S_CX];
    const dy = d[oj + S_CY] - d[o + S_CY];
    const dist = Math.hypot(dx, dy);
    const arcs = this.arcA;
    arcs.clear();
    if (dist + ri <= rj) arcs.push(0, TWO_PI);
    else if (dist >= ri + rj || dist + rj <= ri) return;
    else {
      let cosH = ((ri - rj) * (ri + rj) + dist * dist) / (2 * ri * dist);
      if (cosH > 1) cosH = 1;
      else if (cosH < -1) cosH = -1;
      const h = Math.acos(cosH);
      arcs.pushArc(Math.atan2(dy, dx) - h, 2 * h);
    }
    if (d[oj + S_KIND] === KIND_DISK) {
      for (let k = 0; k < arcs.count; k++) out.push(arcs.data[k * 2], arcs.data[k * 2 + 1]);
      return;
    }
    // Wedge of j: n0·(p − Pj) ≥ 0 with n0 = left normal of U0, n1·(p − Pj) ≥ 0 with n1 = right normal of U1.
    arcs.normalize();
    for (let side = 0; side < 2; side++) {
      const nx = side === 0 ? -d[oj + S_U0Y] : d[oj + S_U1Y];
      const ny = side === 0 ? d[oj + S_U0X] : -d[oj + S_U1X];
      const g = nx * (d[o + S_CX] - d[oj + S_PX]) + ny * (d[o + S_CY] - d[oj + S_PY]);
      const k = -g / ri;
      if (k <= -1) continue;
      if (k >= 1) return;
      const h = Math.acos(k);
      const half = this.arcB;
      half.clear();
      half.pushArc(Math.atan2(ny, nx) - h, 2 * h);
      half.normalize();
      intersectIntervals(arcs, half, this.arcC);
      if (this.arcC.count === 0) return;
      arcs.clear();
      for (let q = 0; q < this.arcC.count; q++) arcs.push(this.arcC.data[q * 2], this.arcC.data[q * 2 + 1]);
    }
    for (let k = 0; k < arcs.count; k++) out.push(arcs.data[k * 2], arcs.data[k * 2 + 1]);
  }

  /**
   * Contribution of a wedge edge of shape i (edge 0: apex → Q0, outward; edge 1: Q1 → apex, inward),
   * parametrised outward from the apex: the parts inside the polygon and not covered by other shapes.
   */
  private edgeContribution(poly: PlanarPolygon, shapes: ShapeBuffer, i: number, edge: number, nk: number): number {
    const d = shapes.data;
    const o = i * SHAPE_STRIDE;
    const px = d[o + S_PX];
    const py = d[o + S_PY];
    const qx = edge === 0 ? d[o + S_Q0X] : d[o + S_Q1X];
    const qy = edge === 0 ? d[o + S_Q0Y] : d[o + S_Q1Y];
    const dx = qx - px;
    const dy = qy - py;
    const minX = px < qx ? px : qx;
    const maxX = px < qx ? qx : px;
    const minY = py < qy ? py : qy;
    const maxY = py < qy ? qy : py;
    if (minX > poly.maxX || maxX < poly.minX || minY > poly.maxY || maxY < poly.minY) return 0;
    const xy = poly.xy;
    let nc = 0;
    for (let ri = 0; ri < poly.ringCount; ri++) {
      const s = poly.ringStart[ri];
      const e = poly.ringStart[ri + 1];
      for (let a = s; a < e; a++) {
        const b = a + 1 < e ? a + 1 : s;
        const ax = xy[a * 2];
        const ay = xy[a * 2 + 1];
        const ex = xy[b * 2] - ax;
        const ey = xy[b * 2 + 1] - ay;
        const denom = dx * ey - dy * ex;
        if (denom === 0) continue;
        const wx = ax - px;
        const wy = ay - py;
        const t = (wx * ey - wy * ex) / denom;
        const u = (wx * dy - wy * dx) / denom;
        if (u < -PARAM_SLACK || u > 1 + PARAM_SLACK || t < -PARAM_SLACK || t > 1 + PARAM_SLACK) continue;
        if (nc + 1 > this.crossings.length) this.growCrossings();
        this.crossings[nc++] = t < 0 ? 0 : t > 1 ? 1 : t;
      }
    }
    const inside = this.inside;
    inside.clear();
    const c = this.crossings;
    sortPrefix(c, nc);
    let prev = 0;
    for (let k = 0; k <= nc; k++) {
      const next = k < nc ? c[k] : 1;
      if (next - prev > TINY) {
        const m = (prev + next) / 2;
        if (poly.contains(px + m * dx, py + m * dy)) inside.push(prev, next);
      }
      if (next > prev) prev = next;
    }
    if (inside.count === 0) return 0;
    inside.normalize();
    const cov = this.covered;
    cov.clear();
    for (let k = 0; k < nk; k++) {
      const j = this.kept[k];
      if (j === i) continue;
      const oj = j * SHAPE_STRIDE;
      if (d[oj + S_MINX] > maxX || d[oj + S_MAXX] < minX || d[oj + S_MINY] > maxY || d[oj + S_MAXY] < minY) continue;
      const apex = d[oj + S_PX] === px && d[oj + S_PY] === py;
      if (!this.clipSegment(d, oj, px, py, dx, dy, apex ? edge : -1, i, j)) continue;
      cov.push(this.lo, this.hi);
    }
    cov.normalize();
    let len = 0;
    let ci = 0;
    const id = inside.data;
    const cd = cov.data;
    for (let p = 0; p < inside.count; p++) {
      let cur = id[p * 2];
      const end = id[p * 2 + 1];
      while (ci < cov.count && cd[ci * 2 + 1] <= cur) ci++;
      let cj = ci;
      while (cur < end) {
        if (cj >= cov.count || cd[cj * 2] >= end) {
          len += end - cur;
          break;
        }
        if (cd[cj * 2] > cur) len += cd[cj * 2] - cur;
        if (cd[cj * 2 + 1] > cur) cur = cd[cj * 2 + 1];
        cj++;
      }
    }
    const cross = px * qy - py * qx;
    return edge === 0 ? (len * cross) / 2 : (-len * cross) / 2;
  }

  /**
   * Clips the segment a + t·(dx, dy), t ∈ [0, 1], to the shape at offset o; sets `lo`, `hi` and returns
   * whether a piece of positive length remains. With `apexEdge` ≥ 0 the segment is wedge edge
   * `apexEdge` of shape `i` and starts at this shape's apex: a collinear wedge edge of this shape then
   * covers it when their insides lie on opposite sides, or on the same side and j < i.
   */
  private clipSegment(d: Float64Array, o: number, ax: number, ay: number, dx: number, dy: number, apexEdge: number, i: number, j: number): boolean {
    const fx = ax - d[o + S_CX];
    const fy = ay - d[o + S_CY];
    const r = d[o + S_R];
    const A = dx * dx + dy * dy;
    const B = fx * dx + fy * dy;
    const C = fx * fx + fy * fy - r * r;
    const disc = B * B - A * C;
    if (!(disc > 0)) return false;
    const sq = Math.sqrt(disc);
    const q = -(B + (B >= 0 ? sq : -sq));
    let t1 = q / A;
    let t2 = C / q;
    if (t1 > t2) {
      const t = t1;
      t1 = t2;
      t2 = t;
    }
    let lo = t1 > 0 ? t1 : 0;
    let hi = t2 < 1 ? t2 : 1;
    if (!(lo < hi)) return false;
    if (d[o + S_KIND] !== KIND_DISK) {
      for (let side = 0; side < 2; side++) {
        const ux = side === 0 ? d[o + S_U0X] : d[o + S_U1X];
        const uy = side === 0 ? d[o + S_U0Y] : d[o + S_U1Y];
        const nx = side === 0 ? -uy : uy;
        const ny = side === 0 ? ux : -ux;
        const f0 = nx * (ax - d[o + S_PX]) + ny * (ay - d[o + S_PY]);
        const f1 = nx * dx + ny * dy;
        if (apexEdge >= 0 && Math.abs(f1) <= PARALLEL_SIN * Math.sqrt(A)) {
          // Collinear with this wedge edge: on its ray when pointing the same way, else on its extension.
          if (ux * dx + uy * dy > 0 && side === apexEdge && j > i) return false;
          continue;
        }
        if (f1 > 0) {
          const t = -f0 / f1;
          if (t > lo) lo = t;
        } else if (f1 < 0) {
          const t = -f0 / f1;
          if (t < hi) hi = t;
        } else if (f0 < 0) return false;
        if (!(lo < hi)) return false;
      }
    }
    this.lo = lo;
    this.hi = hi;
    return true;
  }

  private growCrossings(): void {
    const c = new Float64Array(this.crossings.length * 2);
    c.set(this.crossings);
    this.crossings = c;
  }
}

/** Whether shapes at offsets a and b are the same geometry, bit for bit. */
function identical(d: Float64Array, a: number, b: number): boolean {
  if (d[a + S_CX] !== d[b + S_CX] || d[a + S_CY] !== d[b + S_CY] || d[a + S_R] !== d[b + S_R] || d[a + S_KIND] !== d[b + S_KIND]) return false;
  if (d[a + S_KIND] === KIND_DISK) return true;
  return d[a + S_U0X] === d[b + S_U0X] && d[a + S_U0Y] === d[b + S_U0Y] && d[a + S_U1X] === d[b + S_U1X] && d[a + S_U1Y] === d[b + S_U1Y];
}

function angleOf(x: number, y: number): number {
  const a = Math.atan2(y, x);
  return a < 0 ? a + TWO_PI : a;
}

/** ∫ (x dy − y dx) / 2 along the circle (cx, cy, r) from angle a to b counter-clockwise. */
function arcIntegral(cx: number, cy: number, r: number, a: number, b: number): number {
  return (r * (cx * (Math.sin(b) - Math.sin(a)) - cy * (Math.cos(b) - Math.cos(a))) + r * r * (b - a)) / 2;
}
