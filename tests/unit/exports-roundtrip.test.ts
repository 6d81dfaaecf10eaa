import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { crsFromEpsg } from '../../src/core/io/crs/crs-registry.ts';
import { provinceZone } from '../../src/core/io/crs/likely-zones.ts';
import { readZip } from '../../src/core/io/formats/zip-archive.ts';
import type { FeatureTable } from '../../src/core/io/geojson-types.ts';
import { readFeatures } from '../../src/core/io/read-features.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import type { MultiPolygonCoords } from '../../src/core/model.ts';
import { writeGapFlatGeobuf, writeGapShapefile } from '../../src/core/output/gap-export.ts';
import { GAP_COLUMNS, type GapRow } from '../../src/core/output/gap-row.ts';
import { TOOL_VERSION, type RunMetadata } from '../../src/core/output/run-metadata.ts';
import { defaultParams } from '../../src/core/params.ts';
import { createPlanningContext, planOperator, type PlanResult } from '../../src/core/planning/plan-operator.ts';
import { writeProposalsGeoJson } from '../../src/core/planning/write-proposals.ts';
import { writeProposalsFlatGeobuf, writeProposalsShapefile } from '../../src/core/planning/write-proposals-files.ts';

/**
 * Every export is read back by our readers and by GDAL (ogrinfo / ogr2ogr 3.6, Debian's gdal-bin;
 * tests/run-all.sh installs it): every village and every field survives, in FlatGeobuf and in the
 * zipped shapefile (WGS 84 and the province's VN-2000 zone), and the proposals read back as BTS.
 */

const K = 'public/data/kon-tum';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-exports-'));
const MAX = 500 * 1024 * 1024;

async function read<L extends 'villages' | 'bts' | 'fibre' | 'settlements'>(kind: L, file: string) {
  return readLayer(kind, { name: file, bytes: new Uint8Array(readFileSync(`${K}/${file}`)) });
}

/** GDAL's reading of a file as GeoJSON features (optionally reprojected to WGS 84). */
function gdalFeatures(path: string, options: { toWgs84?: boolean } = {}): { properties: Record<string, unknown>; geometry: { coordinates: unknown } | null }[] {
  const out = join(dir, `gdal-${Math.random().toString(36).slice(2)}.geojson`);
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', ...(options.toWgs84 ? ['-t_srs', 'EPSG:4326'] : []), '-lco', 'COORDINATE_PRECISION=10', out, path], { stdio: 'pipe' });
  return JSON.parse(readFileSync(out, 'utf8')).features;
}

