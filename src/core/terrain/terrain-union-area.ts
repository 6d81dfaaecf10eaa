import type { PlanarPolygon } from '../coverage/planar-polygon.ts';
import { sortPrefix } from '../coverage/interval-list.ts';
import {
  PolarRegions,
  turn,
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

/** Where a region piece lies against the village's boundary (village edges count as crossing it). */
const PLACE_OUTSIDE = 0;
const PLACE_INSIDE = 1;
const PLACE_CROSSING = 2;

/**
 * Exact area of (village ∩ union of polar regions), for every subset of the regions at once.
 *
 * Green's theorem along the boundary of the intersection, as the disk engine does, but for regions
 * whose boundary is made of arcs around their mast and radial segments (terrain footprints):
 * - each boundary piece of each region inside the village's box (less those its rows show wholly
 *   outside the village, and those found not crossing its boundary and outside it), and each village
 *   edge, is split where any other region's boundary (and, for region pieces, the village's
 *   boundary) crosses it;
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
  // Sub-pieces: their integral, owner region (−1 a village edge) and side masks.
  private value = new Float64Array(1024);
  private owner = new Int32Array(1024);
  /** Village edge: regions containing its inner side. Region piece: regions (≠ owner) containing its outer side. */
  private maskA = new Uint32Array(1024);
  /** Region piece: regions of lower index containing its inner side. */
  private maskB = new Uint32Array(1024);
  private count = 0;
  // Pieces (before splitting): kind, owner, geometry and box (stride PIECE_STRIDE).
  private pieceKind = new Uint8Array(1024);
  private pieceOwner = new Int32Array(1024);
  private pieceData = new Float64Array(1024 * PIECE_STRIDE);
  private pieceCount = 0;
  /** Regions that contain the whole village (no boundary in its box, a vertex inside). */
  private full = new Uint8Array(16);
  private relevant = new Uint8Array(16);
  private params = new Float64Array(256);
  /** The owner of the piece each parameter is a crossing with (−1 the village, −2 an end). */
  private tags = new Int32Array(256);
  private tag = -2;
  /** Regions whose membership must be tested (again) for the current piece. */
  private stale = new Uint8Array(16);
  private near = new Int32Array(16);
  /** Each region's pieces, stored one after the other: firstPiece[q] … endPiece[q] − 1. */
  private firstPiece = new Int32Array(16);
  private endPiece = new Int32Array(16);
  private plusSub = new Uint32Array(4);
  private minusSub = new Uint32Array(4);
  /** Interval scratch: a region's wedge (ivA) and the one before (ivPrev; the two swap), the two sides of a radial (ivL, ivR). */
  private ivA = new Float64Array(4096);
  private readonly ivL = new Float64Array(4096);
  private readonly ivR = new Float64Array(4096);
  private ivPrev = new Float64Array(4096);
  private readonly cuts = new Float64Array(8192);
  // Arcs running on from the previous wedge and from the current one (swapped wedge by wedge).
  private outerPrev = new ArcList();
  private outerCur = new ArcList();
  private innerPrev = new ArcList();
  private innerCur = new ArcList();
  /**
   * The bearing line radialPieces and radialBetween work on, and the distances from the mast within
   * which the village's box lies (kept here, not passed: doubles passed to a call V8 does not inline
   * are boxed, and that garbage cost more than the work).
   */
  private lineBearing = 0;
  private reachMin = 0;
  private reachMax = 0;
  /** The current wedge's frame angles, low and high (for continueArc). */
  private readonly wedgeAngles = new Float64Array(2);
  private readonly seenKeys = new KeySet();
  private readonly bounds: number[] = [];
  private readonly boundKeys: number[] = [];
  private readonly strips = new EdgeStrips();
  private readonly rows = new RowExtents();
  private readonly trig = new TrigMemo();
  /** The village's edges; region pieces that may lie inside it; region pieces wholly outside it. */
  private readonly edgeGrid = new PieceGrid();
  private readonly keptGrid = new PieceGrid();
  private readonly droppedGrid = new PieceGrid();
  /** Per piece: PLACE_OUTSIDE, PLACE_INSIDE (no crossing with the village's boundary) or PLACE_CROSSING. */
  private place = new Uint8Array(1024);
  // The piece being split and classified.
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
  private poly: PlanarPolygon | null = null;
  private regions: PolarRegions | null = null;
  /** Region pieces of the current region left out by storePiece as wholly outside the village. */
  private outsidePieces = 0;
  /** Pieces kept: in the village's box and not found wholly outside it by its rows (for measurements and tests). */
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
      this.stale = new Uint8Array(n * 2);
      this.near = new Int32Array(n * 2);
      this.firstPiece = new Int32Array(n * 2);
      this.endPiece = new Int32Array(n * 2);
    }
    if (this.plusSub.length < this.words) {
      this.plusSub = new Uint32Array(this.words * 2);
      this.minusSub = new Uint32Array(this.words * 2);
    }
    // The side masks hold `words` words a sub-piece: a village with more regions than the last needs
    // them larger (a typed array drops writes past its end, which left masks empty and pieces counted).
    if (this.maskA.length < this.owner.length * this.words) {
      this.maskA = new Uint32Array(this.owner.length * this.words);
      this.maskB = new Uint32Array(this.owner.length * this.words);
    }
    this.count = 0;
    this.pieceCount = 0;
    this.strips.build(poly);
    this.rows.build(poly, this.strips.next);
    const d = regions.data;
    for (let q = 0; q < n; q++) {
      const o = q * REGION_STRIDE;
      this.full[q] = 0;
      this.relevant[q] = d[o + R_MINX] <= poly.maxX && d[o + R_MAXX] >= poly.minX && d[o + R_MINY] <= poly.maxY && d[o + R_MAXY] >= poly.minY ? 1 : 0;
    }
    // A region with no boundary piece in the village's box contains all of it or none of it (not so
    // when its pieces were left out as outside the village: they may pass between its parts).
    for (let q = 0; q < n; q++) {
      if (!this.relevant[q]) continue;
      const before = this.pieceCount;
      this.outsidePieces = 0;
      this.regionPieces(q);
      this.firstPiece[q] = before;
      this.endPiece[q] = this.pieceCount;
      if (this.pieceCount === before && this.outsidePieces === 0) {
        this.relevant[q] = 0;
        if (regions.containsAt(q, poly.xy, 0)) this.full[q] = 1;
      }
    }
    const regionPieces = this.pieceCount;
    this.villagePieces();
    this.pieces = this.pieceCount;
    if (this.place.length < this.pieceCount) this.place = new Uint8Array(this.pieceCount * 2);
    // First where each region piece lies against the village's boundary: some pieces the rows let
    // through are wholly outside the village (~7 % of those stored on Kon Tum), and record nothing.
    // They cross the others only outside the village, on stretches that record nothing either, so
    // the pieces inside do not look for them; the village's edges still do.
    this.edgeGrid.build(this.pieceData, regionPieces, this.pieceCount, poly, null);
    for (let i = 0; i < regionPieces; i++) this.place[i] = this.placeOf(i);
    for (let i = regionPieces; i < this.pieceCount; i++) this.place[i] = PLACE_CROSSING;
    this.keptGrid.build(this.pieceData, 0, regionPieces, poly, { flags: this.place, value: PLACE_OUTSIDE, is: false });
    this.droppedGrid.build(this.pieceData, 0, regionPieces, poly, { flags: this.place, value: PLACE_OUTSIDE, is: true });
    for (let i = 0; i < this.pieceCount; i++) if (this.place[i] !== PLACE_OUTSIDE) this.splitAndClassify(i, i < regionPieces);
  }

  /** Where region piece i lies: crossing the village's boundary, or (not crossing it) inside or outside. */
  private placeOf(i: number): number {
    this.load(i);
    this.tag = -1;
    const np = this.villageCrossings(2, i);
    if (np > 2) return PLACE_CROSSING;
    this.sides(0.5);
    return this.insideVillage() ? PLACE_INSIDE : PLACE_OUTSIDE;
  }

  /**
   * Parameters on the current piece (piece i) where the village's edges cross it, after the first
   * `np`. (Hot helpers take a piece's index, not its box: doubles passed to a call V8 does not inline
   * are boxed, and that garbage cost more than the work.)
   */
  private villageCrossings(np: number, i: number): number {
    const g = this.pieceData;
    const oi = i * PIECE_STRIDE;
    const minX = g[oi + P_MINX];
    const minY = g[oi + P_MINY];
    const maxX = g[oi + P_MAXX];
    const maxY = g[oi + P_MAXY];
    const cand = this.edgeGrid.query(minX, minY, maxX, maxY);
    const found = this.edgeGrid.found;
    for (let c = 0; c < found; c++) {
      const j = cand[c];
      const oj = j * PIECE_STRIDE;
      if (g[oj + P_MINX] > maxX || g[oj + P_MAXX] < minX || g[oj + P_MINY] > maxY || g[oj + P_MAXY] < minY) continue;
      np = this.crossPiece(np, j);
    }
    return np;
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
    const dr = boxDistanceRange(px, py, poly.minX, poly.minY, poly.maxX, poly.maxY);
    const dmin = dr[0];
    const dmax = dr[1];
    this.reachMin = dmin;
    this.reachMax = dmax;
    const sp = boxBearingSpan(px, py, north, poly.minX, poly.minY, poly.maxX, poly.maxY);
    const span0 = sp[0];
    const span1 = sp[1];
    const from = d[o + R_FROM];
    const sectorSpan = d[o + R_SPAN];
    const profile = d[o + R_PROFILE];
    const n = profile >= 0 ? d[o + R_BEARINGS] : 1;
    const delta = profile >= 0 ? TWO_PI / n : TWO_PI;
    // Bearing ranges to visit: the sector ∩ the box's span (unwrapped, ascending).
    const ranges = arcIntersection(from, from + sectorSpan, span0, span1);
    const seen = this.seenKeys;
    seen.clear(profile >= 0 ? n : 0);
    const nr = ranges[4];
    const r0 = ranges[0];
    const r1 = ranges[1];
    const r2 = ranges[2];
    const r3 = ranges[3];
    for (let r = 0; r < nr; r += 2) {
      const u0 = r === 0 ? r0 : r2;
      const u1 = r === 0 ? r1 : r3;
      // Arcs, wedge by wedge in bearing order; an arc that goes on at the same radius into the next
      // wedge is extended rather than cut (the outer edge at the radius is one arc, not hundreds).
      this.outerPrev.n = 0;
      this.innerPrev.n = 0;
      const k0 = profile >= 0 ? Math.floor(u0 / delta) : 0;
      const k1 = profile >= 0 ? Math.ceil(u1 / delta) : 1;
      // The previous wedge's intervals, for the radial pieces on the line between it and the next.
      let prevCount = -1;
      for (let kk = k0; kk < k1; kk++) {
        const b0 = profile >= 0 ? Math.max(kk * delta, u0) : u0;
        const b1 = profile >= 0 ? Math.min((kk + 1) * delta, u1) : u1;
        if (!(b1 > b0)) continue;
        const kIndex = profile >= 0 ? wrapIndex(kk, n) : 0;
        const count = regions.intervals(q, kIndex, this.ivA);
        if (profile >= 0 && kk * delta >= u0 && !seen.has(kIndex)) {
          seen.add(kIndex);
          this.lineBearing = kk * delta;
          if (prevCount < 0) this.radialPieces(q);
          // The same intervals on both sides (the usual case between two wedges): no boundary here.
          else if (!sameIntervals(this.ivPrev, prevCount, this.ivA, count)) this.radialBetween(q, this.ivPrev, prevCount, this.ivA, count);
        }
        prevCount = b1 === (kk + 1) * delta ? count : -1;
        const angles = this.wedgeAngles;
        angles[0] = north - b1;
        angles[1] = north - b0;
        this.outerCur.n = 0;
        this.innerCur.n = 0;
        for (let i = 0; i < count; i++) {
          const ra = this.ivA[2 * i];
          const rb = this.ivA[2 * i + 1];
          if (rb >= dmin && rb <= dmax) continueArc(this.outerPrev, this.outerCur, this.ivA, 2 * i + 1, angles);
          if (ra > 0 && ra >= dmin && ra <= dmax) continueArc(this.innerPrev, this.innerCur, this.ivA, 2 * i, angles);
        }
        this.flushArcs(q, this.outerPrev, true);
        this.flushArcs(q, this.innerPrev, false);
        // This wedge becomes the previous one (the emptied lists and the old intervals are reused).
        const iv = this.ivPrev;
        this.ivPrev = this.ivA;
        this.ivA = iv;
        const outer = this.outerPrev;
        this.outerPrev = this.outerCur;
        this.outerCur = outer;
        const inner = this.innerPrev;
        this.innerPrev = this.innerCur;
        this.innerCur = inner;
      }
      this.flushArcs(q, this.outerPrev, true);
      this.flushArcs(q, this.innerPrev, false);
      // Radial segments on the wedge boundaries (and the sector's edges) inside the range, each once.
      const full = sectorSpan >= TWO_PI;
      // Keys: a grid line by its index, a sector edge off the grid by its bearing (one piece per line).
      const bounds = this.bounds;
      const keys = this.boundKeys;
      bounds.length = 0;
      keys.length = 0;
      if (profile >= 0) {
        for (let kk = Math.ceil(u0 / delta); kk * delta <= u1; kk++) {
          bounds.push(kk * delta);
          keys.push(wrapIndex(kk, n));
        }
      }
      if (!full) {
        for (const edge of [from, from + sectorSpan]) {
          if (!within(edge, u0, u1)) continue;
          const grid = profile >= 0 ? edge / delta : NaN;
          const onGrid = Math.abs(grid - Math.round(grid)) < 1e-9;
          bounds.push(unwrapNear(edge, u0));
          keys.push(onGrid ? wrapIndex(Math.round(grid), n) : n + 1 + Math.round((((edge % TWO_PI) + TWO_PI) % TWO_PI) * 1e9));
        }
      }
      for (let b = 0; b < bounds.length; b++) {
        const beta = bounds[b];
        if (seen.has(keys[b])) continue;
        seen.add(keys[b]);
        this.lineBearing = beta;
        this.radialPieces(q);
      }
    }
  }

  /**
   * Emits the arcs of `list` (radius, frame angle low, high) around region q's mast as its pieces,
   * ccw for outer edges, cw for inner; empties it.
   */
  private flushArcs(q: number, list: ArcList, outer: boolean): void {
    const d = this.regions!.data;
    const o = q * REGION_STRIDE;
    const a = list.data;
    for (let i = 0; i < list.n; i += 3) {
      if (a[i] < 0) continue;
      this.kind = KIND_ARC;
      this.cx = d[o + R_PX];
      this.cy = d[o + R_PY];
      this.r = a[i];
      this.a0 = outer ? a[i + 1] : a[i + 2];
      this.a1 = outer ? a[i + 2] : a[i + 1];
      this.storePiece(q);
    }
    list.n = 0;
  }

  /** The radial segments of region q on bearing `lineBearing`, where its two sides differ. */
  private radialPieces(q: number): void {
    const regions = this.regions!;
    const beta = this.lineBearing;
    const left = regions.intervalsAt(q, beta - BEARING_MARGIN * 10, this.ivL);
    const right = regions.intervalsAt(q, beta + BEARING_MARGIN * 10, this.ivR);
    if (!sameIntervals(this.ivL, left, this.ivR, right)) this.radialBetween(q, this.ivL, left, this.ivR, right);
  }

  /**
   * The radial segments of region q on bearing `lineBearing`, within `reachMin` … `reachMax` of its
   * mast, where the intervals on its left (smaller bearings, `left` pairs of `L`) and on its right
   * (`right` pairs of `R`) differ; the callers call it only when they differ ({@link sameIntervals}).
   */
  private radialBetween(q: number, L: Float64Array, left: number, R: Float64Array, right: number): void {
    const beta = this.lineBearing;
    const dmin = this.reachMin;
    const dmax = this.reachMax;
    const d = this.regions!.data;
    const o = q * REGION_STRIDE;
    // The line's direction, worked out at its first segment.
    let ux = NaN;
    let uy = NaN;
    const px = d[o + R_PX];
    const py = d[o + R_PY];
    // Sweep the two interval lists: where exactly one side is reached, a boundary segment.
    const cuts = this.cuts;
    let nc = 0;
    for (let i = 0; i < 2 * left; i++) cuts[nc++] = L[i];
    for (let i = 0; i < 2 * right; i++) cuts[nc++] = R[i];
    sortPrefix(cuts, nc);
    for (let c = 0; c + 1 < nc; c++) {
      const s0 = cuts[c];
      const s1 = cuts[c + 1];
      if (!(s1 > s0) || s1 < dmin || s0 > dmax) continue;
      const m = (s0 + s1) / 2;
      const inL = inIntervals(L, left, m);
      const inR = inIntervals(R, right, m);
      if (inL === inR) continue;
      if (Number.isNaN(ux)) {
        const trig = this.trig;
        trig.of(d[o + R_NORTH] - beta);
        ux = trig.cos;
        uy = trig.sin;
      }
      this.kind = KIND_SEG;
      // Right side (larger bearing) reached: walk inward so it lies on the left; else walk outward.
      const from = inR ? s1 : s0;
      const to = inR ? s0 : s1;
      this.ax = px + from * ux;
      this.ay = py + from * uy;
      this.bx = px + to * ux;
      this.by = py + to * uy;
      this.storePiece(q);
    }
  }

  /** Village edges as pieces (owner −1). */
  private villagePieces(): void {
    const poly = this.poly!;
    const xy = poly.xy;
    const next = this.strips.next;
    for (let i = 0; i < poly.vertexCount; i++) {
      const j = next[i];
      this.kind = KIND_SEG;
      this.ax = xy[i * 2];
      this.ay = xy[i * 2 + 1];
      this.bx = xy[j * 2];
      this.by = xy[j * 2 + 1];
      this.storePiece(-1);
    }
  }

  /** Stores the current piece (owner −1: a village edge) when its box meets the village's. */
  private storePiece(owner: number): void {
    let minX: number;
    let minY: number;
    let maxX: number;
    let maxY: number;
    if (this.kind === KIND_SEG) {
      minX = Math.min(this.ax, this.bx);
      maxX = Math.max(this.ax, this.bx);
      minY = Math.min(this.ay, this.by);
      maxY = Math.max(this.ay, this.by);
    } else {
      const lo = Math.min(this.a0, this.a1);
      const hi = Math.max(this.a0, this.a1);
      const { cx, cy, r, trig } = this;
      trig.of(lo);
      const xLo = cx + r * trig.cos;
      const yLo = cy + r * trig.sin;
      trig.of(hi);
      const xHi = cx + r * trig.cos;
      const yHi = cy + r * trig.sin;
      minX = Math.min(xLo, xHi);
      maxX = Math.max(xLo, xHi);
      minY = Math.min(yLo, yHi);
      maxY = Math.max(yLo, yHi);
      for (let k = Math.ceil(lo / (Math.PI / 2)); k * (Math.PI / 2) <= hi; k++) {
        const m = ((k % 4) + 4) % 4;
        if (m === 0) maxX = cx + r;
        else if (m === 1) maxY = cy + r;
        else if (m === 2) minX = cx - r;
        else minY = cy - r;
      }
    }
    const poly = this.poly!;
    if (maxX < poly.minX || minX > poly.maxX || maxY < poly.minY || minY > poly.maxY) return;
    // A region piece clear of the village in every row it spans is wholly outside it and crosses no
    // edge of it: it would record nothing and change no other piece's sub-pieces inside the village.
    if (owner >= 0 && !this.rows.meets(minX, minY, maxX, maxY)) {
      this.outsidePieces++;
      return;
    }
    if (this.pieceCount >= this.pieceKind.length) this.growPieces();
    const i = this.pieceCount++;
    const o = i * PIECE_STRIDE;
    const g = this.pieceData;
    this.pieceKind[i] = this.kind;
    this.pieceOwner[i] = owner;
    if (this.kind === KIND_SEG) {
      g[o] = this.ax;
      g[o + 1] = this.ay;
      g[o + 2] = this.bx;
      g[o + 3] = this.by;
      g[o + 4] = 0;
    } else {
      g[o] = this.cx;
      g[o + 1] = this.cy;
      g[o + 2] = this.r;
      g[o + 3] = this.a0;
      g[o + 4] = this.a1;
    }
    g[o + P_MINX] = minX;
    g[o + P_MINY] = minY;
    g[o + P_MAXX] = maxX;
    g[o + P_MAXY] = maxY;
  }

  private growPieces(): void {
    const n = this.pieceKind.length * 2;
    const kind = new Uint8Array(n);
    kind.set(this.pieceKind);
    this.pieceKind = kind;
    const owner = new Int32Array(n);
    owner.set(this.pieceOwner);
    this.pieceOwner = owner;
    const data = new Float64Array(n * PIECE_STRIDE);
    data.set(this.pieceData);
    this.pieceData = data;
  }

  /** Loads piece i as the current piece. */
  private load(i: number): void {
    const g = this.pieceData;
    const o = i * PIECE_STRIDE;
    this.kind = this.pieceKind[i];
    if (this.kind === KIND_SEG) {
      this.ax = g[o];
      this.ay = g[o + 1];
      this.bx = g[o + 2];
      this.by = g[o + 3];
    } else {
      this.cx = g[o];
      this.cy = g[o + 1];
      this.r = g[o + 2];
      this.a0 = g[o + 3];
      this.a1 = g[o + 4];
    }
  }

  // ---- splitting and classifying -------------------------------------------------------------

  /**
   * Splits piece i where other pieces cross it and records its sub-pieces that lie on the boundary
   * of the village ∩ some region, with the regions on either side.
   */
  private splitAndClassify(i: number, isRegion: boolean): void {
    const owner = this.pieceOwner[i];
    const regions = this.regions!;
    const g = this.pieceData;
    const o = i * PIECE_STRIDE;
    const minX = g[o + P_MINX];
    const minY = g[o + P_MINY];
    const maxX = g[o + P_MAXX];
    const maxY = g[o + P_MAXY];
    this.load(i);
    let np = 0;
    this.tag = -2;
    np = this.pushParam(np, 0, true);
    np = this.pushParam(np, 1, true);
    // Crossings with the pieces of other owners (village edges do not cross each other): for a
    // region piece the village's edges (when placeOf found it crossing them) and the region pieces
    // not wholly outside the village; for a village edge all region pieces.
    if (isRegion && this.place[i] === PLACE_CROSSING) {
      this.tag = -1;
      np = this.villageCrossings(np, i);
    }
    np = this.regionCrossings(np, this.keptGrid, owner, i);
    if (!isRegion) np = this.regionCrossings(np, this.droppedGrid, owner, i);
    // Regions to test: those (other than the owner) whose circle's box meets the piece's.
    const d = regions.data;
    let nn = 0;
    for (let q = 0; q < regions.count; q++) {
      if (q === owner || !this.relevant[q]) continue;
      const ro = q * REGION_STRIDE;
      if (d[ro + R_MINX] > maxX || d[ro + R_MAXX] < minX || d[ro + R_MINY] > maxY || d[ro + R_MAXY] < minY) continue;
      this.near[nn++] = q;
      this.stale[q] = 1;
    }
    this.sortParams(np);
    const w = this.words;
    for (let k = 0; k < w; k++) {
      this.plusSub[k] = 0;
      this.minusSub[k] = 0;
    }
    let outside = false;
    for (let k = 0; k + 1 < np; k++) {
      const tagged = this.tags[k];
      if (tagged >= 0) this.stale[tagged] = 1;
      const t0 = this.params[k];
      const t1 = this.params[k + 1];
      if (t1 - t0 <= TINY) continue;
      this.sides((t0 + t1) / 2);
      // An uncrossed piece placeOf found inside: its one sub-piece is the one placeOf tested.
      if (isRegion && !(np === 2 && this.place[i] === PLACE_INSIDE) && !this.insideVillage()) {
        outside = true;
        continue;
      }
      // Back inside after a stretch outside: crossings out there were not all collected.
      if (outside) {
        for (let c = 0; c < nn; c++) this.stale[this.near[c]] = 1;
        outside = false;
      }
      for (let c = 0; c < nn; c++) {
        const q = this.near[c];
        if (!this.stale[q]) continue;
        this.stale[q] = 0;
        const bit = 1 << (q & 31);
        const word = q >>> 5;
        const held = regions.containsPair(q, this.side);
        if (held & 1) this.plusSub[word] |= bit;
        else this.plusSub[word] &= ~bit;
        if (held & 2) this.minusSub[word] |= bit;
        else this.minusSub[word] &= ~bit;
      }
      this.record(owner, this.integral(t0, t1));
    }
    for (let c = 0; c < nn; c++) this.stale[this.near[c]] = 0;
  }

  /**
   * Parameters on the current piece (piece i, owner `owner`) where the region pieces of `grid` of
   * other owners cross it. The owner's own pieces (most of what a cell lists: a region's boundary
   * is a chain of short pieces) are passed over in the grid, by their index range.
   */
  private regionCrossings(np: number, grid: PieceGrid, owner: number, i: number): number {
    const g = this.pieceData;
    const oi = i * PIECE_STRIDE;
    const minX = g[oi + P_MINX];
    const minY = g[oi + P_MINY];
    const maxX = g[oi + P_MAXX];
    const maxY = g[oi + P_MAXY];
    const cand = grid.query(minX, minY, maxX, maxY, owner >= 0 ? this.firstPiece[owner] : 0, owner >= 0 ? this.endPiece[owner] : 0);
    const found = grid.found;
    for (let c = 0; c < found; c++) {
      const j = cand[c];
      const other = this.pieceOwner[j];
      const oj = j * PIECE_STRIDE;
      if (g[oj + P_MINX] > maxX || g[oj + P_MAXX] < minX || g[oj + P_MINY] > maxY || g[oj + P_MAXY] < minY) continue;
      this.tag = other;
      np = this.crossPiece(np, j);
    }
    return np;
  }

  /** Parameters on the current piece where piece j crosses it. */
  private crossPiece(np: number, j: number): number {
    const g = this.pieceData;
    const o = j * PIECE_STRIDE;
    if (this.pieceKind[j] === KIND_SEG) return this.segmentCrossings(np, o);
    const cx = g[o];
    const cy = g[o + 1];
    const r = g[o + 2];
    const lo = Math.min(g[o + 3], g[o + 4]);
    const hi = Math.max(g[o + 3], g[o + 4]);
    if (this.kind === KIND_SEG) {
      // Current segment ∩ circle (cx, cy, r), kept where on j's arc.
      const dx = this.bx - this.ax;
      const dy = this.by - this.ay;
      const fx = this.ax - cx;
      const fy = this.ay - cy;
      const A = dx * dx + dy * dy;
      const B = fx * dx + fy * dy;
      const C = fx * fx + fy * fy - r * r;
      const disc = B * B - A * C;
      if (disc < 0 || A === 0) return np;
      const sq = Math.sqrt(disc);
      for (let k = 0; k < 2; k++) {
        const t = (-B + (k === 0 ? -sq : sq)) / A;
        if (!(t > 0 && t < 1)) continue;
        if (!onArc(Math.atan2(fy + t * dy, fx + t * dx), lo, hi)) continue;
        np = this.pushParam(np, t);
      }
      return np;
    }
    // Circle ∩ circle, kept where on both arcs.
    const ex = cx - this.cx;
    const ey = cy - this.cy;
    const dist = Math.sqrt(ex * ex + ey * ey);
    if (dist === 0) return np;
    const ri = this.r;
    if (dist > ri + r || dist < Math.abs(ri - r)) return np;
    let cosH = (ri * ri + dist * dist - r * r) / (2 * ri * dist);
    if (cosH > 1) cosH = 1;
    else if (cosH < -1) cosH = -1;
    const h = Math.acos(cosH);
    const base = Math.atan2(ey, ex);
    for (let k = 0; k < 2; k++) {
      const phi = k === 0 ? base - h : base + h;
      const t = this.arcParam(phi);
      if (!(t > 0 && t < 1)) continue;
      const px = this.cx + ri * Math.cos(phi) - cx;
      const py = this.cy + ri * Math.sin(phi) - cy;
      if (!onArc(Math.atan2(py, px), lo, hi)) continue;
      np = this.pushParam(np, t);
    }
    return np;
  }

  /** Sorts the parameters with their tags (insertion sort when short, a shell sort when long). */
  private sortParams(np: number): void {
    const p = this.params;
    const g = this.tags;
    if (np <= 32) {
      for (let i = 1; i < np; i++) {
        const v = p[i];
        const t = g[i];
        let j = i - 1;
        while (j >= 0 && p[j] > v) {
          p[j + 1] = p[j];
          g[j + 1] = g[j];
          j--;
        }
        p[j + 1] = v;
        g[j + 1] = t;
      }
      return;
    }
    // Shell sort (Ciura's gaps): in place, no allocation, fast enough for the few hundred a long piece gets.
    for (const gap of SHELL_GAPS) {
      if (gap >= np) continue;
      for (let i = gap; i < np; i++) {
        const v = p[i];
        const t = g[i];
        let j = i;
        while (j >= gap && p[j - gap] > v) {
          p[j] = p[j - gap];
          g[j] = g[j - gap];
          j -= gap;
        }
        p[j] = v;
        g[j] = t;
      }
    }
  }

  /** Strict inside test through the strip index (both side points inside the village). */
  private insideVillage(): boolean {
    return this.strips.contains(this.poly!, this.side, 0) && this.strips.contains(this.poly!, this.side, 2);
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
        this.maskB[o + k] = this.plusSub[k] & lowBits;
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

  /** Side points of the current piece at parameter t: x, y on the inner side, then x, y on the outer. */
  private readonly side = new Float64Array(4);

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
      const len = Math.sqrt(dx * dx + dy * dy);
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
    const side = this.side;
    side[0] = mx + SIDE_EPS * nx;
    side[1] = my + SIDE_EPS * ny;
    side[2] = mx - SIDE_EPS * nx;
    side[3] = my - SIDE_EPS * ny;
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
    const { cx, cy, r, trig } = this;
    trig.of(p0);
    const c0 = trig.cos;
    const s0 = trig.sin;
    trig.of(p1);
    return (r * (cx * (trig.sin - s0) - cy * (trig.cos - c0)) + r * r * (p1 - p0)) / 2;
  }

  /** Appends parameter t (kept only inside (0, 1) unless `ends`) with the current tag. */
  private pushParam(np: number, t: number, ends = false): number {
    if (!ends && !(t > 0 && t < 1)) return np;
    if (np >= this.params.length) {
      const next = new Float64Array(this.params.length * 2);
      next.set(this.params);
      this.params = next;
      const tags = new Int32Array(this.tags.length * 2);
      tags.set(this.tags);
      this.tags = tags;
    }
    this.params[np] = t;
    this.tags[np] = this.tag;
    return np + 1;
  }

  /** Parameters where the segment stored at `o` of the pieces' data crosses the current piece. */
  private segmentCrossings(np: number, o: number): number {
    const g = this.pieceData;
    const x0 = g[o];
    const y0 = g[o + 1];
    const x1 = g[o + 2];
    const y1 = g[o + 3];
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
    for (let k = 0; k < 2; k++) {
      const u = (-B + (k === 0 ? -sq : sq)) / A;
      if (u < -1e-9 || u > 1 + 1e-9) continue;
      np = this.pushParam(np, this.arcParam(Math.atan2(fy + u * ey, fx + u * ex)));
    }
    return np;
  }

  /** The parameter of angle φ (any turn) on the current arc, or −1 when outside it. */
  private arcParam(phi: number): number {
    const lo = Math.min(this.a0, this.a1);
    const hi = Math.max(this.a0, this.a1);
    let p = turn(phi - lo) + lo;
    if (p > hi + 1e-12) {
      if (p - TWO_PI >= lo - 1e-12) p -= TWO_PI;
      else return -1;
    }
    return (p - this.a0) / (this.a1 - this.a0);
  }
}

