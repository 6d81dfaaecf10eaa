import Flatbush from 'flatbush';
import { union, type Geom } from 'polyclip-ts';
import type { MultiPolygonCoords, PolygonCoords, Position } from '../model.ts';
import { errorMessage } from '../error-message.ts';

/**
 * Turns whatever polygon a user supplies into a valid MultiPolygon, or says why it cannot.
 *
 * Cheap fixes first (drop non-numeric noise, repeated vertices and out-and-back spikes, close
 * rings, drop degenerate holes and parts), then a topology check (edges crossing or overlapping,
 * a ring touching itself, holes outside their shell, parts inside each other) through a Flatbush
 * index of the edges. Only a polygon that fails the check is rebuilt, by polyclip-ts's union of the
 * polygon with itself, which reads self-crossing rings by the non-zero rule (a bow-tie becomes two
 * triangles). Output rings are closed, outer rings counter-clockwise and holes clockwise (RFC 7946);
 * orientation is normalised silently, every other change is recorded in `repairs`.
 */

export interface PolygonRepair {
  /** The valid geometry; when `invalidReason` is set, the input rings as far as they could be read. */
  geometry: MultiPolygonCoords;
  /** Short codes of what was fixed, in the order applied. */
  repairs: string[];
  /** Set when no valid polygon could be made; the village is kept, marked invalid. */
  invalidReason?: string;
  /**
   * Relative change of planar area caused by a topology rebuild, (after − before) / before, where
   * "before" counts shells minus holes as given. Only set when the polygon was rebuilt.
   */
  areaChange?: number;
}

/** Relative area loss beyond which a rebuild is reported as `area-lost`. */
export const AREA_LOSS_TOLERANCE = 1e-4;

type Ring = Position[];

/** Repairs a GeoJSON Polygon or MultiPolygon geometry; see the module comment. */
export function repairPolygon(geometry: { type: string; coordinates?: unknown }): PolygonRepair {
  const repairs: string[] = [];
  const parts = readParts(geometry);
  if (parts === null) return { geometry: [], repairs, invalidReason: 'bad-coordinates' };

  const kept: PolygonCoords[] = [];
  let droppedForCount = 0;
  let droppedForArea = 0;
  for (const part of parts) {
    const rings: Ring[] = [];
    for (let r = 0; r < part.length; r++) {
      const clean = cleanRing(part[r], repairs);
      const problem = ringProblem(clean);
      if (problem === null) {
        rings.push(clean);
        continue;
      }
      if (r === 0) {
        if (problem === 'too-few-points') droppedForCount++;
        else droppedForArea++;
        break;
      }
      addOnce(repairs, 'dropped-degenerate-hole');
    }
    // A rejected outer ring breaks out before anything is pushed: `rings[0]` is always the shell.
    if (rings.length > 0) kept.push(rings);
  }
  if (kept.length === 0) {
    const invalidReason =
      parts.length === 0 || droppedForArea === 0 ? 'too-few-points' : droppedForCount === 0 ? 'zero-area' : 'degenerate';
    return { geometry: closedParts(parts), repairs, invalidReason };
  }
  if (droppedForCount + droppedForArea > 0) addOnce(repairs, 'dropped-degenerate-part');

  const problems = topologyProblems(kept);
  if (problems.length === 0) {
    return { geometry: kept.map(orientPolygon), repairs };
  }
  for (const p of problems) addOnce(repairs, p);
  const before = plainArea(kept);
  let rebuilt: MultiPolygonCoords;
  try {
    rebuilt = union(kept.map((p) => p.map((r) => r.map(([x, y]) => [x, y] as [number, number]))) as Geom) as MultiPolygonCoords;
  } catch (error) {
    const detail = errorMessage(error);
    return { geometry: closedParts(parts), repairs, invalidReason: `repair-failed: ${detail}` };
  }
  if (rebuilt.length === 0) return { geometry: closedParts(parts), repairs, invalidReason: 'repair-empty' };
  const after = plainArea(rebuilt);
  const areaChange = before > 0 ? (after - before) / before : after > 0 ? Infinity : 0;
  if (areaChange < -AREA_LOSS_TOLERANCE) repairs.push('area-lost');
  return { geometry: rebuilt.map(orientPolygon), repairs, areaChange };
}

