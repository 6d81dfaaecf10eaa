import type { PlanarPolygon } from '../coverage/planar-polygon.ts';
import { sortPrefix } from '../coverage/interval-list.ts';
import {
  PolarRegions,
  R_BEARINGS,
  R_FROM,
  R_MAXX,
  R_MAXY,
  R_MINX,
  R_MINY,
  R_NORTH,
  R_PROFILE,
  R_PX,
  R_PY,
  R_RADIUS,
  R_SCALE,
  R_SPAN,
  REGION_STRIDE,
} from './polar-regions.ts';

const TWO_PI = 2 * Math.PI;
/**
 * Offset (frame metres) of the two test points either side of a boundary piece. Coordinates are
 * within ~10⁵ m, held to ~10⁻¹¹ m, and region radii are compared to ~10⁻⁹ m: a micrometre tells the
 * two sides apart a thousand times over, and no feature of a 30 m DEM is that small.
 */
const SIDE_EPS = 1e-6;
/** Bearing margin (radians) when collecting a region's wedges around a piece: neighbours are included. */
const BEARING_MARGIN = 1e-9;
/** Sub-pieces shorter than this (parameter units) carry no area worth testing. */
const TINY = 1e-12;

const KIND_SEG = 0;
const KIND_ARC = 1;

/**
 * Exact area of (village ∩ union of polar regions), for every subset of the regions at once.
 *
 * Green's theorem along the boundary of the intersection, as the disk engine does, but for regions
 * whose boundary is made of arcs around their mast and radial segments (terrain footprints):
 * - each boundary piece of each region inside the village's box, and each village edge, is split
 *   where any other region's boundary (and, for region pieces, the village's boundary) crosses it;
 * - a sub-piece of region q counts for a subset S when q ∈ S, its outer side (a micrometre off) is in
 *   no region of S, and — for boundaries two regions share with their insides on the same side — no
 *   region of S with a lower index has its inner side; a sub-piece of a village edge counts when its
 *   inner side is in some region of S;
 * - so one pass records, per sub-piece, its ∮(x dy − y dx)/2 and the regions on either side (bit
 *   masks), and the area of any subset (everyone, one operator, one technology) is a sum.
 * Exact for the regions as defined (arcs and straight radials in the frame); see PolarRegions for how
 * close those are to geodesic circles and radials (~1e-6).
 */
export class TerrainUnionArea {
  /** Words per mask (32 regions each). */
  private words = 1;
  private value = new Float64Array(1024);
  /** Owner region of each sub-piece; −1 for a village edge. */
  private owner = new Int32Array(1024);
  /** Village edge: regions containing its inner side. Region piece: regions (≠ owner) containing its outer side. */
  private maskA = new Uint32Array(1024);
  /** Region piece: regions of lower index containing its inner side. */
  private maskB = new Uint32Array(1024);
  private count = 0;
  /** Regions that contain the whole village (no boundary in its box, a vertex inside). */
  private full = new Uint8Array(16);
  private relevant = new Uint8Array(16);
  private params = new Float64Array(256);
  private crossed = new Int32Array(16);
  private plus = new Uint32Array(4);
  private minus = new Uint32Array(4);
  private plusSub = new Uint32Array(4);
  private minusSub = new Uint32Array(4);
  /** Interval scratch: a region's wedge (ivA), the two sides of a radial (ivL, ivR), crossings (ivX). */
  private readonly ivA = new Float64Array(4096);
  private readonly ivL = new Float64Array(4096);
  private readonly ivR = new Float64Array(4096);
  private readonly ivX = new Float64Array(4096);
  private readonly strips = new EdgeStrips();
  private readonly pt = new Float64Array(2);
  private readonly outerPrev: number[] = [];
  private readonly outerCur: number[] = [];
  private readonly innerPrev: number[] = [];
  private readonly innerCur: number[] = [];
  // The piece being processed.
  private kind = KIND_SEG;
  private ax = 0;
  private ay = 0;
  private bx = 0;
  private by = 0;
  private cx = 0;
  private cy = 0;
  private r = 0;
  private a0 = 0;
  private a1 = 0;
  private minX = 0;
  private minY = 0;
  private maxX = 0;
  private maxY = 0;
  private poly: PlanarPolygon | null = null;
  private regions: PolarRegions | null = null;
  /** Pieces found (for measurements and tests). */
  pieces = 0;