/** Whether angle φ (any turn) lies on the arc of angles [lo, hi] (with a hair of slack at the ends). */
function onArc(phi: number, lo: number, hi: number): boolean {
  if (hi - lo >= TWO_PI) return true;
  return turn(phi - lo + 1e-12) <= hi - lo + 2e-12;
}

/** Gaps of the shell sort of crossing parameters (Ciura's sequence, extended). */
const SHELL_GAPS = [1750, 701, 301, 132, 57, 23, 10, 4, 1];

/** Stride of a stored piece: 5 geometry numbers (segment ax, ay, bx, by; arc cx, cy, r, a0, a1) and its box. */
const PIECE_STRIDE = 9;
const P_MINX = 5;
const P_MINY = 6;
const P_MAXX = 7;
const P_MAXY = 8;

/** A uniform grid over the village's box listing the pieces whose boxes meet each cell. */
class PieceGrid {
  private size = 1;
  private minX = 0;
  private minY = 0;
  private cellW = 1;
  private cellH = 1;
  private start = new Int32Array(2);
  private items = new Int32Array(64);
  private stamp = new Int32Array(64);
  private epoch = 0;
  private out = new Int32Array(64);
  /** Pieces found by the last query. */
  found = 0;

  /**
   * Lists pieces first … end − 1 of `data`; with `only`, those whose flag is (or, with `is: false`,
   * is not) `value`.
   */
  build(data: Float64Array, first: number, end: number, poly: PlanarPolygon, only: { flags: Uint8Array; value: number; is: boolean } | null): void {
    const listed = (i: number): boolean => only === null || (only.flags[i] === only.value) === only.is;
    let count = 0;
    for (let i = first; i < end; i++) if (listed(i)) count++;
    const size = Math.max(1, Math.min(64, Math.round(Math.sqrt(count))));
    this.size = size;
    this.minX = poly.minX;
    this.minY = poly.minY;
    this.cellW = (poly.maxX - poly.minX) / size || 1;
    this.cellH = (poly.maxY - poly.minY) / size || 1;
    const cells = size * size;
    if (this.start.length < cells + 1) this.start = new Int32Array((cells + 1) * 2);
    this.start.fill(0, 0, cells + 1);
    if (this.stamp.length < end) {
      this.stamp = new Int32Array(end * 2);
      this.out = new Int32Array(end * 2);
      this.epoch = 0;
    }
    for (let pass = 0; pass < 2; pass++) {
      for (let i = first; i < end; i++) {
        if (!listed(i)) continue;
        const o = i * PIECE_STRIDE;
        const x0 = this.col(data[o + P_MINX]);
        const x1 = this.col(data[o + P_MAXX]);
        const y0 = this.row(data[o + P_MINY]);
        const y1 = this.row(data[o + P_MAXY]);
        for (let y = y0; y <= y1; y++) {
          for (let x = x0; x <= x1; x++) {
            const c = y * size + x;
            if (pass === 0) this.start[c + 1]++;
            else this.items[this.fill[c]++] = i;
          }
        }
      }
      if (pass === 0) {
        for (let c = 0; c < cells; c++) this.start[c + 1] += this.start[c];
        if (this.items.length < this.start[cells]) this.items = new Int32Array(this.start[cells] * 2);
        if (this.fill.length < cells) this.fill = new Int32Array(cells * 2);
        this.fill.set(this.start.subarray(0, cells));
      }
    }
  }

