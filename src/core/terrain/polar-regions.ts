import type { ConformalFrame } from '../geo/conformal-frame.ts';
import { FOOTPRINT_STRIDE, FP_BEARING_FROM, FP_BEARING_TO, FP_LAT, FP_LON, FP_RADIUS, type PackedFootprints } from '../coverage/packed-footprints.ts';
import { PR_BEARINGS, PR_START, PROFILE_STRIDE, type PackedTerrain } from './packed-terrain.ts';

const TWO_PI = 2 * Math.PI;
const DEG = Math.PI / 180;

/** Stride of a region row. */
export const REGION_STRIDE = 16;
const R_PX = 0;
const R_PY = 1;
/** Frame metres per ground metre at the apex. */
const R_SCALE = 2;
/** Frame angle (radians, counter-clockwise from x) of true north at the apex. */
const R_NORTH = 3;
/** Footprint radius, ground metres. */
const R_RADIUS = 4;
/** Sector start bearing (radians, clockwise from north, [0, 2π)) and opening (radians, 2π for a disk). */
const R_FROM = 5;
const R_SPAN = 6;
/** Profile index, −1 for a plain disk or sector. */
const R_PROFILE = 7;
const R_BEARINGS = 8;
const R_START = 9;
const R_MINX = 10;
const R_MINY = 11;
const R_MAXX = 12;
const R_MAXY = 13;

export { R_PX, R_PY, R_SCALE, R_NORTH, R_RADIUS, R_FROM, R_SPAN, R_PROFILE, R_BEARINGS, R_START, R_MINX, R_MINY, R_MAXX, R_MAXY };

/**
 * The footprints near one village as regions of its conformal frame described in polar terms around
 * their mast: a disk or sector of the footprint's radius, cut, when it has a terrain profile, into
 * wedges (the profile's bearings) each reached on a union of distance intervals. A plain disk or
 * sector is one wedge reached from 0 to its radius.
 *
 * Within the frame a mast's geodesic circles are circles around its image to ~1e-6 (the frame's
 * scale is uniform to (d/2R)² over a footprint) and its geodesic radials are straight to well under a
 * millimetre over a few kilometres, so membership is "bearing in the sector, distance in one of the
 * wedge's intervals", with distance = frame distance / the frame's scale at the mast.
 */
export class PolarRegions {
  data = new Float64Array(16 * REGION_STRIDE);
  count = 0;
  /** The region each added footprint became (regions are shared by identical footprints). */
  regionOfFootprint = new Int32Array(16);
  footprintCount = 0;
  /** The terrain footprints are taken from unless another is given to `addFootprint`. */
  terrain: PackedTerrain | null = null;
  /** Each region's terrain (regions may come from two packed sets: an analysis' and planning's candidates). */
  private regionTerrain: (PackedTerrain | null)[] = [];
  private readonly terrainIds = new Map<PackedTerrain, number>();
  private readonly keys = new Map<string, number>();
  private readonly circle = new Float64Array(6);
  private readonly box = new Float64Array(4);
  /** Scratch of `contains`. */
  private readonly point = new Float64Array(2);
  private boxed = false;

  /**
   * Starts again with no region. With `box` (frame metres: the village's and every point measured
   * in it, such as a declared centre outside the polygon), what lies outside it is
   * left out of the regions' definition: a radius reaching past the box's farthest corner is stored
   * as that corner's distance plus a metre, one short of its nearest point as that distance less a
   * metre. Inside the box every region is the same point set, and a radius edit that stays on one
   * side of the box leaves its regions bit for bit unchanged (what TerrainMeasureMemo relies on).
   */
  clear(terrain: PackedTerrain | null, box: { minX: number; minY: number; maxX: number; maxY: number } | null = null): void {
    this.count = 0;
    this.footprintCount = 0;
    this.terrain = terrain;
    this.keys.clear();
    this.terrainIds.clear();
    this.boxed = box !== null;
    if (box) {
      this.box[0] = box.minX;
      this.box[1] = box.minY;
      this.box[2] = box.maxX;
      this.box[3] = box.maxY;
    }
  }

  /** The packed terrain region q's profile is in (null for a plain disk or sector). */
  terrainOf(q: number): PackedTerrain | null {
    return this.regionTerrain[q] ?? null;
  }

