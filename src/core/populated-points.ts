import KDBush from 'kdbush';
import type { MultiPolygonCoords, VillageRecord } from './model.ts';
import type { SettlementColumns } from './settlement-columns.ts';
import type { PackedPoints } from './coverage/packed-points.ts';

/** Points per village when a village has no settlement points and its area stands in for them. */
export const LATTICE_POINTS = 64;

/**
 * The populated points of every village, grouped by village (CSR layout): village `v` owns points
 * `offsets[v] … offsets[v + 1] - 1`. Settlement points are assigned to the village that contains
 * them; a village without any gets a regular lattice over its area with equal weights, and is
 * flagged so its reasons can say its population was assumed spread over the area.
 */
export interface PopulatedPoints {
  offsets: Uint32Array;
  lon: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
  /** 1 where the village had no settlement points and a lattice stands in. */
  lattice: Uint8Array;
  /**
   * 1 where nobody lives, as far as the data says: the village declares 0 people (or 0 households
   * and no population) and no settlement point falls in it. Its population share is unknown, not
   * its area's, and the population rule judges it by area.
   */
  nobody: Uint8Array;
  /** Settlements that fall in no village, by id (they count for none; see `settlementsOutside`). */
  unassigned: string[];
}

/**
 * The village each settlement falls in (-1: none), and how many each village got. A settlement in
 * two villages (overlapping polygons) goes to the first of them in the layer's order. Each
 * village's box is searched in an index of the points, so the work follows the villages (a
 * country's 107,000) rather than the points (its 620,000), and a point already placed is not
 * tested again. `packed` lends its index when it holds every point, in order.
 */
function assignSettlements(villages: readonly VillageRecord[], settlements: SettlementColumns, packed: PackedPoints | null): { owner: Int32Array; counts: Uint32Array } {
  const n = settlements.ids.length;
  const owner = new Int32Array(n).fill(-1);
  const counts = new Uint32Array(villages.length);
  if (n === 0 || villages.length === 0) return { owner, counts };
  const { lon, lat } = settlements;
  const index = packed?.index && packed.count === n ? KDBush.from(packed.index) : pointIndex(lon, lat);
  for (let v = 0; v < villages.length; v++) {
    const village = villages[v];
    if (village.invalidReason) continue;
    const b = bbox(village.geometry);
    if (!(b[0] <= b[2])) continue;
    for (const i of index.range(b[0], b[1], b[2], b[3])) {
      if (owner[i] >= 0 || !pointInMultiPolygon(lon[i], lat[i], village.geometry)) continue;
      owner[i] = v;
      counts[v]++;
    }
  }
  return { owner, counts };
}

/** How many settlement points lie in no village, and the ids of the first few (in the layer's order). */
export interface SettlementsOutside {
  count: number;
  first: string[];
}

/** Ids named when settlements lie in no village (the count says the rest). */
const OUTSIDE_NAMED = 5;

/** The ids named, "s-1, s-9, …" ("…" when there are more). */
export function outsideIdList(outside: SettlementsOutside): string {
  return outside.first.join(', ') + (outside.count > outside.first.length ? ', …' : '');
}

/** What to say of the settlements of `points` that lie in no village. */
export function settlementsOutside(points: PopulatedPoints): SettlementsOutside {
  return { count: points.unassigned.length, first: points.unassigned.slice(0, OUTSIDE_NAMED) };
}

const NO_SETTLEMENTS: SettlementColumns = { ids: [], lon: new Float64Array(0), lat: new Float64Array(0), weight: new Float64Array(0) };

function pointIndex(lon: Float64Array, lat: Float64Array): KDBush {
  const index = new KDBush(lon.length);
  for (let i = 0; i < lon.length; i++) index.add(lon[i], lat[i]);
  return index.finish();
}

/**
 * Group settlements by village; fill villages without settlements with an area lattice. `packed`:
 * the settlements packed (`packPoints`), whose index is used when it has every point.
 */