  private fill = new Int32Array(4);

  private col(x: number): number {
    const c = Math.floor((x - this.minX) / this.cellW);
    return c < 0 ? 0 : c >= this.size ? this.size - 1 : c;
  }

  private row(y: number): number {
    const c = Math.floor((y - this.minY) / this.cellH);
    return c < 0 ? 0 : c >= this.size ? this.size - 1 : c;
  }

  /** The pieces whose cells meet the box (each once), other than skipFrom … skipEnd − 1, in `out[0 … found)`. */
  query(minX: number, minY: number, maxX: number, maxY: number, skipFrom = 0, skipEnd = 0): Int32Array {
    this.epoch++;
    if (this.epoch > 2_000_000_000) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    let n = 0;
    const x0 = this.col(minX);
    const x1 = this.col(maxX);
    const y0 = this.row(minY);
    const y1 = this.row(maxY);
    if (x0 === x1 && y0 === y1) {
      // One cell (most pieces): its list holds each piece once.
      const c = y0 * this.size + x0;
      for (let k = this.start[c]; k < this.start[c + 1]; k++) {
        const i = this.items[k];
        if (i < skipFrom || i >= skipEnd) this.out[n++] = i;
      }
      this.found = n;
      return this.out;
    }
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const c = y * this.size + x;
        for (let k = this.start[c]; k < this.start[c + 1]; k++) {
          const i = this.items[k];
          if ((i >= skipFrom && i < skipEnd) || this.stamp[i] === this.epoch) continue;
          this.stamp[i] = this.epoch;
          this.out[n++] = i;
        }
      }
    }
    this.found = n;
    return this.out;
  }
}

