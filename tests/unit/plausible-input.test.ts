import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import { BOUNDS } from '../../src/core/bounds.ts';
import { parseCsv, readCsvFeatures, readOpenCellId } from '../../src/core/io/read-csv.ts';
import { readBts } from '../../src/core/io/read-bts.ts';
import { parseGeoJson } from '../../src/core/io/read-geojson.ts';
import { parseTech } from '../../src/core/io/parse-tech.ts';
import { metresPerDegree } from '../../src/core/ftth/local-metric.ts';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import { buildGapFile } from '../../src/core/output/gap-file.ts';
import { csvCell, writeGapCsv } from '../../src/core/output/write-gap-csv.ts';
import { defaultParams, resolveParams } from '../../src/core/params.ts';
import { groupPhysicalSites } from '../../src/core/sharing/physical-sites.ts';
import { adminUnits, branchingLevels, presentLevels, provincesOf } from '../../src/core/unit-kpis.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function btsTable(rows: Record<string, unknown>[]) {
  return parseGeoJson(JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((properties, i) => ({ type: 'Feature', properties: { id: `s${i}`, operator: 'Viettel', tech: '4G', ...properties }, geometry: { type: 'Point', coordinates: [107.9 + i * 0.01, 14.6] } })),
  }));
}

describe('plausible or refused', () => {
  test('a configuration outside the documented bounds is refused with a sentence naming key, bound and value', () => {
    expect(() => resolveParams({ radiusM: { '4G': 1e308 } })).toThrow('"radiusM.4G" must be a number between 10 and 100,000 m, got 1e+308.');
    expect(() => resolveParams({ radiusM: { '5G': 5 } })).toThrow(/"radiusM.5G" must be a number between 10 and 100,000 m, got 5/);
    expect(() => resolveParams({ coverageThreshold: 0 })).toThrow('"coverageThreshold" must be a number above 0 and at most 1, got 0.');
    expect(() => resolveParams({ ftthThreshold: 1.5 })).toThrow(/"ftthThreshold" must be a number above 0 and at most 1, got 1.5/);
    expect(() => resolveParams({ broadbandTechs: [] })).toThrow('"broadbandTechs" is empty: name at least one technology that counts as broadband, e.g. ["4G", "5G"].');
    expect(() => resolveParams({ ftthReachM: 50_000 })).toThrow(/"ftthReachM" must be a number between 10 and 10,000 m/);
    expect(() => resolveParams({ siteMergeM: -1 })).toThrow(/"siteMergeM" must be a number between 0 and 1,000 m/);
    expect(() => resolveParams({ personsPerHousehold: 0 })).toThrow(/"personsPerHousehold" must be a number between 1 and 20/);
    // The bounds themselves are accepted.
    expect(resolveParams({ radiusM: { '4G': BOUNDS.radiusM.max, '5G': BOUNDS.radiusM.min }, coverageThreshold: 1, siteMergeM: 0 }).radiusM['4G']).toBe(100_000);
  });

  test('BTS rows with an implausible value are reported by row with the value and the bound, and left out', () => {
    const r = readBts(btsTable([
      { radius_m: 3000, azimuth_deg: 90, beamwidth_deg: 65 },
      { radius_m: 1e9 },
      { beamwidth_deg: 0, azimuth_deg: 10 },
      { azimuth_deg: 400, beamwidth_deg: 65 },
      { height_m: 5000 },
      { radius_m: 'far' },
      { radius_m: '', beamwidth_deg: 360 },
    ]));
    expect(r.records.map((b) => b.id)).toEqual(['s0', 's6']);
    expect(r.records[1]).toMatchObject({ radiusM: null, beamwidthDeg: null });
    expect(r.issues.map((i) => [i.index, i.code])).toEqual([[1, 'out-of-bounds'], [2, 'out-of-bounds'], [3, 'out-of-bounds'], [4, 'out-of-bounds'], [5, 'out-of-bounds']]);
    expect(r.issues[0].message).toMatch(/radius_m 1000000000 \(column radius_m\) is not plausible: it must be between 10 and 100,000 m\. Row skipped\./);
    expect(r.issues[1].message).toMatch(/beamwidth_deg 0 .* above 0 and at most 360/);
    expect(r.issues[2].message).toMatch(/azimuth_deg 400 .* between -360 and 360/);
    expect(r.issues[4].message).toMatch(/radius_m "far" \(column radius_m\) is not a number/);
  });

  test('common spellings map to their technology', () => {
    const cases: [string, string | null][] = [
      ['4G+', '4G'], ['LTE-A', '4G'], ['LTE Advanced', '4G'], ['lte_advanced', '4G'], ['LTE-A Pro', '4G'], ['4.5G', '4G'], [' lte ', '4G'],
      ['NR', '5G'], ['5G NR', '5G'], ['5G-NSA', '5G'], ['nr5g', '5G'],
      ['HSPA+', '3G'], ['H+', '3G'], ['WCDMA', '3G'], ['UMTS', '3G'],
      ['GSM', '2G'], ['EDGE', '2G'], ['2G', '2G'],
      ['WiMAX', null], ['6G', null], ['', null],
    ];
    for (const [spelling, tech] of cases) expect(parseTech(spelling), spelling).toBe(tech);
    expect(readBts(btsTable([{ tech: '4G+' }, { tech: 'LTE-A' }, { tech: 'NR' }])).records.map((b) => b.tech)).toEqual(['4G', '4G', '5G']);
  });
});

