import geodesic from 'geographiclib-geodesic';
import * as polyclip from 'polyclip-ts';
import type { MultiPolygonCoords } from '../../src/core/model.ts';

/**
 * An independent, slow, high-resolution reference for `mobile_area_fraction`:
 * - each site's footprints (disks and sectors, all operators) become ONE star-shaped polygon whose
 *   boundary at bearing b is GeographicLib's geodesic Direct at the largest radius covering b
 *   (2,048+ vertices per full turn, radius inflated by √(θ / sin θ) so each polygon has its circle's
 *   area; sector edges exact), so no two inputs share an edge;
 * - everything is projected to the ellipsoidal Lambert azimuthal equal-area projection (EPSG method
 *   9820) centred on the village, where planar area IS ellipsoidal area;
 * - polyclip-ts unions the site polygons and intersects them with the village.
 * Used by the accuracy tests and the benchmark; shares no code with the engine.
 */

export interface ReferenceFootprint {
  lon: number;
  lat: number;
  radiusM: number;
  /** Sector centre bearing (degrees clockwise from north); null for a disk. */
  azimuthDeg?: number | null;
  /** Full opening (degrees); null or ≥ 360 for a disk. */
  beamwidthDeg?: number | null;
}

export interface ReferenceOptions {
  /** Vertices per full turn of a footprint (default 2048). */
  vertices?: number;
}

const G = geodesic.Geodesic.WGS84;
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/** area(village ∩ union of footprints) / area(village), by the method described above. */
export function referenceAreaFraction(
  village: MultiPolygonCoords,
  footprints: readonly ReferenceFootprint[],
  options: ReferenceOptions = {},
): number {
  const { intersection, villageArea } = referenceAreas(village, footprints, options);
  return intersection / villageArea;
}

/** The two areas (m², ellipsoidal) behind `referenceAreaFraction`. */
export function referenceAreas(
  village: MultiPolygonCoords,
  footprints: readonly ReferenceFootprint[],
  options: ReferenceOptions = {},
): { intersection: number; villageArea: number } {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const poly of village)
    for (const ring of poly)
      for (const [x, y] of ring) {
        minLon = Math.min(minLon, x);
        maxLon = Math.max(maxLon, x);
        minLat = Math.min(minLat, y);
        maxLat = Math.max(maxLat, y);
      }
  const laea = new EqualAreaFrame((minLon + maxLon) / 2, (minLat + maxLat) / 2);
  const villageGeom: polyclip.Geom = village.map((poly) => poly.map((ring) => ring.map(([x, y]) => laea.forward(x, y))));
  const villageArea = geomArea(villageGeom as [number, number][][][]);
  const bySite = new Map<string, ReferenceFootprint[]>();
  for (const f of footprints) {
    const key = `${f.lon},${f.lat}`;
    const list = bySite.get(key) ?? [];
    list.push(f);
    bySite.set(key, list);
  }
  let vertices = options.vertices ?? 2048;
  for (let attempt = 0; ; attempt++) {
    const sites = [...bySite.values()].map((fps) => sitePolygon(fps, vertices, laea));
    if (sites.length === 0) return { intersection: 0, villageArea };
    try {
      const union = polyclip.union(sites[0], ...sites.slice(1));
      const inter = polyclip.intersection(villageGeom, union);
      return { intersection: geomArea(inter), villageArea };
    } catch (err) {
      // polyclip-ts occasionally fails to close a ring on near-degenerate input; a slightly
      // different vertex count moves every vertex and clears it.
      if (attempt >= 3) throw err;
      vertices += 7;
    }
  }
}

/** Ellipsoidal Lambert azimuthal equal-area (EPSG 9820), x east, y north (m). */
export class EqualAreaFrame {
  private readonly lon0: number;
  private readonly sinB0: number;
  private readonly cosB0: number;
  private readonly rq: number;
  private readonly d: number;
  private readonly qp: number;

  constructor(lon0: number, lat0: number) {
    this.lon0 = lon0;
    this.qp = q(1);
    const phi0 = lat0 * DEG;
    const b0 = Math.asin(q(Math.sin(phi0)) / this.qp);
    this.sinB0 = Math.sin(b0);
    this.cosB0 = Math.cos(b0);
    this.rq = A * Math.sqrt(this.qp / 2);
    this.d = (A * Math.cos(phi0)) / Math.sqrt(1 - E2 * Math.sin(phi0) ** 2) / (this.rq * this.cosB0);
  }