/**
 * Cosines and sines of recent angles: the wedge lines' angles come back as ends of arcs, as radials
 * and in arcs' integrals (the same numbers, so the same results as Math.cos and Math.sin).
 */
class TrigMemo {
  private readonly angle = new Float64Array(TRIG_SLOTS).fill(NaN);
  private readonly c = new Float64Array(TRIG_SLOTS);
  private readonly s = new Float64Array(TRIG_SLOTS);
  /** Results of the last `of`. */
  cos = 1;
  sin = 0;

  of(a: number): void {
    // Wedge lines are ≥ 1.7e-3 rad apart (3,600 bearings at most): ×4096 puts them ~7 slots apart.
    const k = ((a * 4096) | 0) & (TRIG_SLOTS - 1);
    if (this.angle[k] !== a) {
      this.angle[k] = a;
      this.c[k] = Math.cos(a);
      this.s[k] = Math.sin(a);
    }
    this.cos = this.c[k];
    this.sin = this.s[k];
  }
}

const TRIG_SLOTS = 1024;

/** A list of arcs (radius, low angle, high angle) in a growable typed array; radius −1 marks one taken. */
class ArcList {
  data = new Float64Array(96);
  n = 0;

  push(radius: number, lo: number, hi: number): void {
    if (this.n + 3 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n] = radius;
    this.data[this.n + 1] = lo;
    this.data[this.n + 2] = hi;
    this.n += 3;
  }
}

