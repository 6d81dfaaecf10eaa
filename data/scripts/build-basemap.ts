/**
 * Builds the map's offline context basemap, public/data/vn/basemap/, from the real data in
 * ../shared/data/vn: 2009 province and district outlines (simplified to ~100 m, the source's own
 * resolution), one label point per province and district (names with diacritics, 2009 population for
 * ranking), the national backbone roads and railways, and OpenStreetMap's place points of Quảng Trị.
 * GeoJSON, read whole by MapLibre's worker. Commune names come from the national communes the app
 * already reads by viewport (public/data/vn/communes-2009.fgb), so they need no file here.
 *
 * Licences (kept in the map's attribution and the README): boundaries and names censusVN2009,
 * © Marc Choisy, MIT; roads CC BY-SA 4.0; places © OpenStreetMap contributors, ODbL 1.0.
 * wards_2025.geojson carries no licence and is not used.
 *
 * Run: `npx tsx data/scripts/build-basemap.ts` (needs ../shared, or VUNGLOM_SHARED=/path/to/shared).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { interiorPointLonLat } from '../../src/core/geo/interior-point.ts';
import type { MultiPolygonCoords } from '../../src/core/model.ts';
import { roadRef } from './extract-sources.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = resolve(REPO, process.env.VUNGLOM_SHARED ?? '../shared');
const OUT = join(REPO, 'public/data/vn/basemap');

/** Decimals kept: 4 (~10 m) for the low-resolution boundaries, 5 (~1 m) for roads and points. */
const BOUNDARY_DECIMALS = 4;
const LINE_DECIMALS = 5;

function readCollection(name: string): FeatureCollection {
  const path = join(SHARED, 'data/vn', name);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  } catch (e) {
    throw new Error(`cannot read ${path} (${(e as Error).message}); set VUNGLOM_SHARED to the shared folder`);
  }
}

const round = (decimals: number) => {
  const k = 10 ** decimals;
  return (v: number): number => Math.round(v * k) / k;
};

/** Boundaries are simplified to this tolerance (degrees, ~100 m); roads to a tenth of it. */
const BOUNDARY_TOLERANCE = 0.001;
const LINE_TOLERANCE = 0.0001;

/** Douglas–Peucker simplification (planar, in degrees), endpoints kept. */
function simplify(line: Position[], tolerance: number): Position[] {
  if (line.length <= 2) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const [ax, ay] = line[a];
    const [bx, by] = line[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = tolerance * tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = line[i];
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return line.filter((_, i) => keep[i] === 1);
}

/** Simplifies and rounds a line or ring, dropping the repeated vertices that rounding makes. */
function roundLine(line: Position[], decimals: number, tolerance: number): Position[] {
  const r = round(decimals);
  const out: Position[] = [];
  for (const [x, y] of simplify(line, tolerance)) {
    const p = [r(x), r(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function asMultiPolygon(geometry: Geometry): MultiPolygonCoords {
  if (geometry.type === 'Polygon') return [geometry.coordinates] as MultiPolygonCoords;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as MultiPolygonCoords;
  throw new Error(`expected a polygon, got ${geometry.type}`);
}

function roundPolygon(geometry: Geometry): MultiPolygon {
  const coordinates = asMultiPolygon(geometry)
    .map((poly) => poly.map((ring) => roundLine(ring as Position[], BOUNDARY_DECIMALS, BOUNDARY_TOLERANCE)).filter((ring) => ring.length >= 4))
    .filter((poly) => poly.length > 0);
  return { type: 'MultiPolygon', coordinates };
}

function labelPoint(geometry: Geometry | null, name: string): Position {
  const p = geometry ? interiorPointLonLat(asMultiPolygon(geometry)) : null;
  if (!p) throw new Error(`no interior point for ${name}: its polygon has no area`);
  const r = round(LINE_DECIMALS);
  return [r(p[0]), r(p[1])];
}

function feature(properties: Record<string, unknown>, geometry: Geometry): Feature {
  return { type: 'Feature', properties, geometry };
}

function write(name: string, features: Feature[]): number {
  const text = `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
  writeFileSync(join(OUT, name), text);
  return text.length;
}

const ROAD_KINDS: Readonly<Record<string, string>> = {
  'Đường chính': 'main',
  'Đường thứ cấp': 'secondary',
  'Đường sắt': 'rail',
};

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const communes = readCollection('communes_2009.geojson').features;
  // Names come from the communes file: the district file's province names are wrong in places.
  const districtName = new Map<number, { district: string; province: string }>();
  for (const c of communes) {
    const p = c.properties ?? {};
    districtName.set(p.district_id, { district: p.district_vn, province: p.province_vn });
  }
  const provinces = readCollection('provinces_2009.geojson').features;
  const districts = readCollection('districts_2009.geojson').features;

  const labels: Feature[] = [];
  const provinceOut = provinces.map((f) => {
    const p = f.properties ?? {};
    const name = String(p.province_vn);
    labels.push(feature({ kind: 'province', name, population: p.population }, { type: 'Point', coordinates: labelPoint(f.geometry, name) }));
    return feature({ name, population: p.population }, roundPolygon(f.geometry as Polygon));
  });
  const districtOut = districts.map((f) => {
    const p = f.properties ?? {};
    const names = districtName.get(p.district_id);
    if (!names) throw new Error(`district ${p.district_id} (${p.district_vn}) has no commune to name its province`);
    labels.push(feature({ kind: 'district', name: names.district, population: p.population }, { type: 'Point', coordinates: labelPoint(f.geometry, names.district) }));
    return feature({ name: names.district, province: names.province }, roundPolygon(f.geometry as Polygon));
  });
  const roads = readCollection('roads_backbone.geojson').features.map((f) => {
    const p = f.properties ?? {};
    const kind = ROAD_KINDS[p.loai_duong];
    if (!kind) throw new Error(`road ${p.gid} has an unknown loai_duong "${p.loai_duong}"; add it to ROAD_KINDS`);
    const g = f.geometry;
    const lines = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
    const coordinates = lines.map((l) => roundLine(l, LINE_DECIMALS, LINE_TOLERANCE)).filter((l) => l.length >= 2);
    const ref = kind === 'rail' ? null : roadRef(p.ten);
    return feature({ ...(ref ? { ref } : {}), name: p.ten, kind }, { type: 'MultiLineString', coordinates });
  });
  const places = readCollection('osm_places_quang_tri_2017.geojson').features.map((f) => {
    const p = f.properties ?? {};
    const g = f.geometry;
    if (g.type !== 'Point') throw new Error(`OSM place ${p.osm_id} is a ${g.type}, not a point`);
    const r = round(LINE_DECIMALS);
    return feature({ name: p['name:vi'] ?? p.name, place: p.place }, { type: 'Point', coordinates: [r(g.coordinates[0]), r(g.coordinates[1])] });
  });

  const sizes = {
    'provinces-2009.geojson': write('provinces-2009.geojson', provinceOut),
    'districts-2009.geojson': write('districts-2009.geojson', districtOut),
    'labels-2009.geojson': write('labels-2009.geojson', labels),
    'roads-backbone.geojson': write('roads-backbone.geojson', roads),
    'places-osm-quang-tri.geojson': write('places-osm-quang-tri.geojson', places),
  };
  for (const [name, size] of Object.entries(sizes)) process.stdout.write(`${name}: ${(size / 1024).toFixed(0)} KiB\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