export function buildPopulatedPoints(
  villages: readonly VillageRecord[],
  settlements: SettlementColumns | null,
  packed: PackedPoints | null = null,
): PopulatedPoints {
  const given = settlements ?? NO_SETTLEMENTS;
  const { owner, counts } = assignSettlements(villages, given, packed);
  const lattices: Float64Array[] = villages.map((v, i) =>
    counts[i] === 0 && !v.invalidReason ? latticeInside(v.geometry, LATTICE_POINTS) : new Float64Array(0),
  );
  const offsets = new Uint32Array(villages.length + 1);
  for (let v = 0; v < villages.length; v++) {
    offsets[v + 1] = offsets[v] + (counts[v] > 0 ? counts[v] : lattices[v].length / 2);
  }
  const n = offsets[villages.length];
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const weight = new Float64Array(n);
  const lattice = new Uint8Array(villages.length);
  const nobody = new Uint8Array(villages.length);
  const cursor = offsets.slice(0, villages.length);
  const unassigned: string[] = [];
  for (let i = 0; i < owner.length; i++) {
    const v = owner[i];
    if (v < 0) {
      unassigned.push(given.ids[i]);
      continue;
    }
    const k = cursor[v]++;
    lon[k] = given.lon[i];
    lat[k] = given.lat[i];
    weight[k] = given.weight[i];
  }
  for (let v = 0; v < villages.length; v++) {
    const pts = lattices[v];
    if (pts.length === 0) continue;
    lattice[v] = 1;
    const village = villages[v];
    if (village.population === 0 || (village.population === null && village.households === 0)) nobody[v] = 1;
    for (let j = 0; j < pts.length / 2; j++) {
      const k = offsets[v] + j;
      lon[k] = pts[2 * j];
      lat[k] = pts[2 * j + 1];
      weight[k] = 1;
    }
  }
  return { offsets, lon, lat, weight, lattice, nobody, unassigned };
}

/** [minLon, minLat, maxLon, maxLat] of a MultiPolygon. */
export function bbox(geometry: MultiPolygonCoords): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of geometry) {
    // Indexed, not destructured: this runs before the code is optimised, where destructuring iterates.
    for (const p of poly[0] ?? []) {
      const x = p[0];
      const y = p[1];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Even-odd point-in-polygon over all rings of a MultiPolygon (holes included). */
export function pointInMultiPolygon(x: number, y: number, geometry: MultiPolygonCoords): boolean {
  let inside = false;
  for (const poly of geometry) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i][0];
        const yi = ring[i][1];
        const xj = ring[j][0];
        const yj = ring[j][1];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * About `target` points on a regular lattice inside the polygon, as interleaved lon/lat. Refines the
 * lattice for thin shapes; falls back to the first vertex's neighbourhood mean if nothing lands inside.
 */
function latticeInside(geometry: MultiPolygonCoords, target: number): Float64Array {
  const [minX, minY, maxX, maxY] = bbox(geometry);
  for (let side = Math.ceil(Math.sqrt(target * 1.5)); side <= 4096; side *= 2) {
    const out: number[] = [];
    for (let i = 0; i < side; i++) {
      for (let j = 0; j < side; j++) {
        const x = minX + ((i + 0.5) / side) * (maxX - minX);
        const y = minY + ((j + 0.5) / side) * (maxY - minY);
        if (pointInMultiPolygon(x, y, geometry)) out.push(x, y);
      }
    }
    if (out.length / 2 >= Math.min(target, 8) || side >= 4096) {
      if (out.length > 0) return new Float64Array(out);
      break;
    }
  }
  const ring = geometry[0]?.[0] ?? [];
  if (ring.length === 0) return new Float64Array(0);
  let sx = 0;
  let sy = 0;
  for (const [x, y] of ring) {
    sx += x;
    sy += y;
  }
  return new Float64Array([sx / ring.length, sy / ring.length]);
}