/**
 * Moves an arc at radius `radii[at]` from the previous wedge's list into the current one, extended
 * to the current wedge's frame angles (`angles`: low, high), or starts a new one there. (Numbers come
 * in typed arrays: doubles passed to a call V8 does not inline are boxed.)
 */
function continueArc(prev: ArcList, cur: ArcList, radii: Float64Array, at: number, angles: Float64Array): void {
  const radius = radii[at];
  const aLo = angles[0];
  const aHi = angles[1];
  const p = prev.data;
  for (let i = 0; i < prev.n; i += 3) {
    if (p[i] === radius && p[i + 1] === aHi) {
      cur.push(radius, aLo, p[i + 2]);
      p[i] = -1;
      return;
    }
  }
  cur.push(radius, aLo, aHi);
}

/**
 * Integer k brought into [0, n): what ((k % n) + n) % n gives, with branches for the usual case of
 * k within a turn of the range (V8 runs % on doubles as a call to fmod; this is on a hot path).
 */
function wrapIndex(k: number, n: number): number {
  if (k >= 0 && k < n) return k;
  if (k < 0 && k >= -n) return k + n;
  if (k >= n && k < 2 * n) return k - n;
  return ((k % n) + n) % n;
}

/**
 * A set of the keys regionPieces has seen for one region: wedge lines 0 … n − 1 by a stamp array
 * (cleared by moving the stamp on), the rare keys beyond (a sector edge off the grid) in a short list.
 */