  /** Computes the sub-pieces of `poly` ∩ the regions of `regions` (all of them). */
  prepare(poly: PlanarPolygon, regions: PolarRegions): void {
    this.poly = poly;
    this.regions = regions;
    const n = regions.count;
    this.words = Math.max(1, Math.ceil(n / 32));
    if (this.full.length < n) {
      this.full = new Uint8Array(n * 2);
      this.relevant = new Uint8Array(n * 2);
      this.crossed = new Int32Array(n * 2);
    }
    if (this.plus.length < this.words) {
      this.plus = new Uint32Array(this.words * 2);
      this.minus = new Uint32Array(this.words * 2);
      this.plusSub = new Uint32Array(this.words * 2);
      this.minusSub = new Uint32Array(this.words * 2);
    }
    this.count = 0;
    this.pieces = 0;
    this.strips.build(poly);
    const d = regions.data;
    for (let q = 0; q < n; q++) {
      const o = q * REGION_STRIDE;
      this.full[q] = 0;
      this.relevant[q] = d[o + R_MINX] <= poly.maxX && d[o + R_MAXX] >= poly.minX && d[o + R_MINY] <= poly.maxY && d[o + R_MAXY] >= poly.minY ? 1 : 0;
    }
    // Region pieces first: a region with none in the village's box contains all of it or none of it.
    for (let q = 0; q < n; q++) {
      if (!this.relevant[q]) continue;
      const before = this.pieces;
      this.regionPieces(q);
      if (this.pieces === before) {
        this.relevant[q] = 0;
        if (regions.contains(q, poly.xy[0], poly.xy[1])) this.full[q] = 1;
      }
    }
    this.villagePieces();
  }

  /**
   * Area (frame m²) of the village ∩ the union of the regions whose bit is set in `subset` (words of
   * 32 regions; the same layout as the masks).
   */
  area(subset: Uint32Array): number {
    const n = this.regions!.count;
    for (let q = 0; q < n; q++) if (this.full[q] && (subset[q >>> 5] >>> (q & 31)) & 1) return this.poly!.area;
    const w = this.words;
    let total = 0;
    for (let i = 0; i < this.count; i++) {
      const q = this.owner[i];
      const o = i * w;
      if (q < 0) {
        let hit = false;
        for (let k = 0; k < w && !hit; k++) if (this.maskA[o + k] & subset[k]) hit = true;
        if (hit) total += this.value[i];
        continue;
      }
      if (!((subset[q >>> 5] >>> (q & 31)) & 1)) continue;
      let blocked = false;
      for (let k = 0; k < w && !blocked; k++) if ((this.maskA[o + k] | this.maskB[o + k]) & subset[k]) blocked = true;
      if (!blocked) total += this.value[i];
    }
    const a = this.poly!.area;
    return total < 0 ? 0 : total > a ? a : total;
  }

  // ---- pieces -------------------------------------------------------------------------------

  /** Region q's boundary pieces that may lie in the village's box. */
  private regionPieces(q: number): void {
    const regions = this.regions!;
    const poly = this.poly!;
    const d = regions.data;
    const o = q * REGION_STRIDE;
    const px = d[o + R_PX];
    const py = d[o + R_PY];
    const north = d[o + R_NORTH];
    const [dmin, dmax] = boxDistanceRange(px, py, poly.minX, poly.minY, poly.maxX, poly.maxY);
    const span = boxBearingSpan(px, py, north, poly.minX, poly.minY, poly.maxX, poly.maxY);
    const from = d[o + R_FROM];
    const sectorSpan = d[o + R_SPAN];
    const profile = d[o + R_PROFILE];
    const n = profile >= 0 ? d[o + R_BEARINGS] : 1;
    const delta = profile >= 0 ? TWO_PI / n : TWO_PI;
    // Bearing ranges to visit: the sector ∩ the box's span (unwrapped, ascending).
    const ranges = arcIntersection(from, from + sectorSpan, span[0], span[1]);
    const seen = new Set<number>();
    for (let r = 0; r < ranges.length; r += 2) {
      const u0 = ranges[r];
      const u1 = ranges[r + 1];
      // Arcs, wedge by wedge in bearing order; an arc that goes on at the same radius into the next
      // wedge is extended rather than cut (the outer edge at the radius is one arc, not hundreds).
      this.outerPrev.length = 0;
      this.innerPrev.length = 0;
      const k0 = profile >= 0 ? Math.floor(u0 / delta) : 0;
      const k1 = profile >= 0 ? Math.ceil(u1 / delta) : 1;
      for (let kk = k0; kk < k1; kk++) {
        const b0 = profile >= 0 ? Math.max(kk * delta, u0) : u0;
        const b1 = profile >= 0 ? Math.min((kk + 1) * delta, u1) : u1;
        if (!(b1 > b0)) continue;
        const kIndex = profile >= 0 ? ((kk % n) + n) % n : 0;
        const count = regions.intervals(q, kIndex, this.ivA);
        const aLo = north - b1;
        const aHi = north - b0;
        this.outerCur.length = 0;
        this.innerCur.length = 0;
        for (let i = 0; i < count; i++) {
          const ra = this.ivA[2 * i];
          const rb = this.ivA[2 * i + 1];
          if (rb >= dmin && rb <= dmax) continueArc(this.outerPrev, this.outerCur, rb, aLo, aHi);
          if (ra > 0 && ra >= dmin && ra <= dmax) continueArc(this.innerPrev, this.innerCur, ra, aLo, aHi);
        }
        this.flushArcs(q, px, py, this.outerPrev, true);
        this.flushArcs(q, px, py, this.innerPrev, false);
        this.outerPrev.push(...this.outerCur);
        this.innerPrev.push(...this.innerCur);
      }
      this.flushArcs(q, px, py, this.outerPrev, true);
      this.flushArcs(q, px, py, this.innerPrev, false);
      // Radial segments on the wedge boundaries (and the sector's edges) inside the range, each once.
      const full = sectorSpan >= TWO_PI;
      // Keys: a grid line by its index, a sector edge off the grid by its bearing (one piece per line).
      const bounds: number[] = [];
      const keys: number[] = [];
      if (profile >= 0) {
        for (let kk = Math.ceil(u0 / delta); kk * delta <= u1; kk++) {
          bounds.push(kk * delta);
          keys.push(((kk % n) + n) % n);
        }
      }
      if (!full) {
        for (const edge of [from, from + sectorSpan]) {
          if (!within(edge, u0, u1)) continue;
          const grid = profile >= 0 ? edge / delta : NaN;
          const onGrid = Math.abs(grid - Math.round(grid)) < 1e-9;
          bounds.push(unwrapNear(edge, u0));
          keys.push(onGrid ? ((Math.round(grid) % n) + n) % n : n + 1 + Math.round((((edge % TWO_PI) + TWO_PI) % TWO_PI) * 1e9));
        }
      }
      for (let b = 0; b < bounds.length; b++) {
        const beta = bounds[b];
        if (seen.has(keys[b])) continue;
        seen.add(keys[b]);
        this.radialPieces(q, beta, dmin, dmax);
      }
    }
  }

