import { describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { BtsRecord, MultiPolygonCoords, VillageRecord } from '../../src/core/model.ts';
import type { RunMetadata } from '../../src/core/output/run-metadata.ts';
import { writeGapCsv } from '../../src/core/output/write-gap-csv.ts';
import { writeGapGeoJson } from '../../src/core/output/write-gap-geojson.ts';
import { defaultParams } from '../../src/core/params.ts';
import { ResultFileError, readResultFile, resultKpisOf } from '../../src/core/report/read-result.ts';

/** Three villages in a row, a 4G site over the first and a 3G-only site near the second. */
function scene() {
  const square = (lon: number, name: string, id: string): VillageRecord => ({
    id, name, commune: 'Xã Đắk Long', district: null, province: 'Kon Tum', population: 100, households: 25, centre: null,
    geometry: [[[[lon, 14.5], [lon + 0.01, 14.5], [lon + 0.01, 14.51], [lon, 14.51], [lon, 14.5]]]],
  });
  const villages = [square(107.9, 'Làng Kon Rờ', 'a'), square(107.95, '=HYPERLINK("x")', 'b'), square(108.2, 'Thôn 3', 'c')];
  const site = (id: string, lon: number, tech: '3G' | '4G', operator: string): BtsRecord => ({
    id, siteId: id, operator, tech, lon, lat: 14.505, radiusM: 2000, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted',
  });
  const bts = [site('s1', 107.905, '4G', 'Viettel'), site('+s2', 107.965, '3G', 'VinaPhone')];
  return analyzeInThread({ villages, bts, fibreRoutes: [], fibrePoints: [], settlements: null }, defaultParams());
}

const meta = (kpis: RunMetadata['kpis']): RunMetadata => ({
  tool: 'vunglom', version: '0.1.0', created: '2026-10-01T01:00:00.000Z', params: defaultParams(),
  inputs: [{ role: 'villages', name: 'villages.geojson', bytes: 1234, sha256: 'ab'.repeat(32) }], kpis, gapsOnly: false,
});

describe('readResultFile', () => {
  const list = scene();
  const geometries: MultiPolygonCoords[] = [0, 1, 2].map(() => [[[[107.9, 14.5], [107.91, 14.5], [107.91, 14.51], [107.9, 14.5]]]]);

  it('reads our GeoJSON and CSV back to the same rows; the CSV has no metadata and no site figures', () => {
    const fromJson = readResultFile(writeGapGeoJson(list.rows, geometries, meta(list.kpis)), 'q3.geojson');
    const fromCsv = readResultFile(new TextEncoder().encode(writeGapCsv(list.rows, { gapsOnly: false })), 'q3.csv', { fallbackCreated: '2026-10-02T00:00:00Z' });
    expect(fromJson.rows).toEqual(fromCsv.rows);
    expect(fromJson.rows.map((r) => [r.id, r.signal_class, r.route, r.route_operators, r.route_sites])).toEqual(
      list.rows.map((r) => [r.id, r.signal_class, r.route, r.route_operators, r.route_sites]),
    );
    // The route of the village next to the 3G-only site is sharing it; the CSV's list, its ";" and
    // the writer's formula guard on a site id starting with "+" all come back as they were.
    expect(fromCsv.rows[1]).toMatchObject({ route: 'share', route_sites: ['+s2'], route_operators: ['VinaPhone'] });
    // The CSV writer's formula guard is taken off again.
    expect(fromCsv.rows[1].name).toBe('=HYPERLINK("x")');
    expect(fromJson).toMatchObject({ format: 'geojson', created: '2026-10-01T01:00:00.000Z', version: '0.1.0', gapsOnly: false });
    expect(fromJson.kpis).toEqual(resultKpisOf(list.kpis));
    expect(fromJson.inputs?.[0].name).toBe('villages.geojson');
    expect(fromCsv).toMatchObject({ format: 'csv', created: '2026-10-02T00:00:00Z', params: null, inputs: null });
    expect(fromCsv.kpis).toMatchObject({ villages: 3, mobileVillages: list.kpis.mobileVillages, physicalSites: null, sharedSitesPct: null });
    // No fibre layer was given: FTTH is unknown in both, and the village KPIs are equal.
    expect(fromCsv.kpis.mobileVillagesPct).toBeCloseTo(list.kpis.mobileVillagesPct ?? NaN, 12);
    expect([fromCsv.kpis.ftthVillagesPct, fromJson.kpis.ftthVillagesPct, fromCsv.rows[0].ftth_covered]).toEqual([null, null, null]);
  });

  it('an export older than the reporting columns: the class is derived from the mobile columns, the route unknown', () => {
    const doc = JSON.parse(writeGapGeoJson(list.rows, geometries, meta(list.kpis)));
    for (const f of doc.features) {
      delete f.properties.signal_class;
      delete f.properties.route;
      delete f.properties.route_operators;
      delete f.properties.route_sites;
    }
    const old = readResultFile(JSON.stringify(doc), 'q1.geojson');
    expect(old.rows.map((r) => r.signal_class)).toEqual(list.rows.map((r) => r.signal_class));
    expect(old.rows.map((r) => r.route)).toEqual([null, null, null]);
  });

  it('a missing value stays unknown (null), never false or zero', () => {
    const csv = 'id,name,mobile_covered,mobile_centre_covered,ftth_covered,ftth_fraction\r\nx,Thôn X,true,true,,\r\n';
    const r = readResultFile(csv, 'partial.csv');
    expect(r.rows[0]).toMatchObject({ mobile_covered: true, ftth_covered: null, ftth_fraction: null, gap: null, signal_class: 'phu-song' });
    expect(r.kpis).toMatchObject({ ftthVillagesPct: null, householdsFibrePct: null, gapMobile: null, mobileVillagesPct: 100 });
  });

  const refusals: [string, string | Uint8Array, string, RegExp][] = [
    ['empty', '  \n', 'empty', /empty\.csv is empty: choose a gap list exported by Vùng Lõm/],
    ['cut short', '{"type":"FeatureCollection","features":[{"type":"Feature"', 'bad-json', /cut\.geojson is not valid JSON .*export it again/],
    ['another GeoJSON', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1","name":"x"},"geometry":null}]}', 'not-gap-list', /other\.geojson is not a gap list exported by Vùng Lõm \(feature 1 has no "mobile_covered"\)/],
    ['a CSV of sites', 'lon,lat,operator\r\n107,14,Viettel\r\n', 'missing-columns', /sites\.csv has no column "id" or "mobile_covered"/],
    ['duplicate ids', 'id,mobile_covered\r\n7,true\r\n8,false\r\n7,false\r\n', 'duplicate-id', /dup\.csv: the id "7" appears twice \(line 2 and line 4\)/],
    ['a bad boolean', 'id,mobile_covered\r\n7,yes\r\n', 'bad-value', /bool\.csv: line 2 has mobile_covered = "yes"; a gap list holds true, false or nothing there/],
    ['an unclosed quote', 'id,name,mobile_covered\r\n7,"Thôn,true\r\n', 'bad-csv', /quote\.csv: The quoted field that starts on line 2 is never closed/],
  ];
  const names: Record<string, string> = {
    empty: 'empty.csv', 'cut short': 'cut.geojson', 'another GeoJSON': 'other.geojson', 'a CSV of sites': 'sites.csv',
    'duplicate ids': 'dup.csv', 'a bad boolean': 'bool.csv', 'an unclosed quote': 'quote.csv',
  };
  for (const [what, content, code, message] of refusals) {
    it(`refuses ${what} with one sentence naming the file and the fix`, () => {
      let error: unknown = null;
      try {
        readResultFile(content, names[what]);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ResultFileError);
      const e = error as ResultFileError;
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
      expect(e.message).not.toMatch(/\n/);
      expect(e.params.file).toBe(names[what]);
    });
  }
});