function addOnce(list: string[], code: string): void {
  if (!list.includes(code)) list.push(code);
}

/** Reads the rings as [x, y] pairs; null when a coordinate is not a finite number. */
function readParts(geometry: { type: string; coordinates?: unknown }): Ring[][] | null {
  const coords = geometry.coordinates;
  if (!Array.isArray(coords)) return null;
  const polys = geometry.type === 'Polygon' ? [coords] : geometry.type === 'MultiPolygon' ? coords : null;
  if (polys === null) return null;
  const out: Ring[][] = [];
  for (const poly of polys) {
    if (!Array.isArray(poly)) return null;
    const rings: Ring[] = [];
    for (const ring of poly) {
      if (!Array.isArray(ring)) return null;
      const pts: Ring = [];
      for (const p of ring) {
        if (!Array.isArray(p) || p.length < 2) return null;
        const x = p[0];
        const y = p[1];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
        // A position of exactly [x, y] is shared, not copied (nothing here or after changes a position).
        pts.push(p.length === 2 ? (p as Position) : [x, y]);
      }
      rings.push(pts);
    }
    out.push(rings);
  }
  return out;
}

/** What an invalid village keeps: its rings as given, closed (made only for those). */
function closedParts(parts: Ring[][]): PolygonCoords[] {
  return parts.map((p) => p.map(closeRing).filter((r) => r.length > 0));
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function closeRing(ring: Ring): Ring {
  if (ring.length === 0) return ring;
  return samePoint(ring[0], ring[ring.length - 1]) ? ring.slice() : [...ring, ring[0]];
}

/** Returns the ring open (last != first), without repeats or spikes; records what it changed. */
function cleanRing(input: Ring, repairs: string[]): Ring {
  if (input.length === 0) return [];
  let ring = input.slice();
  const closed = ring.length > 1 && samePoint(ring[0], ring[ring.length - 1]);
  if (closed) ring.pop();
  else if (ring.length >= 3) addOnce(repairs, 'closed-ring');

  const dedup: Ring = [];
  for (const p of ring) if (dedup.length === 0 || !samePoint(dedup[dedup.length - 1], p)) dedup.push(p);
  while (dedup.length > 1 && samePoint(dedup[0], dedup[dedup.length - 1])) dedup.pop();
  if (dedup.length !== ring.length) addOnce(repairs, 'removed-repeated-vertices');
  ring = dedup;

  // An out-and-back spike A→B→A leaves a zero-width sliver; drop B and the repeated A.
  let changed = true;
  let removedSpike = false;
  while (changed && ring.length >= 3) {
    changed = false;
    const stack: Ring = [];
    for (const p of ring) {
      if (stack.length >= 2 && samePoint(stack[stack.length - 2], p)) {
        stack.pop();
        changed = true;
        continue;
      }
      stack.push(p);
    }
    // The wrap-around: last → first → second.
    while (stack.length >= 3 && samePoint(stack[stack.length - 1], stack[1])) {
      stack.shift();
      stack.pop();
      changed = true;
    }
    while (stack.length >= 3 && samePoint(stack[stack.length - 2], stack[0])) {
      stack.pop();
      changed = true;
    }
    while (stack.length > 1 && samePoint(stack[0], stack[stack.length - 1])) stack.pop();
    if (changed) removedSpike = true;
    ring = stack;
  }
  if (removedSpike) addOnce(repairs, 'removed-spike');
  return ring;
}

/** A ring needs three distinct points not all on one line (a bow-tie has zero signed area but is fine). */
function ringProblem(ring: Ring): 'too-few-points' | 'zero-area' | null {
  if (ring.length < 3) return 'too-few-points';
  const a = ring[0];
  const b = ring[1];
  for (let k = 2; k < ring.length; k++) if (orient(a, b, ring[k]) !== 0) return null;
  return 'zero-area';
}

/** Shoelace area of an open or closed ring, positive when counter-clockwise (y up); 0 for an empty ring. */
export function signedArea(ring: readonly (readonly number[])[]): number {
  if (ring.length === 0) return 0;
  let sum = 0;
  const n = ring.length;
  const x0 = ring[0][0];
  const y0 = ring[0][1];
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += (ring[j][0] - x0) * (ring[i][1] - y0) - (ring[i][0] - x0) * (ring[j][1] - y0);
  }
  return sum / 2;
}