class KeySet {
  private stamps = new Int32Array(1024);
  private epoch = 0;
  private limit = 0;
  private readonly others: number[] = [];

  /** Empties the set, for keys of which those below `limit` go to the stamp array. */
  clear(limit: number): void {
    if (this.stamps.length < limit) {
      this.stamps = new Int32Array(limit * 2);
      this.epoch = 0;
    }
    if (++this.epoch > 2_000_000_000) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
    this.limit = limit;
    this.others.length = 0;
  }

  has(k: number): boolean {
    if (k >= 0 && k < this.limit) return this.stamps[k] === this.epoch;
    return this.others.includes(k);
  }

  add(k: number): void {
    if (k >= 0 && k < this.limit) this.stamps[k] = this.epoch;
    else if (!this.others.includes(k)) this.others.push(k);
  }
}

/** Whether bearing b (any turn) lies in [lo, hi] (unwrapped, hi − lo ≤ 2π + margin). */
function within(b: number, lo: number, hi: number): boolean {
  if (hi - lo >= TWO_PI) return true;
  return turn(b - lo) <= hi - lo;
}

/** b moved by whole turns to lie in [lo, lo + 2π). */
function unwrapNear(b: number, lo: number): number {
  return lo + turn(b - lo);
}

/** Whether the first `a` pairs of `A` and the first `b` pairs of `B` are the same intervals. */
function sameIntervals(A: Float64Array, a: number, B: Float64Array, b: number): boolean {
  if (a !== b) return false;
  for (let i = 0; i < 2 * a; i++) if (A[i] !== B[i]) return false;
  return true;
}