  /** Emits the arcs of `list` (radius, frame angle low, high), ccw for outer edges, cw for inner; empties it. */
  private flushArcs(q: number, px: number, py: number, list: number[], outer: boolean): void {
    for (let i = 0; i < list.length; i += 3) {
      if (outer) this.arcPiece(q, px, py, list[i], list[i + 1], list[i + 2]);
      else this.arcPiece(q, px, py, list[i], list[i + 2], list[i + 1]);
    }
    list.length = 0;
  }

  /** Region q's arc around (px, py) of frame radius `radius` from frame angle `from` to `to` (ccw if to > from). */
  private arcPiece(q: number, px: number, py: number, radius: number, from: number, to: number): void {
    this.kind = KIND_ARC;
    this.cx = px;
    this.cy = py;
    this.r = radius;
    this.a0 = from;
    this.a1 = to;
    this.processPiece(q);
  }

  /** The radial segments of region q on bearing `beta`, where its two sides differ. */
  private radialPieces(q: number, beta: number, dmin: number, dmax: number): void {
    const regions = this.regions!;
    const d = regions.data;
    const o = q * REGION_STRIDE;
    const left = regions.intervalsAt(q, beta - BEARING_MARGIN * 10, this.ivL);
    const right = regions.intervalsAt(q, beta + BEARING_MARGIN * 10, this.ivR);
    const alpha = d[o + R_NORTH] - beta;
    const ux = Math.cos(alpha);
    const uy = Math.sin(alpha);
    const px = d[o + R_PX];
    const py = d[o + R_PY];
    // Sweep the two interval lists: where exactly one side is reached, a boundary segment.
    const cuts: number[] = [];
    for (let i = 0; i < left; i++) cuts.push(this.ivL[2 * i], this.ivL[2 * i + 1]);
    for (let i = 0; i < right; i++) cuts.push(this.ivR[2 * i], this.ivR[2 * i + 1]);
    cuts.sort((a, b) => a - b);
    for (let c = 0; c + 1 < cuts.length; c++) {
      const s0 = cuts[c];
      const s1 = cuts[c + 1];
      if (!(s1 > s0) || s1 < dmin || s0 > dmax) continue;
      const m = (s0 + s1) / 2;
      const inL = inIntervals(this.ivL, left, m);
      const inR = inIntervals(this.ivR, right, m);
      if (inL === inR) continue;
      this.kind = KIND_SEG;
      // Right side (larger bearing) reached: walk inward so it lies on the left; else walk outward.
      const from = inR ? s1 : s0;
      const to = inR ? s0 : s1;
      this.ax = px + from * ux;
      this.ay = py + from * uy;
      this.bx = px + to * ux;
      this.by = py + to * uy;
      this.processPiece(q);
    }
  }

  /** Village edges, each split where regions' boundaries cross it. */
  private villagePieces(): void {
    const poly = this.poly!;
    const xy = poly.xy;
    for (let r = 0; r < poly.ringCount; r++) {
      const s = poly.ringStart[r];
      const e = poly.ringStart[r + 1];
      for (let i = s; i < e; i++) {
        const j = i + 1 < e ? i + 1 : s;
        this.kind = KIND_SEG;
        this.ax = xy[i * 2];
        this.ay = xy[i * 2 + 1];
        this.bx = xy[j * 2];
        this.by = xy[j * 2 + 1];
        this.processPiece(-1);
      }
    }
  }

