/**
 * Extracts the licence-clean real inputs of the Kon Tum sample from ../shared/data/vn into
 * data/sources/ (committed), writes the national commune layer public/data/vn/communes-2009.fgb and
 * the whole national backbone road network data/sources/roads-backbone-vn.geojson (for the
 * national benchmark set, tests/bench).
 *
 * Run: `npx tsx data/scripts/extract-sources.ts` (needs ../shared, or VUNGLOM_SHARED=/path/to/shared).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon } from 'geojson';
import { union } from 'polyclip-ts';
import { writeFlatGeobuf } from '../../src/core/io/write-fgb.ts';
import { asMultiPolygon, inMultiPolygon, type MultiPoly, type Pos } from './geom.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = resolve(REPO, process.env.VUNGLOM_SHARED ?? '../shared');
const SOURCES = join(REPO, 'data/sources');
const PROVINCE = 'Kon Tum';

export const NATIONAL_ROADS_ATTRIBUTION =
  'Roads: national backbone road network of Vietnam, CC BY-SA 4.0 (shared/data/vn/roads_backbone.geojson)';

export const ROADS_ATTRIBUTION =
  'Roads: national backbone road network of Vietnam, CC BY-SA 4.0 (shared/data/vn/roads_backbone.geojson), clipped to Kon Tum';

interface CommuneProps {
  province_id: number;
  district_id: number;
  commune_id: number;
  province: string;
  district: string;
  commune: string;
  province_vn: string;
  district_vn: string;
  commune_vn: string;
  area: number;
  population: number;
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`cannot read ${path} (${(e as Error).message}); set VUNGLOM_SHARED to the shared folder`);
  }
}

/** The MultiPolygon coordinates of a feature written by this script. */
function mpOf(f: Feature): MultiPoly {
  return (f.geometry as MultiPolygon).coordinates as MultiPoly;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value) + '\n');
}

/**
 * Dissolves polygons into one MultiPolygon (exact boolean union, polyclip-ts) and keeps outer rings
 * only: the low-resolution source leaves sliver gaps between communes (up to 0.7 km² in Kon Tum) that
 * would otherwise show as hundreds of holes; Kon Tum's districts have no real enclaves.
 */
function dissolve(parts: MultiPoly[]): MultiPoly {
  const [first, ...rest] = parts;
  const merged = union(first as never, ...(rest as never[])) as MultiPoly;
  return merged.map((poly) => [poly[0]]);
}

/** Parts of a line strictly inside the MultiPolygon: split at every boundary crossing, keep inside pieces. */
function clipLine(line: Pos[], mp: MultiPoly): Pos[][] {
  const edges: [Pos, Pos][] = [];
  for (const poly of mp) for (const ring of poly) for (let i = 1; i < ring.length; i++) edges.push([ring[i - 1], ring[i]]);
  const pieces: Pos[][] = [];
  let current: Pos[] = [];
  const flush = (): void => {
    if (current.length >= 2) pieces.push(current);
    current = [];
  };
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    const ts = [0, 1];
    for (const [p, q] of edges) {
      const t = segmentCrossing(a, b, p, q);
      if (t !== null) ts.push(t);
    }
    ts.sort((x, y) => x - y);
    for (let k = 1; k < ts.length; k++) {
      const t0 = ts[k - 1];
      const t1 = ts[k];
      if (t1 - t0 < 1e-12) continue;
      const tm = (t0 + t1) / 2;
      const inside = inMultiPolygon(a[0] + (b[0] - a[0]) * tm, a[1] + (b[1] - a[1]) * tm, mp);
      const p0: Pos = [a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0];
      const p1: Pos = [a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1];
      if (inside) {
        if (current.length === 0) current.push(p0);
        current.push(p1);
      } else {
        flush();
      }
    }
  }
  flush();
  return pieces;
}

/** Parameter t on segment ab where it crosses segment pq, or null. */
function segmentCrossing(a: Pos, b: Pos, p: Pos, q: Pos): number | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = q[0] - p[0];
  const sy = q[1] - p[1];
  const den = rx * sy - ry * sx;
  if (den === 0) return null;
  const t = ((p[0] - a[0]) * sy - (p[1] - a[1]) * sx) / den;
  const u = ((p[0] - a[0]) * ry - (p[1] - a[1]) * rx) / den;
  return t > 0 && t < 1 && u >= 0 && u <= 1 ? t : null;
}

/** "Quốc lộ 14C" → "QL14C", "Tỉnh lộ 664" → "ĐT664". */
export function roadRef(name: string): string | null {
  const m = /^(Quốc lộ|Tỉnh lộ)\s+(\S+)/.exec(name);
  if (!m) return null;
  return (m[1] === 'Quốc lộ' ? 'QL' : 'ĐT') + m[2];
}

function roadKind(props: Record<string, string>): string {
  if (props.loai_duong === 'Đường sắt') return 'railway';
  return props.cap_duong === 'Quốc Gia' ? 'national' : 'provincial';
}

/** The lines of a (Multi)LineString. */
function lineParts(g: LineString | MultiLineString): Pos[][] {
  return (g.type === 'LineString' ? [g.coordinates] : g.coordinates) as Pos[][];
}