describe('OpenCelliD cells as masts', () => {
  const ireland = readOpenCellId(fixture('opencellid_ireland_272.csv')).records;

  test('LTE cells are grouped by eNodeB within MCC-MNC: Ireland’s 6,116 LTE cells stand on 2,107 eNodeBs', () => {
    const lte = ireland.filter((r) => r.tech === '4G');
    expect(lte).toHaveLength(6116);
    expect(new Set(lte.map((r) => r.siteId)).size).toBe(2107);
    // Cell 237575 of Three (272-05) is cell 7 of eNodeB 928.
    expect(ireland[0]).toMatchObject({ id: '272-5-42300-237575', siteId: '272-5-enb-928' });
    // UMTS and GSM identities name no site: each cell is its own.
    const other = ireland.filter((r) => r.tech !== '4G');
    expect(new Set(other.map((r) => r.siteId)).size).toBe(other.length);
  });

  test('Ireland’s 7,861 cells are 3,638 physical sites, and no "site" chains masts kilometres apart', () => {
    const sites = groupPhysicalSites(ireland, defaultParams().siteMergeM);
    expect(sites.sites).toHaveLength(3638);
    expect(sites.sharedCount).toBe(192);
    // Every site joined by distance lies within the merge distance of the site it joined: no site
    // holds more site ids than operators (a transitive merge made one of 215 in Dublin).
    const ids = new Map<number, Set<string>>();
    ireland.forEach((r, i) => {
      const s = sites.siteOfRecord[i];
      if (!ids.has(s)) ids.set(s, new Set());
      ids.get(s)?.add(r.siteId);
    });
    for (const [s, set] of ids) expect(set.size, sites.sites[s].id).toBeLessThanOrEqual(sites.sites[s].operators.length);
  });

  test('joins across operators are measured from the first site, never chained through a joined one', () => {
    const k = metresPerDegree(14);
    const at = (id: string, operator: string, eastM: number) => ({
      id, siteId: id, operator, tech: '4G' as const, lon: 108 + eastM / k.x, lat: 14, radiusM: null, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted' as const,
    });
    // A at 0 m, B at 20 m, C at 40 m: B joins A; C is 40 m from A, so it stays a mast of its own.
    const s = groupPhysicalSites([at('A', 'Viettel', 0), at('B', 'MobiFone', 20), at('C', 'VinaPhone', 40)], 30);
    expect(s.sites.map((x) => x.operators)).toEqual([['MobiFone', 'Viettel'], ['VinaPhone']]);
  });

  test('the header-less file reads the same on the page (features) as in the worker (records)', () => {
    const table = readCsvFeatures(fixture('opencellid_ireland_272.csv'));
    expect(table.features).toHaveLength(7861);
    const again = readBts(table).records;
    expect(again.map((b) => [b.id, b.siteId, b.operator, b.tech, b.lon, b.lat])).toEqual(ireland.map((b) => [b.id, b.siteId, b.operator, b.tech, b.lon, b.lat]));
    // A plain lon/lat CSV still reads as a table.
    expect(readCsvFeatures('lon,lat,operator,tech\n107.9,14.6,Viettel,4G\n').features[0].properties).toEqual({ lon: '107.9', lat: '14.6', operator: 'Viettel', tech: '4G' });
  });
});