  // ---- splitting and classifying -------------------------------------------------------------

  private processPiece(owner: number): void {
    this.pieceBox();
    const regions = this.regions!;
    const poly = this.poly!;
    if (owner >= 0 && (this.maxX < poly.minX || this.minX > poly.maxX || this.maxY < poly.minY || this.minY > poly.maxY)) return;
    if (owner >= 0) this.pieces++;
    let np = 0;
    this.params[np++] = 0;
    this.params[np++] = 1;
    if (owner >= 0) np = this.villageCrossings(np);
    const d = regions.data;
    const n = regions.count;
    let nc = 0;
    const w = this.words;
    this.plus.fill(0, 0, w);
    this.minus.fill(0, 0, w);
    // Regions whose boundary does not cross the piece: one test for the whole piece (below).
    let constant = 0;
    for (let j = 0; j < n; j++) {
      // A region holding the whole village decides any subset it is in (see area): its bits never matter.
      if (j === owner || !this.relevant[j] || this.full[j]) continue;
      const o = j * REGION_STRIDE;
      if (d[o + R_MINX] > this.maxX || d[o + R_MAXX] < this.minX || d[o + R_MINY] > this.maxY || d[o + R_MAXY] < this.minY) continue;
      const before = np;
      np = this.regionCrossings(j, np);
      if (np > before) this.crossed[nc++] = j;
      else {
        this.crossed[nc++] = -1 - j;
        constant++;
      }
    }
    sortPrefix(this.params, np);
    // Constant regions: test at the middle of the first sub-piece of positive length.
    let tm = 0.5;
    for (let k = 0; k + 1 < np; k++) {
      if (this.params[k + 1] - this.params[k] > TINY) {
        tm = (this.params[k] + this.params[k + 1]) / 2;
        break;
      }
    }
    if (constant > 0 || nc > 0) {
      this.sides(tm);
      for (let c = 0; c < nc; c++) {
        const j = this.crossed[c];
        if (j >= 0) continue;
        const jj = -1 - j;
        if (regions.contains(jj, this.sx1, this.sy1)) this.plus[jj >>> 5] |= 1 << (jj & 31);
        if (regions.contains(jj, this.sx2, this.sy2)) this.minus[jj >>> 5] |= 1 << (jj & 31);
      }
    }
    for (let k = 0; k + 1 < np; k++) {
      const t0 = this.params[k];
      const t1 = this.params[k + 1];
      if (t1 - t0 <= TINY) continue;
      this.sides((t0 + t1) / 2);
      if (owner >= 0 && !this.insideVillage()) continue;
      for (let q = 0; q < w; q++) {
        this.plusSub[q] = this.plus[q];
        this.minusSub[q] = this.minus[q];
      }
      for (let c = 0; c < nc; c++) {
        const j = this.crossed[c];
        if (j < 0) continue;
        if (regions.contains(j, this.sx1, this.sy1)) this.plusSub[j >>> 5] |= 1 << (j & 31);
        if (regions.contains(j, this.sx2, this.sy2)) this.minusSub[j >>> 5] |= 1 << (j & 31);
      }
      this.record(owner, this.integral(t0, t1));
    }
  }

  /** Strict inside test through the strip index (both side points inside the village). */
  private insideVillage(): boolean {
    return this.strips.contains(this.poly!, this.sx1, this.sy1) && this.strips.contains(this.poly!, this.sx2, this.sy2);
  }

  private record(owner: number, value: number): void {
    if (this.count >= this.owner.length) this.grow();
    const w = this.words;
    const o = this.count * w;
    this.owner[this.count] = owner;
    this.value[this.count] = value;
    if (owner < 0) {
      for (let k = 0; k < w; k++) {
        this.maskA[o + k] = this.plusSub[k];
        this.maskB[o + k] = 0;
      }
    } else {
      for (let k = 0; k < w; k++) {
        this.maskA[o + k] = this.minusSub[k];
        // Only lower-indexed regions break a tie on a shared boundary.
        const lowBits = k < owner >>> 5 ? 0xffffffff : k === owner >>> 5 ? (1 << (owner & 31)) - 1 : 0;
        this.maskB[o + k] = (this.plusSub[k] & ~this.minusSub[k]) & lowBits;
      }
    }
    this.count++;
  }

  private grow(): void {
    const n = this.owner.length * 2;
    const w = this.words;
    const value = new Float64Array(n);
    value.set(this.value);
    this.value = value;
    const owner = new Int32Array(n);
    owner.set(this.owner);
    this.owner = owner;
    const a = new Uint32Array(n * w);
    a.set(this.maskA.subarray(0, this.count * w));
    this.maskA = a;
    const b = new Uint32Array(n * w);
    b.set(this.maskB.subarray(0, this.count * w));
    this.maskB = b;
  }

  // Side points of the current piece at parameter t: (sx1, sy1) on the inner side, (sx2, sy2) outer.
  private sx1 = 0;
  private sy1 = 0;
  private sx2 = 0;
  private sy2 = 0;