function ogrinfo(path: string): string {
  return execFileSync('ogrinfo', ['-so', '-al', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A value as the shapefile holds it: lists joined by ";", objects as JSON, nothing for an empty list. */
function asText(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(';');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}

/**
 * What GDAL 3.6 gives back through ogr2ogr's GeoJSON: a dBASE logical as the text "T" or "F", and
 * text that is a JSON object as that object (its GeoJSON writer turns such strings back into JSON).
 */
function asGdal(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  return asText(v);
}

/** The first position of a Polygon or MultiPolygon's coordinates. */
function firstPosition(coordinates: unknown): number[] {
  let c = coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as number[];
}

let rows: GapRow[];
let geometries: MultiPolygonCoords[];
let meta: RunMetadata;
let input: AnalysisInput;

beforeAll(async () => {
  const villages = await read('villages', 'villages.fgb');
  // One village without a polygon, to prove no row is lost.
  const lost = { ...villages.records[3], id: 'no-polygon', geometry: [], invalidReason: 'no-geometry' as const };
  const routes = await read('fibre', 'fibre-routes.fgb');
  input = {
    villages: [...villages.records, lost],
    bts: (await read('bts', 'bts.fgb')).records,
    fibreRoutes: routes.routes,
    fibrePoints: (await read('fibre', 'fibre-points.fgb')).points,
    settlements: (await read('settlements', 'settlements.fgb')).columns,
  };
  const list = analyzeInThread(input, defaultParams());
  rows = list.rows;
  geometries = input.villages.map((v) => v.geometry);
  meta = { tool: 'vunglom', version: TOOL_VERSION, created: '2026-01-01T00:00:00.000Z', params: defaultParams(), inputs: [], kpis: list.kpis, gapsOnly: false };
});

describe('the gap list as FlatGeobuf', () => {
  let path: string;
  beforeAll(() => {
    path = join(dir, 'gaps.fgb');
    writeFileSync(path, writeGapFlatGeobuf(rows, geometries, meta));
  });

  it('reads back with our reader: every village, every column, the polygons', async () => {
    const { table } = await readFeatures('fgb', { name: 'gaps.fgb', bytes: new Uint8Array(readFileSync(path)) }, { maxBytes: MAX });
    expect(table.features).toHaveLength(rows.length);
    const byId = new Map(table.features.map((f) => [f.properties.id, f]));
    rows.forEach((row, i) => {
      const f = byId.get(row.id);
      expect(f, row.id).toBeDefined();
      for (const c of GAP_COLUMNS) expect(f?.properties[c] ?? null, `${row.id} ${c}`).toEqual(row[c]);
      if (geometries[i].length > 0) expect(f?.geometry).toEqual({ type: 'MultiPolygon', coordinates: geometries[i] });
    });
    expect(byId.get('no-polygon')?.geometry).toEqual({ type: 'MultiPolygon', coordinates: [] });
    let header: HeaderMeta | null = null;
    const gen = deserialize(new Uint8Array(readFileSync(path)), { headerMetaFn: (h: HeaderMeta) => { header = h; } });
    await gen.next();
    expect(JSON.parse((header as HeaderMeta | null)?.metadata ?? '{}').kpis).toEqual(meta.kpis);
  });

  it('reads back with GDAL 3.6: every village, every field', () => {
    const info = ogrinfo(path);
    expect(info).toMatch(new RegExp(`Feature Count: ${rows.length}`));
    for (const c of GAP_COLUMNS) expect(info, c).toMatch(new RegExp(`^${c}: `, 'm'));
    const features = gdalFeatures(path);
    expect(features).toHaveLength(rows.length);
    const byId = new Map(features.map((f) => [f.properties.id, f]));
    for (const row of rows) {
      const p = byId.get(row.id)?.properties ?? {};
      expect([p.name, p.gap, p.mobile_area_fraction ?? null, p.ftth_fraction ?? null, p.nearest_bts_m ?? null], row.id)
        .toEqual([row.name, row.gap, row.mobile_area_fraction, row.ftth_fraction, row.nearest_bts_m]);
      expect(p.mobile_operators, row.id).toEqual(row.mobile_operators);
    }
    expect(byId.get('no-polygon')?.geometry).toEqual({ type: 'MultiPolygon', coordinates: [] });
  });

  it('makes the sample\'s own files readable by GDAL 3.6, MultiLineString roads included', () => {
    for (const f of ['villages', 'bts', 'fibre-routes', 'fibre-points', 'settlements', 'communes', 'districts', 'province', 'roads']) {
      const out = execFileSync('ogrinfo', ['-al', '-q', `${K}/${f}.fgb`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const count = Number(/Feature Count: (\d+)/.exec(ogrinfo(`${K}/${f}.fgb`))?.[1]);
      expect((out.match(/OGRFeature/g) ?? []).length, f).toBe(count);
    }
    expect(execFileSync('ogrinfo', ['-al', '-q', `${K}/roads.fgb`], { encoding: 'utf8' })).toMatch(/MULTILINESTRING/);
  });
});

describe('the gap list as a zipped shapefile', () => {
  let path: string;
  let fields: { field: string; column: string }[];
  beforeAll(() => {
    const out = writeGapShapefile(rows, geometries, meta);
    path = join(dir, 'gaps.shp.zip');
    writeFileSync(path, out.zip);
    fields = out.fields;
    expect(out.truncated).toBe(0);
  });

  it('holds the .shp, .shx, .dbf, a UTF-8 .cpg, a .prj, the field names and the run metadata', () => {
    const entries = readZip(new Uint8Array(readFileSync(path)), { name: 'gaps.shp.zip', maxBytes: MAX });
    expect([...entries.keys()].sort()).toEqual(['gaps.cpg', 'gaps.dbf', 'gaps.prj', 'gaps.shp', 'gaps.shx', 'gaps_fields.csv', 'gaps_vunglom.json']);
    expect(new TextDecoder().decode(entries.get('gaps.cpg'))).toBe('UTF-8');
    const sidecar = new TextDecoder().decode(entries.get('gaps_fields.csv')).trim().split('\r\n');
    expect(sidecar[0]).toBe('shapefile_field,column,type,width,decimals,meaning');
    expect(sidecar.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual(fields.map((f) => [f.field, f.column]));
    expect(fields.map((f) => f.column)).toEqual([...GAP_COLUMNS]);
    expect(fields.every((f) => f.field.length <= 10)).toBe(true);
    expect(fields.find((f) => f.column === 'mobile_area_fraction')?.field).toBe('mo_are_fra');
    expect(JSON.parse(new TextDecoder().decode(entries.get('gaps_vunglom.json'))).kpis).toEqual(meta.kpis);
  });

  const check = (table: { properties: Record<string, unknown> }[], label: string, as: (v: unknown) => unknown): void => {
    expect(table, label).toHaveLength(rows.length);
    const byId = new Map(table.map((f) => [f.properties.id, f]));
    for (const row of rows) {
      const p = byId.get(row.id)?.properties;
      expect(p, `${label} ${row.id}`).toBeDefined();
      for (const f of fields) expect(p?.[f.field] ?? null, `${label} ${row.id} ${f.column}`).toEqual(as(row[f.column as keyof GapRow]));
    }
  };

  it('reads back with our reader: every village and field, names in UTF-8, the polygons', async () => {
    const { table, report } = await readFeatures('shapefile', { name: 'gaps.shp.zip', bytes: new Uint8Array(readFileSync(path)) }, { maxBytes: MAX });
    expect(report.crs.code).toBe('EPSG:4326');
    expect(report.encoding).toMatchObject({ encoding: 'utf-8', from: 'declared' });
    check(table.features, 'ours', asText);
    const noPolygon = table.features.find((f) => f.properties.id === 'no-polygon');
    expect(noPolygon?.geometry).toBeNull();
    rows.forEach((row, i) => {
      if (geometries[i].length === 0) return;
      const g = table.features.find((f) => f.properties.id === row.id)?.geometry;
      const want = geometries[i].length === 1 ? { type: 'Polygon', coordinates: geometries[i][0] } : { type: 'MultiPolygon', coordinates: geometries[i] };
      expect(g, row.id).toEqual(want);
    });
    const villages = await readLayer('villages', { name: 'gaps.shp.zip', bytes: new Uint8Array(readFileSync(path)) });
    expect(villages.records.map((v) => v.name)).toEqual(input.villages.map((v) => v.name));
  });

  it('reads back with GDAL 3.6: every village and field', () => {
    const info = ogrinfo(path);
    expect(info).toMatch(new RegExp(`Feature Count: ${rows.length}`));
    for (const f of fields) expect(info).toMatch(new RegExp(`^${f.field}: `, 'm'));
    check(gdalFeatures(path), 'gdal', asGdal);
  });

  it('can be written in the province\'s VN-2000 zone, which GDAL takes back to WGS 84 where we had it', async () => {
    const zone = provinceZone(geometries.filter((g) => g.length > 0).map((g) => g[0][0][0]));
    expect(zone).toEqual({ code: 'EPSG:9216', province: 'Kon Tum' });
    const vn = join(dir, 'gaps-vn2000.shp.zip');
    writeFileSync(vn, writeGapShapefile(rows, geometries, meta, { crs: crsFromEpsg(9216) ?? undefined }).zip);
    expect(ogrinfo(vn)).toMatch(/VN-2000|Vietnam_2000/);
    const gdal = gdalFeatures(vn, { toWgs84: true });
    const byId = new Map(gdal.map((f) => [f.properties.id, f]));
    rows.forEach((row, i) => {
      if (geometries[i].length === 0) return;
      const [lon, lat] = firstPosition(byId.get(row.id)?.geometry?.coordinates);
      expect(Math.abs(lon - geometries[i][0][0][0][0]), row.id).toBeLessThan(1e-7);
      expect(Math.abs(lat - geometries[i][0][0][0][1]), row.id).toBeLessThan(1e-7);
    });
    const ours: FeatureTable = (await readFeatures('shapefile', { name: 'vn.zip', bytes: new Uint8Array(readFileSync(vn)) }, { maxBytes: MAX })).table;
    expect(ours.features).toHaveLength(rows.length);
  });
});

describe('the proposals', () => {
  let plan: PlanResult;
  const planMeta = { tool: 'vunglom' as const, version: TOOL_VERSION, created: '2026-01-01T00:00:00.000Z', params: defaultParams(), inputs: [] };
  beforeAll(() => {
    const plain = { ...input, villages: input.villages.filter((v) => v.id !== 'no-polygon') };
    plan = planOperator(createPlanningContext(plain, defaultParams()), { operator: 'Viettel', target: { measure: 'villages', share: 1 }, maxSites: 12 });
    expect(plan.proposals.length).toBeGreaterThan(0);
  });

  it('read back as the same BTS records from GeoJSON, FlatGeobuf and the shapefile, and GDAL reads them', async () => {
    const geojson = await readLayer('bts', { name: 'p.geojson', bytes: new TextEncoder().encode(writeProposalsGeoJson(plan, planMeta)) });
    const fgbPath = join(dir, 'proposals.fgb');
    const shpPath = join(dir, 'proposals.shp.zip');
    writeFileSync(fgbPath, writeProposalsFlatGeobuf(plan, planMeta));
    writeFileSync(shpPath, writeProposalsShapefile(plan, planMeta).zip);
    const byId = <T extends { id: string }>(list: T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));
    const fgb = await readLayer('bts', { name: 'proposals.fgb', bytes: new Uint8Array(readFileSync(fgbPath)) });
    const shp = await readLayer('bts', { name: 'proposals.shp.zip', bytes: new Uint8Array(readFileSync(shpPath)) });
    expect(byId(fgb.records)).toEqual(byId(geojson.records));
    expect(byId(shp.records)).toEqual(byId(geojson.records));
    for (const p of [fgbPath, shpPath]) {
      expect(ogrinfo(p)).toMatch(new RegExp(`Feature Count: ${geojson.records.length}`));
      expect(gdalFeatures(p).map((f) => f.properties.id).sort()).toEqual(geojson.records.map((r) => r.id).sort());
    }
  });
});