/** Whether x lies in one of the `count` pairs of `iv`. */
function inIntervals(iv: Float64Array, count: number, x: number): boolean {
  for (let i = 0; i < count; i++) if (x >= iv[2 * i] && x <= iv[2 * i + 1]) return true;
  return false;
}

/**
 * The intersection of two bearing ranges [s1, e1] and [s2, e2] (radians, each unwrapped with
 * length ≤ 2π), as unwrapped pairs in the turn of the first range (count of numbers at [4]);
 * shared scratch: read before the next call.
 */
function arcIntersection(s1: number, e1: number, s2: number, e2: number): Float64Array {
  const out = ranges4;
  out[4] = 0;
  if (e1 - s1 >= TWO_PI || e2 - s2 >= TWO_PI) {
    out[0] = e1 - s1 >= TWO_PI ? s2 : s1;
    out[1] = e1 - s1 >= TWO_PI ? e2 : e1;
    out[4] = 2;
    return out;
  }
  let n = 0;
  for (let k = -1; k <= 1; k++) {
    const lo = Math.max(s1, s2 + k * TWO_PI);
    const hi = Math.min(e1, e2 + k * TWO_PI);
    if (hi > lo && n < 4) {
      out[n++] = lo;
      out[n++] = hi;
    }
  }
  out[4] = n;
  return out;
}