/** A road as data/sources holds it: source gid, ref, Vietnamese name, kind; MultiLineString. */
function roadFeature(p: Record<string, string>, lines: Pos[][]): Feature {
  return {
    type: 'Feature',
    properties: { source_gid: Number(p.gid), ref: roadRef(p.ten), name: p.ten, kind: roadKind(p) },
    geometry: { type: 'MultiLineString', coordinates: lines },
  };
}

function main(): void {
  const vn = join(SHARED, 'data/vn');
  const all = readJson<FeatureCollection>(join(vn, 'communes_2009.geojson'));

  // National context layer: every 2009 commune, indexed, MultiPolygon.
  const national: Feature[] = all.features.map((f) => {
    const p = f.properties as CommuneProps;
    return {
      type: 'Feature',
      properties: {
        commune_id: String(p.commune_id),
        name: p.commune_vn,
        district: p.district_vn,
        province: p.province_vn,
        population: p.population,
      },
      geometry: { type: 'MultiPolygon', coordinates: asMultiPolygon(f.geometry as never) },
    };
  });
  mkdirSync(join(REPO, 'public/data/vn'), { recursive: true });
  writeFileSync(
    join(REPO, 'public/data/vn/communes-2009.fgb'),
    writeFlatGeobuf(national, {
      name: 'communes-2009',
      title: 'Communes of Vietnam, 2009 census',
      description: 'MIT © Marc Choisy (R package censusVN2009): 2009 commune boundaries and census population',
    }),
  );

  const kontum = all.features
    .filter((f) => (f.properties as CommuneProps).province === PROVINCE)
    .sort((a, b) => (a.properties as CommuneProps).commune_id - (b.properties as CommuneProps).commune_id);
  if (kontum.length !== 102) throw new Error(`expected 102 Kon Tum communes, found ${kontum.length}`);

  const communes: Feature[] = kontum.map((f) => {
    const p = f.properties as CommuneProps;
    return {
      type: 'Feature',
      properties: {
        commune_id: String(p.commune_id),
        district_id: String(p.district_id),
        province_id: String(p.province_id),
        commune_vn: p.commune_vn,
        district_vn: p.district_vn,
        province_vn: p.province_vn,
        population: p.population,
        area: p.area,
      },
      geometry: { type: 'MultiPolygon', coordinates: asMultiPolygon(f.geometry as never) },
    };
  });
  writeJson(join(SOURCES, 'kon-tum-communes.geojson'), { type: 'FeatureCollection', features: communes });

  // Districts and the province: dissolved from the communes, names from the communes file.
  const byDistrict = new Map<string, Feature[]>();
  for (const c of communes) {
    const id = c.properties?.district_id as string;
    byDistrict.set(id, [...(byDistrict.get(id) ?? []), c]);
  }
  const districts: Feature[] = [...byDistrict].map(([id, members]) => ({
    type: 'Feature',
    properties: {
      district_id: id,
      district_vn: members[0].properties?.district_vn,
      province_vn: members[0].properties?.province_vn,
      population: members.reduce((s, m) => s + (m.properties?.population as number), 0),
    },
    geometry: { type: 'MultiPolygon', coordinates: dissolve(members.map((m) => mpOf(m))) },
  }));
  writeJson(join(SOURCES, 'kon-tum-districts.geojson'), { type: 'FeatureCollection', features: districts });

  const provinceShape = dissolve(districts.map((d) => mpOf(d)));
  const province: Feature = {
    type: 'Feature',
    properties: {
      province_id: communes[0].properties?.province_id,
      province_vn: communes[0].properties?.province_vn,
      population: communes.reduce((s, m) => s + (m.properties?.population as number), 0),
    },
    geometry: { type: 'MultiPolygon', coordinates: provinceShape },
  };
  writeJson(join(SOURCES, 'kon-tum-province.geojson'), { type: 'FeatureCollection', features: [province] });

  // Roads: the whole national network as it is (same properties as the clipped ones), then the
  // backbone lines clipped to the province outline.
  const roadsAll = readJson<FeatureCollection>(join(vn, 'roads_backbone.geojson'));
  writeJson(join(SOURCES, 'roads-backbone-vn.geojson'), {
    type: 'FeatureCollection',
    attribution: NATIONAL_ROADS_ATTRIBUTION,
    license: 'CC-BY-SA-4.0',
    features: roadsAll.features.map((f) => roadFeature(f.properties as Record<string, string>, lineParts(f.geometry as LineString | MultiLineString))),
  });
  const roads: Feature[] = [];
  for (const f of roadsAll.features) {
    const pieces = lineParts(f.geometry as LineString | MultiLineString).flatMap((l) => clipLine(l, provinceShape));
    if (pieces.length === 0) continue;
    roads.push(roadFeature(f.properties as Record<string, string>, pieces));
  }
  writeJson(join(SOURCES, 'kon-tum-roads.geojson'), {
    type: 'FeatureCollection',
    attribution: ROADS_ATTRIBUTION,
    license: 'CC-BY-SA-4.0',
    features: roads,
  });
  process.stdout.write(
    `extracted ${communes.length} communes, ${districts.length} districts, 1 province, ${roads.length} roads; ` +
      `${national.length} national communes → public/data/vn/communes-2009.fgb, ` +
      `${roadsAll.features.length} national roads → data/sources/roads-backbone-vn.geojson\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