  private sides(t: number): void {
    let mx: number;
    let my: number;
    let nx: number;
    let ny: number;
    if (this.kind === KIND_SEG) {
      const dx = this.bx - this.ax;
      const dy = this.by - this.ay;
      mx = this.ax + t * dx;
      my = this.ay + t * dy;
      const len = Math.hypot(dx, dy);
      nx = -dy / len;
      ny = dx / len;
    } else {
      const phi = this.a0 + t * (this.a1 - this.a0);
      const c = Math.cos(phi);
      const s = Math.sin(phi);
      mx = this.cx + this.r * c;
      my = this.cy + this.r * s;
      // Counter-clockwise arcs enclose their inside; clockwise ones have it outside.
      const sign = this.a1 > this.a0 ? -1 : 1;
      nx = sign * c;
      ny = sign * s;
    }
    this.sx1 = mx + SIDE_EPS * nx;
    this.sy1 = my + SIDE_EPS * ny;
    this.sx2 = mx - SIDE_EPS * nx;
    this.sy2 = my - SIDE_EPS * ny;
  }

  /** ∫ (x dy − y dx)/2 over the current piece from parameter t0 to t1. */
  private integral(t0: number, t1: number): number {
    if (this.kind === KIND_SEG) {
      const dx = this.bx - this.ax;
      const dy = this.by - this.ay;
      const x0 = this.ax + t0 * dx;
      const y0 = this.ay + t0 * dy;
      const x1 = this.ax + t1 * dx;
      const y1 = this.ay + t1 * dy;
      return (x0 * y1 - y0 * x1) / 2;
    }
    const p0 = this.a0 + t0 * (this.a1 - this.a0);
    const p1 = this.a0 + t1 * (this.a1 - this.a0);
    const { cx, cy, r } = this;
    return (r * (cx * (Math.sin(p1) - Math.sin(p0)) - cy * (Math.cos(p1) - Math.cos(p0))) + r * r * (p1 - p0)) / 2;
  }

  private pieceBox(): void {
    if (this.kind === KIND_SEG) {
      this.minX = Math.min(this.ax, this.bx);
      this.maxX = Math.max(this.ax, this.bx);
      this.minY = Math.min(this.ay, this.by);
      this.maxY = Math.max(this.ay, this.by);
      return;
    }
    const lo = Math.min(this.a0, this.a1);
    const hi = Math.max(this.a0, this.a1);
    const { cx, cy, r } = this;
    let minX = Math.min(cx + r * Math.cos(lo), cx + r * Math.cos(hi));
    let maxX = Math.max(cx + r * Math.cos(lo), cx + r * Math.cos(hi));
    let minY = Math.min(cy + r * Math.sin(lo), cy + r * Math.sin(hi));
    let maxY = Math.max(cy + r * Math.sin(lo), cy + r * Math.sin(hi));
    for (let k = Math.ceil(lo / (Math.PI / 2)); k * (Math.PI / 2) <= hi; k++) {
      const m = ((k % 4) + 4) % 4;
      if (m === 0) maxX = cx + r;
      else if (m === 1) maxY = cy + r;
      else if (m === 2) minX = cx - r;
      else minY = cy - r;
    }
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
  }

  private pushParam(np: number, t: number): number {
    if (!(t > 0 && t < 1)) return np;
    if (np >= this.params.length) {
      const next = new Float64Array(this.params.length * 2);
      next.set(this.params);
      this.params = next;
    }
    this.params[np] = t;
    return np + 1;
  }

  /** Parameters where the village's edges cross the current piece. */
  private villageCrossings(np: number): number {
    const poly = this.poly!;
    const xy = poly.xy;
    const strips = this.strips;
    const s0 = strips.stripOf(this.minY);
    const s1 = strips.stripOf(this.maxY);
    for (let s = s0; s <= s1; s++) {
      for (let e = strips.start[s]; e < strips.start[s + 1]; e++) {
        const i = strips.edges[e];
        const j = strips.next[i];
        const ex0 = xy[i * 2];
        const ey0 = xy[i * 2 + 1];
        const ex1 = xy[j * 2];
        const ey1 = xy[j * 2 + 1];
        if (Math.max(ex0, ex1) < this.minX || Math.min(ex0, ex1) > this.maxX) continue;
        np = this.segmentCrossings(np, ex0, ey0, ex1, ey1);
      }
    }
    return np;
  }