/** Scratch of arcIntersection: up to two ranges and their count of numbers at [4]. */
const ranges4 = new Float64Array(5);

/** Scratch results of boxDistanceRange and boxBearingSpan (no allocation in the hot path). */
const range2 = new Float64Array(2);
const span2 = new Float64Array(2);

/** Smallest and largest distance from (px, py) to the box, into `range2`. */
function boxDistanceRange(px: number, py: number, minX: number, minY: number, maxX: number, maxY: number): Float64Array {
  const dx = px < minX ? minX - px : px > maxX ? px - maxX : 0;
  const dy = py < minY ? minY - py : py > maxY ? py - maxY : 0;
  const fx = Math.max(Math.abs(px - minX), Math.abs(px - maxX));
  const fy = Math.max(Math.abs(py - minY), Math.abs(py - maxY));
  range2[0] = Math.sqrt(dx * dx + dy * dy) * (1 - 1e-12);
  range2[1] = Math.sqrt(fx * fx + fy * fy) * (1 + 1e-12);
  return range2;
}

/**
 * Bearings (radians clockwise from north, unwrapped [lo, hi]) under which the box is seen from
 * (px, py), whose north is at frame angle `north`; the full turn when the point is in the box.
 */
function boxBearingSpan(px: number, py: number, north: number, minX: number, minY: number, maxX: number, maxY: number): Float64Array {
  const pad = 1e-6;
  if (px >= minX - pad && px <= maxX + pad && py >= minY - pad && py <= maxY + pad) {
    span2[0] = 0;
    span2[1] = TWO_PI;
    return span2;
  }
  const mid = Math.atan2((minY + maxY) / 2 - py, (minX + maxX) / 2 - px);
  const c = Math.cos(mid);
  const s = Math.sin(mid);
  // Corner angles relative to the direction of the box's centre (all within ±π/2: the box is convex
  // and does not hold the point), from the corner vectors rotated by −mid.
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < 4; k++) {
    const x = (k & 1 ? maxX : minX) - px;
    const y = (k & 2 ? maxY : minY) - py;
    const a = Math.atan2(y * c - x * s, x * c + y * s);
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  // Frame angles [mid + lo, mid + hi] are bearings [north − mid − hi, north − mid − lo].
  const b0 = turn(north - mid - hi);
  span2[0] = b0;
  span2[1] = b0 + (hi - lo);
  return span2;
}

/**
 * Horizontal rows over the village's box, each with the x range of the village's edges within it
 * (widened by ROW_MARGIN): the village's part in a row lies within that range, as any horizontal
 * line meets the village on stretches ending on its edges; a row no edge passes through holds none
 * of it.
 */
class RowExtents {
  private minY = 0;
  private height = 1;
  private lo = new Float64Array(ROWS);
  private hi = new Float64Array(ROWS);

  /** `next`: the vertex after each vertex along its ring (EdgeStrips'), so edge i runs from i to next[i]. */
  build(poly: PlanarPolygon, next: Int32Array): void {
    this.minY = poly.minY;
    this.height = (poly.maxY - poly.minY) / ROWS || 1;
    const lo = this.lo;
    const hi = this.hi;
    lo.fill(Infinity);
    hi.fill(-Infinity);
    const xy = poly.xy;
    for (let i = 0; i < poly.vertexCount; i++) {
      const j = next[i];
      const ax = xy[i * 2];
      const ay = xy[i * 2 + 1];
      const bx = xy[j * 2];
      const by = xy[j * 2 + 1];
      const r0 = this.rowOf(Math.min(ay, by));
      const r1 = this.rowOf(Math.max(ay, by));
      for (let k = r0; k <= r1; k++) {
        // The edge's x where it enters and leaves the row (its ends when inside it).
        let x0 = ax;
        let x1 = bx;
        if (ay !== by && r0 !== r1) {
          const y0 = this.minY + k * this.height;
          const y1 = y0 + this.height;
          const ta = clamp01((y0 - ay) / (by - ay));
          const tb = clamp01((y1 - ay) / (by - ay));
          x0 = ax + ta * (bx - ax);
          x1 = ax + tb * (bx - ax);
        }
        const a = Math.min(x0, x1) - ROW_MARGIN;
        const b = Math.max(x0, x1) + ROW_MARGIN;
        if (a < lo[k]) lo[k] = a;
        if (b > hi[k]) hi[k] = b;
      }
    }
  }

  private rowOf(y: number): number {
    const r = Math.floor((y - this.minY) / this.height);
    return r < 0 ? 0 : r >= ROWS ? ROWS - 1 : r;
  }

  /** Whether the box meets the village's x range in one of the rows it spans. */
  meets(minX: number, minY: number, maxX: number, maxY: number): boolean {
    const r0 = this.rowOf(minY - ROW_MARGIN);
    const r1 = this.rowOf(maxY + ROW_MARGIN);
    for (let k = r0; k <= r1; k++) if (minX <= this.hi[k] && maxX >= this.lo[k]) return true;
    return false;
  }
}

/** Rows of RowExtents. */
const ROWS = 32;
/**
 * Widening (frame metres) of RowExtents' ranges: a millimetre, past the rounding of the row
 * clipping, the side points' micrometre and the 1e-9 (relative) slack of the crossing tests.
 */
const ROW_MARGIN = 1e-3;

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
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

  /** Even–odd test of point (`points[at]`, `points[at + 1]`) over the edges of the strip holding it. */
  contains(poly: PlanarPolygon, points: Float64Array, at: number): boolean {
    const x = points[at];
    const y = points[at + 1];
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