function plainArea(polys: MultiPolygonCoords): number {
  let total = 0;
  for (const poly of polys) {
    let a = Math.abs(signedArea(poly[0]));
    for (let h = 1; h < poly.length; h++) a -= Math.abs(signedArea(poly[h]));
    total += Math.max(0, a);
  }
  return total;
}

function orientPolygon(poly: PolygonCoords): PolygonCoords {
  return poly.map((ring, i) => {
    const closed = closeRing(ring);
    const ccw = signedArea(closed) > 0;
    // `closed` is a new array: reversed in place.
    return (i === 0) === ccw ? closed : closed.reverse();
  });
}

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/** 0: disjoint, 1: touch in one point, 2: proper crossing or collinear overlap. */
function segmentContact(a: Position, b: Position, c: Position, d: Position): 0 | 1 | 2 {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return 2;
  if (o1 === 0 && o2 === 0) {
    // Collinear: overlap of positive length is a 2, a shared end point a 1.
    const useX = a[0] !== b[0];
    const k = useX ? 0 : 1;
    const lo = Math.max(Math.min(a[k], b[k]), Math.min(c[k], d[k]));
    const hi = Math.min(Math.max(a[k], b[k]), Math.max(c[k], d[k]));
    if (lo < hi) return 2;
    return lo === hi ? 1 : 0;
  }
  if ((o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) ||
      (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))) return 1;
  return 0;
}

/** -1 on the boundary, 0 outside, 1 inside (crossing number). */
function pointInRing(p: Position, ring: Ring): -1 | 0 | 1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (orient(a, b, p) === 0 && onSegment(a, b, p)) return -1;
    if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside ? 1 : 0;
}

/** Where `inner` lies relative to `outer`, judged by its first vertex not on `outer`'s boundary. */
function ringInside(inner: Ring, outer: Ring): boolean {
  for (const p of inner) {
    const where = pointInRing(p, outer);
    if (where !== -1) return where === 1;
  }
  return true;
}

const OFF_PART = 0;
const OFF_RING = 1;
const OFF_EDGE = 2;
const EDGE_STRIDE = 3;

/** Problem bits of an edge pair (or'ed over all pairs). */
const NO_PROBLEM = 0;
const SELF_CROSSING = 1;
const PARTS_CROSS = 2;

/**
 * What edges k < m (boxes meeting, touching counts) say: a ring crossing itself or folding back,
 * parts crossing each other, or nothing. A function of its own, not a closure made per polygon.
 */
function edgePairProblem(polys: PolygonCoords[], edges: Int32Array, k: number, m: number): 0 | 1 | 2 {
  const ringK = polys[edges[k * EDGE_STRIDE + OFF_PART]][edges[k * EDGE_STRIDE + OFF_RING]];
  const ik = edges[k * EDGE_STRIDE + OFF_EDGE];
  const a = ringK[ik];
  const b = ringK[(ik + 1) % ringK.length];
  const ringM = polys[edges[m * EDGE_STRIDE + OFF_PART]][edges[m * EDGE_STRIDE + OFF_RING]];
  const im = edges[m * EDGE_STRIDE + OFF_EDGE];
  const c = ringM[im];
  const d = ringM[(im + 1) % ringM.length];
  if (ringK === ringM) {
    const next = im === ik + 1;
    if (next || (ik === 0 && im === ringK.length - 1)) {
      // Consecutive edges share a vertex; they are wrong only if they fold back over each other.
      const shared = next ? b : a;
      const p = next ? a : b;
      const q = next ? d : c;
      const folds = orient(p, shared, q) === 0 &&
        (p[0] - shared[0]) * (q[0] - shared[0]) + (p[1] - shared[1]) * (q[1] - shared[1]) > 0;
      return folds ? SELF_CROSSING : NO_PROBLEM;
    }
    return segmentContact(a, b, c, d) !== 0 ? SELF_CROSSING : NO_PROBLEM;
  }
  // Different rings may touch in a point (valid) but not cross or share an edge.
  if (segmentContact(a, b, c, d) !== 2) return NO_PROBLEM;
  return edges[k * EDGE_STRIDE + OFF_PART] === edges[m * EDGE_STRIDE + OFF_PART] ? SELF_CROSSING : PARTS_CROSS;
}