  /** Parameters where segment (x0, y0)–(x1, y1) crosses the current piece. */
  private segmentCrossings(np: number, x0: number, y0: number, x1: number, y1: number): number {
    const ex = x1 - x0;
    const ey = y1 - y0;
    if (this.kind === KIND_SEG) {
      const dx = this.bx - this.ax;
      const dy = this.by - this.ay;
      const den = dx * ey - dy * ex;
      if (den === 0) return np;
      const wx = x0 - this.ax;
      const wy = y0 - this.ay;
      const t = (wx * ey - wy * ex) / den;
      const u = (wx * dy - wy * dx) / den;
      if (u < -1e-9 || u > 1 + 1e-9) return np;
      return this.pushParam(np, t);
    }
    // Segment ∩ circle, then the angles on the arc.
    const fx = x0 - this.cx;
    const fy = y0 - this.cy;
    const A = ex * ex + ey * ey;
    const B = fx * ex + fy * ey;
    const C = fx * fx + fy * fy - this.r * this.r;
    const disc = B * B - A * C;
    if (disc < 0 || A === 0) return np;
    const sq = Math.sqrt(disc);
    for (const u of [(-B - sq) / A, (-B + sq) / A]) {
      if (u < -1e-9 || u > 1 + 1e-9) continue;
      np = this.pushParam(np, this.arcParam(Math.atan2(fy + u * ey, fx + u * ex)));
    }
    return np;
  }

  /** The parameter of angle φ (any turn) on the current arc, or −1 when outside it. */
  private arcParam(phi: number): number {
    const lo = Math.min(this.a0, this.a1);
    const hi = Math.max(this.a0, this.a1);
    let p = (phi - lo) % TWO_PI;
    if (p < 0) p += TWO_PI;
    p += lo;
    if (p > hi + 1e-12) {
      if (p - TWO_PI >= lo - 1e-12) p -= TWO_PI;
      else return -1;
    }
    return (p - this.a0) / (this.a1 - this.a0);
  }

  /** Parameters where region j's boundary crosses the current piece. */
  private regionCrossings(j: number, np: number): number {
    const regions = this.regions!;
    const d = regions.data;
    const o = j * REGION_STRIDE;
    const px = d[o + R_PX];
    const py = d[o + R_PY];
    const north = d[o + R_NORTH];
    const [dmin, dmax] = boxDistanceRange(px, py, this.minX, this.minY, this.maxX, this.maxY);
    const rf = d[o + R_RADIUS] * d[o + R_SCALE];
    if (dmin > rf) return np;
    const span = boxBearingSpan(px, py, north, this.minX, this.minY, this.maxX, this.maxY);
    const from = d[o + R_FROM];
    const sectorSpan = d[o + R_SPAN];
    const profile = d[o + R_PROFILE];
    const n = profile >= 0 ? d[o + R_BEARINGS] : 1;
    const delta = profile >= 0 ? TWO_PI / n : TWO_PI;
    const full = sectorSpan >= TWO_PI;
    const ranges = arcIntersection(from, from + sectorSpan, span[0] - BEARING_MARGIN, span[1] + BEARING_MARGIN);
    // Sector edges.
    if (!full) {
      for (const edge of [from, from + sectorSpan]) if (within(edge, span[0] - BEARING_MARGIN, span[1] + BEARING_MARGIN)) np = this.lineCrossings(np, px, py, north - edge);
    }
    for (let r = 0; r < ranges.length; r += 2) {
      const u0 = ranges[r];
      const u1 = ranges[r + 1];
      if (profile < 0) {
        if (rf >= dmin && rf <= dmax) np = this.circleCrossings(np, px, py, rf, j, -Infinity, Infinity);
        continue;
      }
      for (let kk = Math.ceil(u0 / delta); kk * delta <= u1; kk++) np = this.lineCrossings(np, px, py, north - kk * delta);
      for (let kk = Math.floor(u0 / delta); kk * delta < u1; kk++) {
        const kIndex = ((kk % n) + n) % n;
        const count = regions.intervals(j, kIndex, this.ivX);
        const b0 = kk * delta - BEARING_MARGIN;
        const b1 = (kk + 1) * delta + BEARING_MARGIN;
        for (let i = 0; i < 2 * count; i++) {
          const rad = this.ivX[i];
          if (rad <= 0 || rad < dmin || rad > dmax) continue;
          np = this.circleCrossings(np, px, py, rad, j, b0, b1);
        }
      }
    }
    return np;
  }

  /** Parameters where the line through (px, py) at frame angle α crosses the current piece. */
  private lineCrossings(np: number, px: number, py: number, alpha: number): number {
    const ux = Math.cos(alpha);
    const uy = Math.sin(alpha);
    if (this.kind === KIND_SEG) {
      const dx = this.bx - this.ax;
      const dy = this.by - this.ay;
      const den = dx * uy - dy * ux;
      if (den === 0) return np;
      const wx = px - this.ax;
      const wy = py - this.ay;
      const t = (wx * uy - wy * ux) / den;
      // Only the ray (the bearing line from the mast), not its extension behind.
      const s = (wx * dy - wy * dx) / den;
      if (s < -1e-9) return np;
      return this.pushParam(np, t);
    }
    // n·(c + r·e(φ) − p) = 0 with n the line's normal.
    const nx = -uy;
    const ny = ux;
    const g = nx * (this.cx - px) + ny * (this.cy - py);
    const k = -g / this.r;
    if (k < -1 || k > 1) return np;
    const psi = Math.atan2(ny, nx);
    const h = Math.acos(k);
    for (const phi of [psi - h, psi + h]) {
      const xx = this.cx + this.r * Math.cos(phi) - px;
      const yy = this.cy + this.r * Math.sin(phi) - py;
      if (xx * ux + yy * uy < -1e-9) continue;
      np = this.pushParam(np, this.arcParam(phi));
    }
    return np;
  }