  /**
   * Adds footprint f of `fp` in `frame`, with its profile from `terrain` (default: the one given to
   * `clear`) when terrain cuts it; returns its region. Identical footprints share a region.
   */
  addFootprint(fp: PackedFootprints, f: number, frame: ConformalFrame, terrain: PackedTerrain | null = this.terrain): number {
    const o = f * FOOTPRINT_STRIDE;
    const lon = fp.data[o + FP_LON];
    const lat = fp.data[o + FP_LAT];
    const radius = fp.data[o + FP_RADIUS];
    const from = fp.data[o + FP_BEARING_FROM];
    const to = fp.data[o + FP_BEARING_TO];
    const profile = terrain ? terrain.profileOf[f] : -1;
    let tid = -1;
    if (profile >= 0 && terrain) {
      tid = this.terrainIds.get(terrain) ?? this.terrainIds.size;
      this.terrainIds.set(terrain, tid);
    }
    const key = `${lon},${lat},${radius},${from},${to},${tid}:${profile}`;
    let q = this.keys.get(key);
    if (q === undefined) {
      q = this.push(lon, lat, radius, from, to, profile, frame, profile >= 0 ? terrain : null);
      this.keys.set(key, q);
    }
    if (this.footprintCount >= this.regionOfFootprint.length) {
      const next = new Int32Array(this.regionOfFootprint.length * 2);
      next.set(this.regionOfFootprint);
      this.regionOfFootprint = next;
    }
    this.regionOfFootprint[this.footprintCount++] = q;
    return q;
  }

