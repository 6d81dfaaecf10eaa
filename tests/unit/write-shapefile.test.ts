import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crsFromEpsg, WGS84 } from '../../src/core/io/crs/crs-registry.ts';
import { esriWkt } from '../../src/core/io/crs/esri-wkt.ts';
import { resolveFields } from '../../src/core/io/field-mapping.ts';
import { shortFieldName, shortFieldNames } from '../../src/core/io/formats/shapefile-field-names.ts';
import { writeShapefile } from '../../src/core/io/formats/write-shapefile.ts';
import { readZip } from '../../src/core/io/formats/zip-archive.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import { readFeatures } from '../../src/core/io/read-features.ts';
import { GAP_COLUMNS } from '../../src/core/output/gap-row.ts';

const MAX = 10 * 1024 * 1024;

describe('10-character field names', () => {
  it('follow one rule, documented in the README', () => {
    expect(Object.fromEntries(GAP_COLUMNS.map((c) => [c, shortFieldName(c)]))).toEqual({
      id: 'id', name: 'name', commune: 'commune', district: 'district', province: 'province', population: 'population',
      households: 'households', status: 'status', gap: 'gap', mobile_covered: 'mobi_cover', mobile_area_fraction: 'mo_are_fra',
      mobile_pop_fraction: 'mo_pop_fra', mobile_centre_covered: 'mo_cen_cov', mobile_operators: 'mobi_opera',
      mobile_by_operator: 'mob_by_ope', nearest_bts_m: 'near_bts_m', ftth_covered: 'ftth_cover', ftth_fraction: 'ftth_fract',
      nearest_fibre_m: 'nea_fibr_m', reasons: 'reasons', sharing_sites: 'shar_sites',
      signal_class: 'sign_class', route: 'route', route_operators: 'rout_opera', route_sites: 'rout_sites',
      mobile_source: 'mobi_sourc', mobile_shadow_fraction: 'mo_sha_fra',
    });
    expect(shortFieldName('Độ cao anten (m)')).toBe('do_ca_an_m');
  });

  it('stay unique, and the field mapping recognises our own short names', () => {
    expect(shortFieldNames(['mobile_covered', 'mobile_coverage', 'MOBI_COVER'])).toEqual(['mobi_cover', 'mobi_cove2', 'mobi_cove3']);
    expect(resolveFields(['id', 'azimut_deg', 'beamwi_deg', 'radius_m'], ['azimuth_deg', 'beamwidth_deg', 'radius_m'])).toEqual({
      azimuth_deg: 'azimut_deg', beamwidth_deg: 'beamwi_deg', radius_m: 'radius_m',
    });
  });
});

describe('writeShapefile', () => {
  const point = (lon: number, lat: number, properties: Record<string, unknown>): GeoFeature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } });

  it('writes the .prj GDAL writes for VN-2000 / TM-3 107-30, and WGS 84', () => {
    const fixture = readZip(new Uint8Array(readFileSync('tests/fixtures/formats/communes-vn2000-utf8.zip')), { name: 'f', maxBytes: MAX });
    expect(esriWkt(crsFromEpsg(9216) ?? WGS84)).toBe(new TextDecoder().decode(fixture.get('communes.prj')));
    expect(esriWkt(WGS84)).toMatch(/^GEOGCS\["GCS_WGS_1984",DATUM\["D_WGS_1984"/);
    expect(() => esriWkt(crsFromEpsg(3857) ?? WGS84)).toThrow(/not WGS 84 or a VN-2000 TM-3 zone/);
  });

  it('keeps types, lists as text, nulls, and cuts text over 254 bytes at a character boundary', async () => {
    const long = 'Đắk '.repeat(80);
    const out = writeShapefile([
      point(107.5, 14.3, { name: 'Thôn Kon Rờ Bàng', n: 12, f: 0.123456, ok: true, ops: ['Viettel', 'VNPT'], by: { Viettel: 1 }, note: long }),
      point(107.6, 14.4, { name: null, n: null, f: 1.5e-7, ok: null, ops: [], by: null, note: 'x' }),
    ], { layer: 'sites', columns: ['name', 'n', 'f', 'ok', 'ops', 'by', 'note'].map((column) => ({ column })) });
    expect(out.truncated).toBe(1);
    expect(out.fields.map((f) => [f.field, f.type, f.decimals])).toEqual([
      ['name', 'C', 0], ['n', 'N', 0], ['f', 'N', 8], ['ok', 'L', 0], ['ops', 'C', 0], ['by', 'C', 0], ['note', 'C', 0],
    ]);
    const { table } = await readFeatures('shapefile', { name: 'sites.zip', bytes: out.zip }, { maxBytes: MAX });
    expect(table.features.map((f) => f.properties)).toEqual([
      { name: 'Thôn Kon Rờ Bàng', n: 12, f: 0.123456, ok: true, ops: 'Viettel;VNPT', by: '{"Viettel":1}', note: expect.stringMatching(/^(Đắk )+(Đ|Đắ|Đắk)?$/) },
      { name: null, n: null, f: 1.5e-7, ok: null, ops: null, by: null, note: 'x' },
    ]);
    expect(new TextEncoder().encode(String(table.features[0].properties.note)).length).toBeLessThanOrEqual(254);
    expect(table.features[1].geometry).toEqual({ type: 'Point', coordinates: [107.6, 14.4] });
  });

  it('refuses to mix points and polygons in one layer', () => {
    expect(() => writeShapefile([
      point(1, 1, {}),
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
    ], { layer: 'x', columns: [] })).toThrow(/one kind of geometry/);
  });
});