  /**
   * Parameters where the circle (px, py, rad) of region j crosses the current piece, kept when the
   * crossing's bearing from j's mast lies in [b0, b1] (the wedge the radius belongs to).
   */
  private circleCrossings(np: number, px: number, py: number, rad: number, j: number, b0: number, b1: number): number {
    const pt = this.pt;
    let found = 0;
    if (this.kind === KIND_SEG) {
      const dx = this.bx - this.ax;
      const dy = this.by - this.ay;
      const fx = this.ax - px;
      const fy = this.ay - py;
      const A = dx * dx + dy * dy;
      const B = fx * dx + fy * dy;
      const C = fx * fx + fy * fy - rad * rad;
      const disc = B * B - A * C;
      if (disc < 0 || A === 0) return np;
      const sq = Math.sqrt(disc);
      const q = -(B + (B >= 0 ? sq : -sq));
      const t1 = q / A;
      const t2 = q !== 0 ? C / q : t1;
      for (const t of [t1, t2]) {
        if (!(t > 0 && t < 1)) continue;
        pt[0] = this.ax + t * dx;
        pt[1] = this.ay + t * dy;
        if (this.bearingWithin(j, pt[0], pt[1], b0, b1)) {
          np = this.pushParam(np, t);
          found++;
        }
      }
      return np;
    }
    const ex = px - this.cx;
    const ey = py - this.cy;
    const dist = Math.hypot(ex, ey);
    if (dist === 0) return np;
    const r = this.r;
    if (dist > r + rad || dist < Math.abs(r - rad)) return np;
    let cosH = (r * r + dist * dist - rad * rad) / (2 * r * dist);
    if (cosH > 1) cosH = 1;
    else if (cosH < -1) cosH = -1;
    const h = Math.acos(cosH);
    const base = Math.atan2(ey, ex);
    for (const phi of [base - h, base + h]) {
      const t = this.arcParam(phi);
      if (!(t > 0 && t < 1)) continue;
      pt[0] = this.cx + r * Math.cos(phi);
      pt[1] = this.cy + r * Math.sin(phi);
      if (this.bearingWithin(j, pt[0], pt[1], b0, b1)) {
        np = this.pushParam(np, t);
        found++;
      }
    }
    return np;
  }

  private bearingWithin(j: number, x: number, y: number, b0: number, b1: number): boolean {
    if (b0 === -Infinity) return true;
    const b = this.regions!.bearing(j, x, y);
    return within(b, b0, b1);
  }
}

/**
 * Moves an arc at `radius` from the previous wedge's list into the current one, extended to the
 * current wedge's frame angles, or starts a new one there (lists of radius, low angle, high angle).
 */
function continueArc(prev: number[], cur: number[], radius: number, aLo: number, aHi: number): void {
  for (let i = 0; i < prev.length; i += 3) {
    if (prev[i] === radius && prev[i + 1] === aHi) {
      cur.push(radius, aLo, prev[i + 2]);
      prev.splice(i, 3);
      return;
    }
  }
  cur.push(radius, aLo, aHi);
}

/** Whether bearing b (any turn) lies in [lo, hi] (unwrapped, hi − lo ≤ 2π + margin). */
function within(b: number, lo: number, hi: number): boolean {
  if (hi - lo >= TWO_PI) return true;
  let rel = (b - lo) % TWO_PI;
  if (rel < 0) rel += TWO_PI;
  return rel <= hi - lo;
}

/** b moved by whole turns to lie in [lo, lo + 2π). */
function unwrapNear(b: number, lo: number): number {
  let rel = (b - lo) % TWO_PI;
  if (rel < 0) rel += TWO_PI;
  return lo + rel;
}

/** Whether x lies in one of the `count` pairs of `iv`. */
function inIntervals(iv: Float64Array, count: number, x: number): boolean {
  for (let i = 0; i < count; i++) if (x >= iv[2 * i] && x <= iv[2 * i + 1]) return true;
  return false;
}

/**
 * The intersection of two bearing ranges [s1, e1] and [s2, e2] (radians, each unwrapped with
 * length ≤ 2π), as unwrapped pairs in the turn of the first range.
 */
function arcIntersection(s1: number, e1: number, s2: number, e2: number): number[] {
  if (e1 - s1 >= TWO_PI) return [s2, e2];
  if (e2 - s2 >= TWO_PI) return [s1, e1];
  const out: number[] = [];
  for (const shift of [-TWO_PI, 0, TWO_PI]) {
    const lo = Math.max(s1, s2 + shift);
    const hi = Math.min(e1, e2 + shift);
    if (hi > lo) out.push(lo, hi);
  }
  return out;
}