  private push(lon: number, lat: number, radius: number, fromDeg: number, toDeg: number, profile: number, frame: ConformalFrame, terrain: PackedTerrain | null): number {
    if ((this.count + 1) * REGION_STRIDE > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const c = this.circle;
    frame.footprintCircle(lon, lat, radius, c, 0);
    const scale = frame.scaleAt(lon, lat);
    if (this.boxed) radius = boxedRadius(radius, scale, c[3], c[4], this.box);
    const d = this.data;
    const o = this.count * REGION_STRIDE;
    d[o + R_PX] = c[3];
    d[o + R_PY] = c[4];
    d[o + R_SCALE] = scale;
    d[o + R_NORTH] = c[5];
    d[o + R_RADIUS] = radius;
    if (Number.isNaN(fromDeg)) {
      d[o + R_FROM] = 0;
      d[o + R_SPAN] = TWO_PI;
    } else {
      let span = toDeg - fromDeg;
      if (span <= 0) span += 360;
      d[o + R_FROM] = fromDeg * DEG;
      d[o + R_SPAN] = span * DEG;
    }
    d[o + R_PROFILE] = profile;
    this.regionTerrain[this.count] = terrain;
    if (profile >= 0 && terrain) {
      const t = terrain.profiles;
      d[o + R_BEARINGS] = t[profile * PROFILE_STRIDE + PR_BEARINGS];
      d[o + R_START] = t[profile * PROFILE_STRIDE + PR_START];
    } else {
      d[o + R_BEARINGS] = 0;
      d[o + R_START] = 0;
    }
    const rf = radius * scale * (1 + 1e-9);
    d[o + R_MINX] = c[3] - rf;
    d[o + R_MINY] = c[4] - rf;
    d[o + R_MAXX] = c[3] + rf;
    d[o + R_MAXY] = c[4] + rf;
    return this.count++;
  }

  /** Bearing (radians clockwise from north, [0, 2π)) of frame point (x, y) seen from region q's mast. */
  bearing(q: number, x: number, y: number): number {
    const d = this.data;
    const o = q * REGION_STRIDE;
    return turn(d[o + R_NORTH] - Math.atan2(y - d[o + R_PY], x - d[o + R_PX]));
  }

  /** Whether the bearing (radians, any turn) lies in region q's sector (closed). */
  inSector(q: number, bearing: number): boolean {
    const d = this.data;
    const o = q * REGION_STRIDE;
    const span = d[o + R_SPAN];
    if (span >= TWO_PI) return true;
    return turn(bearing - d[o + R_FROM]) <= span;
  }

  /** Whether frame point (x, y) is in region q. */
  contains(q: number, x: number, y: number): boolean {
    this.point[0] = x;
    this.point[1] = y;
    return this.containsAt(q, this.point, 0);
  }

  /**
   * Whether frame point (`points[at]`, `points[at + 1]`) is in region q. (The hot callers pass
   * points in typed arrays: doubles passed to a call V8 does not inline are boxed, one small garbage
   * object each.)
   */
  containsAt(q: number, points: Float64Array, at: number): boolean {
    const x = points[at];
    const y = points[at + 1];
    const d = this.data;
    const o = q * REGION_STRIDE;
    const dx = x - d[o + R_PX];
    const dy = y - d[o + R_PY];
    const scale = d[o + R_SCALE];
    const radius = d[o + R_RADIUS];
    const rho2 = dx * dx + dy * dy;
    const rf = radius * scale;
    if (rho2 > rf * rf) return false;
    const profile = d[o + R_PROFILE];
    if (d[o + R_SPAN] >= TWO_PI && profile < 0) return true;
    const b = this.bearing(q, x, y);
    if (!this.inSector(q, b)) return false;
    if (profile < 0) return true;
    return this.reaches(q, this.wedge(q, b), Math.sqrt(rho2) / scale);
  }

  /** The wedge of region q's profile that bearing b ([0, 2π)) falls in. */
  private wedge(q: number, b: number): number {
    const n = this.data[q * REGION_STRIDE + R_BEARINGS];
    const k = Math.floor((b * n) / TWO_PI);
    return k >= n ? n - 1 : k;
  }

  /** Whether region q's profile reaches ground distance `m` (metres) in wedge k. */
  private reaches(q: number, k: number, m: number): boolean {
    const t = this.regionTerrain[q]!;
    const base = this.data[q * REGION_STRIDE + R_START];
    return inRadii(t.radii, t.start[base + k], t.start[base + k + 1], m);
  }

  /**
   * Whether region q contains frame points (x1, y1) (bit 1 of the result) and (x2, y2) (bit 2),
   * given as `points` [x1, y1, x2, y2] (a typed array, so that no double is boxed per call): what
   * `contains` says of each, with one bearing for both when the second point cannot be on the other
   * side of a sector edge or wedge line than the first (the points a hair apart, as the two sides of
   * a boundary piece are, and the first well clear of those lines), which saves an atan2.
   */
  containsPair(q: number, points: Float64Array): number {
    const x1 = points[0];
    const y1 = points[1];
    const x2 = points[2];
    const y2 = points[3];
    const d = this.data;
    const o = q * REGION_STRIDE;
    const scale = d[o + R_SCALE];
    const rf = d[o + R_RADIUS] * scale;
    const px = d[o + R_PX];
    const py = d[o + R_PY];
    const dx1 = x1 - px;
    const dy1 = y1 - py;
    const dx2 = x2 - px;
    const dy2 = y2 - py;
    const rho1 = dx1 * dx1 + dy1 * dy1;
    const rho2 = dx2 * dx2 + dy2 * dy2;
    const far1 = rho1 > rf * rf;
    const far2 = rho2 > rf * rf;
    if (far1 && far2) return 0;
    const profile = d[o + R_PROFILE];
    const span = d[o + R_SPAN];
    if (span >= TWO_PI && profile < 0) return (far1 ? 0 : 1) | (far2 ? 0 : 2);
    if (far1) return this.containsAt(q, points, 2) ? 2 : 0;
    if (far2) return this.containsAt(q, points, 0) ? 1 : 0;
    const b = turn(d[o + R_NORTH] - Math.atan2(dy1, dx1));
    // How far the second point's bearing may be from the first's: their distance over the first's
    // distance to the mast, with room for the angle's growth and rounding (the first at least twice
    // their distance from the mast, else no sharing).
    const ex = x2 - x1;
    const ey = y2 - y1;
    const gap2 = ex * ex + ey * ey;
    const r1 = Math.sqrt(rho1);
    const shared = r1 > 0 && gap2 * 4 < rho1 && this.clearOfLines(q, b, (4 * Math.sqrt(gap2)) / r1 + 1e-12);
    if (!shared) return (this.containsAt(q, points, 0) ? 1 : 0) | (this.containsAt(q, points, 2) ? 2 : 0);
    if (span < TWO_PI && !(turn(b - d[o + R_FROM]) <= span)) return 0;
    if (profile < 0) return 3;
    const k = this.wedge(q, b);
    return (this.reaches(q, k, r1 / scale) ? 1 : 0) | (this.reaches(q, k, Math.sqrt(rho2) / scale) ? 2 : 0);
  }

  /**
   * Whether bearing b ([0, 2π)) is more than `margin` (radians) from north, from region q's sector
   * edges and from its profile's wedge lines: any bearing within `margin` of it falls in the same
   * sector and wedge.
   */
  private clearOfLines(q: number, b: number, margin: number): boolean {
    if (!(b > margin && b < TWO_PI - margin)) return false;
    const d = this.data;
    const o = q * REGION_STRIDE;
    const span = d[o + R_SPAN];
    if (span < TWO_PI) {
      const s = turn(b - d[o + R_FROM]);
      if (!(s > margin && s < TWO_PI - margin && Math.abs(s - span) > margin)) return false;
    }
    if (d[o + R_PROFILE] < 0) return true;
    const n = d[o + R_BEARINGS];
    const f = (b * n) / TWO_PI;
    const m = (margin * n) / TWO_PI + 1e-9;
    return f - Math.floor(f) > m && Math.ceil(f) - f > m;
  }

  /**
   * Whether region q is reached on one side of its bearing line `beta` (radians) and not on the
   * other, at frame distance `rho` from its mast.
   */
  changesAcross(q: number, beta: number, rho: number): boolean {
    return this.reachedAt(q, beta - 1e-9, rho) !== this.reachedAt(q, beta + 1e-9, rho);
  }

  /** Whether region q is reached at bearing `b` (radians, any turn) and frame distance `rho` from its mast. */
  reachedAt(q: number, b: number, rho: number): boolean {
    const bb = turn(b);
    if (!this.inSector(q, bb)) return false;
    const d = this.data;
    const o = q * REGION_STRIDE;
    const scale = d[o + R_SCALE];
    const radius = d[o + R_RADIUS];
    const ground = rho / scale;
    if (ground > radius) return false;
    if (d[o + R_PROFILE] < 0) return true;
    const n = d[o + R_BEARINGS];
    let k = Math.floor((bb * n) / TWO_PI);
    if (k >= n) k = n - 1;
    const t = this.regionTerrain[q]!;
    const base = d[o + R_START];
    for (let i = t.start[base + k]; i < t.start[base + k + 1]; i++) {
      if (ground < t.radii[2 * i]) return false;
      if (ground <= t.radii[2 * i + 1]) return true;
    }
    return false;
  }

  /**
   * Region q's reached intervals (frame metres, clipped to its radius) at the wedge of profile bearing
   * index k (ignored for a plain region), written as pairs into `out`; returns the pair count.
   */
  intervals(q: number, k: number, out: Float64Array): number {
    const d = this.data;
    const o = q * REGION_STRIDE;
    const scale = d[o + R_SCALE];
    const radius = d[o + R_RADIUS];
    if (d[o + R_PROFILE] < 0) {
      out[0] = 0;
      out[1] = radius * scale;
      return 1;
    }
    const t = this.regionTerrain[q]!;
    const base = d[o + R_START];
    const s = t.start[base + k];
    const e = t.start[base + k + 1];
    let n = 0;
    for (let i = s; i < e; i++) {
      const a = t.radii[2 * i];
      if (a >= radius) break;
      const b = Math.min(t.radii[2 * i + 1], radius);
      out[2 * n] = a * scale;
      out[2 * n + 1] = b * scale;
      n++;
    }
    return n;
  }

  /** Pairs of region q's intervals at bearing `b` (radians): none outside its sector. */
  intervalsAt(q: number, b: number, out: Float64Array): number {
    if (!this.inSector(q, b)) return 0;
    const d = this.data;
    const o = q * REGION_STRIDE;
    const n = d[o + R_BEARINGS];
    if (d[o + R_PROFILE] < 0) return this.intervals(q, 0, out);
    const bb = turn(b);
    let k = Math.floor((bb * n) / TWO_PI);
    if (k >= n) k = n - 1;
    return this.intervals(q, k, out);
  }
}

/** Whether distance `rho` lies in one of the intervals s … e − 1 of `radii` (pairs, ascending). */
function inRadii(radii: Float32Array, s: number, e: number, rho: number): boolean {
  for (let i = s; i < e; i++) {
    if (rho < radii[2 * i]) return false;
    if (rho <= radii[2 * i + 1]) return true;
  }
  return false;
}

/**
 * A radius (ground metres, at `scale` frame metres per metre) with what lies outside `box` left out:
 * past the box's farthest corner from (px, py) by more than two frame metres, that distance plus one;
 * short of its nearest point by more than two, that distance less one; else the radius itself.
 * Points within a micrometre of the box (the side tests of TerrainUnionArea) are inside or outside
 * either radius alike.
 */
function boxedRadius(radius: number, scale: number, px: number, py: number, box: Float64Array): number {
  const [minX, minY, maxX, maxY] = box;
  const fx = Math.max(Math.abs(px - minX), Math.abs(px - maxX));
  const fy = Math.max(Math.abs(py - minY), Math.abs(py - maxY));
  const far = Math.sqrt(fx * fx + fy * fy);
  const rf = radius * scale;
  if (rf > far + 2) return (far + 1) / scale;
  const dx = px < minX ? minX - px : px > maxX ? px - maxX : 0;
  const dy = py < minY ? minY - py : py > maxY ? py - maxY : 0;
  const near = Math.sqrt(dx * dx + dy * dy);
  if (rf < near - 2) return (near - 1) / scale;
  return radius;
}

/**
 * An angle (radians) brought into [0, 2π). Branches instead of `%`, which V8 runs as a call to
 * fmod: this is on the hottest path of the terrain engine.
 */
export function turn(a: number): number {
  if (a >= 0 && a < TWO_PI) return a;
  if (a < 0 && a >= -TWO_PI) return a + TWO_PI;
  if (a >= TWO_PI && a < 2 * TWO_PI) return a - TWO_PI;
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}