describe('CSV injection', () => {
  const row: GapRow = {
    id: '=1+2', name: '@SUM(A1)', commune: '-Xã', district: '+Huyện', province: '\tTỉnh', population: -1, households: null, status: 'ok', gap: 'mobile',
    mobile_covered: false, mobile_area_fraction: 0.5, mobile_pop_fraction: 0.5, mobile_centre_covered: true,
    mobile_operators: ['Viettel', '=HYPERLINK("http://x","click")'], mobile_by_operator: { '=cmd|\' /C calc\'!A0': 0.5 },
    nearest_bts_m: 10, ftth_covered: null, ftth_fraction: null, nearest_fibre_m: null, reasons: ['ftth-unknown'],
    sharing_sites: ['+S1', '@S2', '-S3'], signal_class: 'lom-song', route: 'share', route_operators: ['=Viettel'], route_sites: ['+S9'], mobile_source: 'predicted: disk', mobile_shadow_fraction: null,
  };

  test('no cell can start a formula, list cells and their items included', () => {
    const { rows } = parseCsv(writeGapCsv([row], { gapsOnly: false }));
    const cells = rows[1];
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-[^0-9]/);
    const by = Object.fromEntries(rows[0].map((c, i) => [c, cells[i]]));
    expect(by.mobile_operators).toBe('Viettel;\'=HYPERLINK("http://x","click")');
    expect(by.sharing_sites).toBe('\'+S1;\'@S2;\'-S3');
    expect(by.name).toBe('\'@SUM(A1)');
    expect(by.id).toBe('\'=1+2');
    // Numbers stay numbers.
    expect(by.population).toBe('-1');
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  test('the app’s CSV export is the CLI’s writer, cell for cell', async () => {
    const gapList = analyzeInThread({ villages: [], bts: [], fibreRoutes: [], fibrePoints: [], settlements: null }, defaultParams());
    const file = await buildGapFile({ gapList: { ...gapList, rows: [row] }, geometries: [[]], params: defaultParams(), sources: [], region: 'x' }, 'csv', { gapsOnly: false });
    expect(file.data).toBe(writeGapCsv([row], { gapsOnly: false }));
  });
});

describe('administrative levels from the data', () => {
  const village = (i: number, units: { province?: string; district?: string; commune?: string }, gap: GapRow['gap'] = 'none'): GapRow => ({
    id: `v${i}`, name: `Thôn ${i}`, commune: units.commune ?? null, district: units.district ?? null, province: units.province ?? null,
    population: 100, households: null, status: 'ok', gap, mobile_covered: gap === 'none' || gap === 'ftth', mobile_area_fraction: 1,
    mobile_pop_fraction: 1, mobile_centre_covered: true, mobile_operators: [], mobile_by_operator: {}, nearest_bts_m: 0,
    ftth_covered: gap === 'none' || gap === 'mobile', ftth_fraction: 1, nearest_fibre_m: 0, reasons: [], sharing_sites: [],
    signal_class: null, route: null, route_operators: [], route_sites: [], mobile_source: 'predicted: disk', mobile_shadow_fraction: null,
  });
  const options = { personsPerHousehold: 4 };

  test('since July 2025: province → commune → village, grouped per commune (no districts)', () => {
    const rows = [
      village(0, { province: 'Lai Châu', commune: 'Xã Bình Lư' }),
      village(1, { province: 'Lai Châu', commune: 'Xã Bình Lư' }, 'mobile'),
      village(2, { province: 'Lai Châu', commune: 'Phường Tân Phong' }, 'both'),
    ];
    expect(presentLevels(rows)).toEqual(['province', 'commune']);
    expect(branchingLevels(rows)).toEqual(['commune']);
    const units = adminUnits(rows, options);
    const communes = units.children([]);
    expect(communes.map((u) => [u.level, u.name, u.villages])).toEqual([['commune', 'Phường Tân Phong', [2]], ['commune', 'Xã Bình Lư', [0, 1]]]);
    expect(communes[1].kpis.mobileVillagesPct).toBe(50);
    expect(communes[1].kpis.households).toMatchObject({ total: 50, estimated: 50 });
    expect(provincesOf(rows)).toEqual(['Lai Châu']);
  });

  test('several provinces: the province is the first choice, then the levels below it', () => {
    const rows = [
      village(0, { province: 'TP. Hồ Chí Minh', commune: 'Phường Sài Gòn' }),
      village(1, { province: 'Hà Nội', commune: 'Phường Hoàn Kiếm' }),
      village(2, { province: 'Hà Nội', commune: 'Xã Sóc Sơn' }, 'both'),
    ];
    const units = adminUnits(rows, options);
    expect(units.levels).toEqual(['province', 'commune']);
    expect(units.children([]).map((u) => u.name)).toEqual(['Hà Nội', 'TP. Hồ Chí Minh']);
    expect(units.children(['Hà Nội']).map((u) => u.path)).toEqual([['Hà Nội', 'Phường Hoàn Kiếm'], ['Hà Nội', 'Xã Sóc Sơn']]);
    expect(units.unit(['Hà Nội'])?.kpis.villages).toBe(2);
    expect(provincesOf(rows)).toEqual(['Hà Nội', 'TP. Hồ Chí Minh']);
  });

  test('before 2025: district then commune; any polygon layer without names has no levels', () => {
    const old = [village(0, { province: 'Kon Tum', district: 'Huyện Đắk Hà', commune: 'Xã Hà Mòn' }), village(1, { province: 'Kon Tum', district: 'Huyện Sa Thầy', commune: 'Xã Sa Bình' })];
    expect(branchingLevels(old)).toEqual(['district', 'commune']);
    expect(adminUnits(old, options).children(['Huyện Sa Thầy']).map((u) => u.name)).toEqual(['Xã Sa Bình']);
    const plain = [village(0, {}), village(1, {})];
    expect(presentLevels(plain)).toEqual([]);
    expect(adminUnits(plain, options).children([])).toEqual([]);
  });
});