/** Smallest and largest distance from (px, py) to the box. */
function boxDistanceRange(px: number, py: number, minX: number, minY: number, maxX: number, maxY: number): [number, number] {
  const dx = px < minX ? minX - px : px > maxX ? px - maxX : 0;
  const dy = py < minY ? minY - py : py > maxY ? py - maxY : 0;
  const fx = Math.max(Math.abs(px - minX), Math.abs(px - maxX));
  const fy = Math.max(Math.abs(py - minY), Math.abs(py - maxY));
  return [Math.hypot(dx, dy) * (1 - 1e-12), Math.hypot(fx, fy) * (1 + 1e-12)];
}

/**
 * Bearings (radians clockwise from north, unwrapped [lo, hi]) under which the box is seen from
 * (px, py), whose north is at frame angle `north`; the full turn when the point is in the box.
 */
function boxBearingSpan(px: number, py: number, north: number, minX: number, minY: number, maxX: number, maxY: number): [number, number] {
  const pad = 1e-6;
  if (px >= minX - pad && px <= maxX + pad && py >= minY - pad && py <= maxY + pad) return [0, TWO_PI];
  const mid = Math.atan2((minY + maxY) / 2 - py, (minX + maxX) / 2 - px);
  let lo = Infinity;
  let hi = -Infinity;
  for (const [x, y] of [
    [minX, minY],
    [maxX, minY],
    [minX, maxY],
    [maxX, maxY],
  ]) {
    let a = Math.atan2(y - py, x - px) - mid;
    if (a > Math.PI) a -= TWO_PI;
    else if (a < -Math.PI) a += TWO_PI;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  // Frame angles [mid + lo, mid + hi] are bearings [north − mid − hi, north − mid − lo].
  let b0 = (north - mid - hi) % TWO_PI;
  if (b0 < 0) b0 += TWO_PI;
  return [b0, b0 + (hi - lo)];
}

/**
 * The village's edges bucketed by horizontal strips, for fast point-in-polygon tests and for
 * finding the edges near a piece.
 */
class EdgeStrips {
  count = 1;
  minY = 0;
  height = 1;
  start = new Int32Array(2);
  edges = new Int32Array(16);
  /** Vertex after vertex i along its ring. */
  next = new Int32Array(16);

  build(poly: PlanarPolygon): void {
    const nv = poly.vertexCount;
    if (this.next.length < nv) this.next = new Int32Array(nv * 2);
    for (let r = 0; r < poly.ringCount; r++) {
      const s = poly.ringStart[r];
      const e = poly.ringStart[r + 1];
      for (let i = s; i < e; i++) this.next[i] = i + 1 < e ? i + 1 : s;
    }
    const count = Math.max(1, Math.min(256, Math.ceil(nv / 4)));
    this.count = count;
    this.minY = poly.minY;
    this.height = (poly.maxY - poly.minY) / count || 1;
    if (this.start.length < count + 1) this.start = new Int32Array((count + 1) * 2);
    this.start.fill(0, 0, count + 1);
    const xy = poly.xy;
    for (let i = 0; i < nv; i++) {
      const j = this.next[i];
      const a = this.stripOf(Math.min(xy[i * 2 + 1], xy[j * 2 + 1]));
      const b = this.stripOf(Math.max(xy[i * 2 + 1], xy[j * 2 + 1]));
      for (let s = a; s <= b; s++) this.start[s + 1]++;
    }
    for (let s = 0; s < count; s++) this.start[s + 1] += this.start[s];
    const total = this.start[count];
    if (this.edges.length < total) this.edges = new Int32Array(total * 2);
    const fill = this.start.slice(0, count);
    for (let i = 0; i < nv; i++) {
      const j = this.next[i];
      const a = this.stripOf(Math.min(xy[i * 2 + 1], xy[j * 2 + 1]));
      const b = this.stripOf(Math.max(xy[i * 2 + 1], xy[j * 2 + 1]));
      for (let s = a; s <= b; s++) this.edges[fill[s]++] = i;
    }
  }

  stripOf(y: number): number {
    const s = Math.floor((y - this.minY) / this.height);
    return s < 0 ? 0 : s >= this.count ? this.count - 1 : s;
  }

  /** Even–odd test over the edges of the strip holding y. */
  contains(poly: PlanarPolygon, x: number, y: number): boolean {
    if (y < poly.minY || y > poly.maxY || x < poly.minX || x > poly.maxX) return false;
    const xy = poly.xy;
    const s = this.stripOf(y);
    let inside = false;
    for (let e = this.start[s]; e < this.start[s + 1]; e++) {
      const i = this.edges[e];
      const j = this.next[i];
      const ix = xy[i * 2];
      const iy = xy[i * 2 + 1];
      const jx = xy[j * 2];
      const jy = xy[j * 2 + 1];
      if (iy > y !== jy > y && x < ((jx - ix) * (y - iy)) / (jy - iy) + ix) inside = !inside;
    }
    return inside;
  }
}