  forward(lon: number, lat: number): [number, number] {
    const beta = Math.asin(q(Math.sin(lat * DEG)) / this.qp);
    const dl = (lon - this.lon0) * DEG;
    const sb = Math.sin(beta);
    const cb = Math.cos(beta);
    const b = this.rq * Math.sqrt(2 / (1 + this.sinB0 * sb + this.cosB0 * cb * Math.cos(dl)));
    return [b * this.d * cb * Math.sin(dl), (b / this.d) * (this.cosB0 * sb - this.sinB0 * cb * Math.cos(dl))];
  }
}

function q(sinPhi: number): number {
  return (1 - E2) * (sinPhi / (1 - E2 * sinPhi * sinPhi) - (1 / (2 * E)) * Math.log((1 - E * sinPhi) / (1 + E * sinPhi)));
}

/** The union of one site's footprints as a star polygon around the site, in the frame. */
function sitePolygon(fps: readonly ReferenceFootprint[], n: number, frame: EqualAreaFrame): polyclip.Geom {
  const { lon, lat } = fps[0];
  const inflate = Math.sqrt((2 * Math.PI) / n / Math.sin((2 * Math.PI) / n));
  const sectors = fps.map((f) => {
    const bw = f.beamwidthDeg ?? 360;
    if (f.azimuthDeg === null || f.azimuthDeg === undefined || bw >= 360) return { from: 0, open: 360, r: f.radiusM };
    return { from: norm(f.azimuthDeg - bw / 2), open: bw, r: f.radiusM };
  });
  const radiusAt = (b: number): number => {
    let r = 0;
    for (const s of sectors) if (s.open >= 360 || norm(b - s.from) <= s.open) r = Math.max(r, s.r);
    return r;
  };
  const breaks = new Set<number>();
  for (const s of sectors) if (s.open < 360) breaks.add(s.from).add(norm(s.from + s.open));
  const events: { b: number; edge: boolean }[] = [];
  for (let i = 0; i < n; i++) events.push({ b: (360 * i) / n, edge: false });
  for (const b of breaks) events.push({ b, edge: true });
  events.sort((x, y) => x.b - y.b);
  const apex = frame.forward(lon, lat);
  const pts: [number, number][] = [];
  const at = (b: number, r: number): [number, number] => {
    if (r <= 0) return apex;
    const p = G.Direct(lat, lon, b, r);
    return frame.forward(p.lon2!, p.lat2!);
  };
  const tiny = 1e-7;
  for (const { b, edge } of events) {
    if (edge) {
      pts.push(at(b, radiusAt(b - tiny)));
      pts.push(at(b, radiusAt(b + tiny)));
    } else if (breaks.has(b)) continue;
    else {
      const r = radiusAt(b);
      const interior = !breaks.has(norm(b - 360 / n)) && !breaks.has(norm(b + 360 / n));
      pts.push(at(b, r > 0 ? r * (interior ? inflate : 1) : 0));
    }
  }
  const ring: [number, number][] = [];
  for (const p of pts) {
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
  }
  while (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  // Bearings run clockwise: reverse for a counter-clockwise ring, then close it.
  ring.reverse();
  ring.push(ring[0]);
  return [ring];
}

function norm(b: number): number {
  return ((b % 360) + 360) % 360;
}

function geomArea(geom: polyclip.Geom | [number, number][][][]): number {
  const polys = (typeof geom[0]?.[0]?.[0] === 'number' ? [geom] : geom) as [number, number][][][];
  let sum = 0;
  for (const poly of polys)
    poly.forEach((ring, k) => {
      let a = 0;
      const [ox, oy] = ring[0];
      for (let i = 0; i + 1 < ring.length; i++) {
        a += (ring[i][0] - ox) * (ring[i + 1][1] - oy) - (ring[i + 1][0] - ox) * (ring[i][1] - oy);
      }
      // Outer ring adds, holes subtract, whatever their orientation.
      sum += k === 0 ? Math.abs(a / 2) : -Math.abs(a / 2);
    });
  return sum;
}