/** Up to this many edges, a polygon's edges are paired by their boxes directly: cheaper than building an R-tree (most villages). */
const SMALL_EDGE_COUNT = 64;

/** Topology problems of cleaned open rings, as repair codes (empty when valid). */
function topologyProblems(polys: PolygonCoords[]): string[] {
  const problems: string[] = [];
  let edgeCount = 0;
  for (const poly of polys) for (const ring of poly) edgeCount += ring.length;
  if (edgeCount === 0) return problems;
  const edges = new Int32Array(edgeCount * EDGE_STRIDE);
  // Each edge's box: min x, min y, max x, max y.
  const boxes = new Float64Array(edgeCount * 4);
  let e = 0;
  for (let p = 0; p < polys.length; p++) {
    for (let r = 0; r < polys[p].length; r++) {
      const ring = polys[p][r];
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        boxes[4 * e] = Math.min(a[0], b[0]);
        boxes[4 * e + 1] = Math.min(a[1], b[1]);
        boxes[4 * e + 2] = Math.max(a[0], b[0]);
        boxes[4 * e + 3] = Math.max(a[1], b[1]);
        edges[e * EDGE_STRIDE + OFF_PART] = p;
        edges[e * EDGE_STRIDE + OFF_RING] = r;
        edges[e * EDGE_STRIDE + OFF_EDGE] = i;
        e++;
      }
    }
  }
  let index: Flatbush | null = null;
  if (edgeCount > SMALL_EDGE_COUNT) {
    index = new Flatbush(edgeCount);
    for (let k = 0; k < edgeCount; k++) index.add(boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3]);
    index.finish();
  }

  let found = NO_PROBLEM;
  for (let k = 0; k < edgeCount && found !== (SELF_CROSSING | PARTS_CROSS); k++) {
    const minX = boxes[4 * k];
    const minY = boxes[4 * k + 1];
    const maxX = boxes[4 * k + 2];
    const maxY = boxes[4 * k + 3];
    if (index === null) {
      for (let m = k + 1; m < edgeCount; m++) {
        if (boxes[4 * m] <= maxX && boxes[4 * m + 1] <= maxY && boxes[4 * m + 2] >= minX && boxes[4 * m + 3] >= minY) {
          found |= edgePairProblem(polys, edges, k, m);
        }
      }
    } else {
      for (const m of index.search(minX, minY, maxX, maxY)) {
        if (m > k) found |= edgePairProblem(polys, edges, k, m);
      }
    }
  }
  if (found & SELF_CROSSING) problems.push('self-intersection');
  if (found & PARTS_CROSS) problems.push('overlapping-parts');
  if (problems.length > 0) return problems;

  for (const poly of polys) {
    for (let h = 1; h < poly.length; h++) {
      if (!ringInside(poly[h], poly[0])) {
        addOnce(problems, 'hole-outside-shell');
      }
      for (let g = 1; g < h; g++) {
        if (ringInside(poly[h], poly[g]) || ringInside(poly[g], poly[h])) addOnce(problems, 'overlapping-holes');
      }
    }
  }
  for (let p = 0; p < polys.length; p++) {
    for (let q = 0; q < polys.length; q++) {
      if (p === q) continue;
      if (ringInside(polys[p][0], polys[q][0]) && !polys[q].slice(1).some((hole) => ringInside(polys[p][0], hole))) {
        addOnce(problems, 'overlapping-parts');
      }
    }
  }
  return problems;
}
