import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, isInputError } from '../../src/core/io/input-error.ts';
import { parseGeoJson, readBts, readFibre, readGeoJsonFeatures, readSettlements, readVillages } from '../../src/core/io/read-geojson.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

const square = (x: number, y: number, d = 0.01): number[][][] => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const fc = (features: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const poly = (properties: Record<string, unknown>, x = 107.9, y = 14.7): unknown => ({
  type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(x, y) },
});
const point = (properties: Record<string, unknown>, x = 107.9, y = 14.7): unknown => ({
  type: 'Feature', properties, geometry: { type: 'Point', coordinates: [x, y] },
});

function catchInputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(isInputError(error)).toBe(true);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseGeoJson', () => {
  it('reads a FeatureCollection, a Feature and a bare geometry, from text or bytes', () => {
    expect(parseGeoJson(fc([poly({ id: 'a' })])).features).toHaveLength(1);
    expect(parseGeoJson(JSON.stringify(point({ id: 'b' }))).features[0].properties.id).toBe('b');
    const bare = parseGeoJson(new TextEncoder().encode('\uFEFF{"type":"Point","coordinates":[1,2]}'));
    expect(bare.features[0].geometry).toEqual({ type: 'Point', coordinates: [1, 2] });
  });

  it('accepts CRS84 and EPSG:4326 crs members', () => {
    const crs84 = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
    const epsg = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } };
    expect(parseGeoJson(fc([poly({})], { crs: crs84 })).features).toHaveLength(1);
    expect(parseGeoJson(fc([poly({})], { crs: epsg })).features).toHaveLength(1);
  });

  it('refuses another CRS, naming it', () => {
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } };
    const e = catchInputError(() => parseGeoJson(fc([poly({}, 11900000, 1600000)], { crs })));
    expect(e.code).toBe('wrong-crs');
    expect(e.params.crs).toBe('urn:ogc:def:crs:EPSG::3857');
    expect(e.message).toMatch(/EPSG::3857.*EPSG:4326/);
  });

  it('refuses projected coordinates without a crs as out-of-range', () => {
    const e = catchInputError(() => parseGeoJson(fc([poly({}, 11900000, 1600000), poly({}, 11901000, 1600000)])));
    expect(e.code).toBe('out-of-range');
    expect(e.message).toMatch(/projected coordinates \(metres\).*reproject to WGS84/i);
  });

  it('says clearly when the file is empty or not GeoJSON', () => {
    expect(catchInputError(() => parseGeoJson('')).code).toBe('empty-file');
    expect(catchInputError(() => parseGeoJson(new Uint8Array(0))).code).toBe('empty-file');
    expect(catchInputError(() => parseGeoJson('  \n ')).code).toBe('empty-file');
    expect(catchInputError(() => parseGeoJson(fc([]))).code).toBe('no-features');
    expect(catchInputError(() => parseGeoJson('{"type": "Feat')).code).toBe('not-geojson');
    expect(catchInputError(() => parseGeoJson('[1,2]')).code).toBe('not-geojson');
    expect(catchInputError(() => parseGeoJson('{"type":"Topology"}')).message).toMatch(/Topology/);
  });

  it('carries code and params through JSON (the worker boundary)', () => {
    const e = catchInputError(() => parseGeoJson(''));
    const copy = JSON.parse(JSON.stringify(e));
    expect(copy).toMatchObject({ name: 'InputError', code: 'empty-file' });
    expect(isInputError(copy)).toBe(true);
  });
});

describe('readVillages', () => {
  it('maps fields, keeps HTML and diacritics as text (NFC)', () => {
    const nameNfd = 'Thôn Đắk Xú'.normalize('NFD');
    const r = readVillages(parseGeoJson(fc([
      poly({ 'Mã': 'V1', 'Tên': nameNfd, 'Xã': 'Đắk Xú', 'Dân số': '1200', 'Hộ': 300, center: [107.905, 14.705] }),
      poly({ 'Mã': 'V2', 'Tên': '<img src=x onerror=alert(1)>' }, 108),
      poly({ 'Mã': 'V3', 'Tên': '<script>alert(1)</script>' }, 108.1),
    ])));
    const [a, b, c] = r.records;
    expect(a).toMatchObject({ id: 'V1', name: 'Thôn Đắk Xú'.normalize('NFC'), commune: 'Đắk Xú', population: 1200, households: 300 });
    expect(a.centre).toEqual([107.905, 14.705]);
    expect(b.name).toBe('<img src=x onerror=alert(1)>');
    expect(c.name).toBe('<script>alert(1)</script>');
    expect(r.fields).toMatchObject({ id: 'Mã', name: 'Tên', population: 'Dân số', households: 'Hộ' });
    expect(r.issues).toEqual([]);
  });

  it('honours a user mapping', () => {
    const r = readVillages(parseGeoJson(fc([poly({ thon_code: 'T-7', ten_goi: 'Bản A' })])), { id: 'thon_code', name: 'ten_goi' });
    expect(r.records[0]).toMatchObject({ id: 'T-7', name: 'Bản A' });
  });

  it('generates missing ids from the row and makes duplicates unique, reporting both', () => {
    const r = readVillages(parseGeoJson(fc([
      poly({ id: 'a' }), poly({ id: 'a' }, 108), poly({ name: 'no id' }, 108.1), poly({ id: 'a' }, 108.2),
    ])));
    expect(r.records.map((v) => v.id)).toEqual(['a', 'a#2', 'row-3', 'a#3']);
    expect(r.issues.map((i) => [i.index, i.code])).toEqual([[1, 'duplicate-id'], [2, 'generated-id'], [3, 'duplicate-id']]);
    expect(r.issues[0].message).toMatch(/feature 1: the id "a" was already used; this one is now "a#2"/);
  });

  it('keeps a village with a bad or missing geometry, marked invalid', () => {
    const r = readVillages(parseGeoJson(fc([
      poly({ id: 'ok' }),
      { type: 'Feature', properties: { id: 'line' }, geometry: { type: 'LineString', coordinates: [[107, 14], [107.1, 14]] } },
      { type: 'Feature', properties: { id: 'none' }, geometry: null },
      { type: 'Feature', properties: { id: 'flat' }, geometry: { type: 'Polygon', coordinates: [[[107, 14], [107.1, 14], [107.2, 14], [107, 14]]] } },
    ])));
    expect(r.records.map((v) => [v.id, v.invalidReason])).toEqual([
      ['ok', undefined], ['line', 'not-a-polygon'], ['none', 'no-geometry'], ['flat', 'zero-area'],
    ]);
    expect(r.issues.filter((i) => i.code === 'invalid-geometry').map((i) => i.index)).toEqual([1, 2, 3]);
  });

  it('marks a single stray projected village invalid instead of refusing the file', () => {
    const r = readVillages(parseGeoJson(fc([poly({ id: 'a' }), poly({ id: 'b' }, 108), poly({ id: 'm' }, 11900000, 1600000)])));
    expect(r.records.map((v) => v.invalidReason)).toEqual([undefined, undefined, 'out-of-range']);
  });

  it('refuses a point layer given as villages', () => {
    const e = catchInputError(() => readVillages(parseGeoJson(fc([point({ id: 1 }), point({ id: 2 })]))));
    expect(e.code).toBe('wrong-geometry');
    expect(e.message).toMatch(/holds Point, but villages must be polygons/);
  });
});

describe('readBts', () => {
  it('reads points with Vietnamese column names and sector fields', () => {
    const r = readBts(parseGeoJson(fc([
      point({ 'Mã vị trí': 'S1', 'Nhà mạng': 'Viettel', 'Công nghệ': 'LTE', AZ: -350, BW: 65, Radius: '2500' }),
      point({ 'Mã vị trí': 'S1', 'Nhà mạng': 'MobiFone', 'Công nghệ': '3G', AZ: '', BW: 360, Radius: null }),
    ])));
    expect(r.issues.map((i) => [i.index, i.code])).toEqual([[0, 'generated-id'], [1, 'generated-id']]);
    expect(r.records[0]).toMatchObject({
      id: 'row-1', siteId: 'S1', operator: 'Viettel', tech: '4G', azimuthDeg: 10, beamwidthDeg: 65, radiusM: 2500,
      source: 'predicted',
    });
    expect(r.records[1]).toMatchObject({ id: 'row-2', siteId: 'S1', tech: '3G', azimuthDeg: null, beamwidthDeg: null, radiusM: null });
  });

  it('takes "Mã trạm" as the station id and "Mã vị trí" as the physical site, units in brackets ignored', () => {
    const r = readBts(parseGeoJson(fc([
      point({ 'Mã trạm': 'KTM001', 'Mã vị trí': 'VT-07', 'Nhà mạng': 'Viettel', 'Công nghệ': '4G', 'Bán kính (m)': '2500', 'Góc phương vị (độ)': 120, 'Độ rộng búp sóng': 65, 'Độ cao anten (m)': 30 }),
      point({ 'Mã trạm': 'KTM002', 'Mã vị trí': 'VT-07', 'Nhà mạng': 'VNPT', 'Công nghệ': '4G' }),
    ])));
    expect(r.issues).toEqual([]);
    expect(r.records.map((b) => [b.id, b.siteId])).toEqual([['KTM001', 'VT-07'], ['KTM002', 'VT-07']]);
    expect(r.records[0]).toMatchObject({ radiusM: 2500, azimuthDeg: 120, beamwidthDeg: 65, heightM: 30 });
  });

  it('turns MCC-MNC codes into operator names and defaults site_id to the id', () => {
    const r = readBts(parseGeoJson(fc([
      point({ id: 'c1', carrier: '452-02', radio: 'NR' }),
      point({ id: 'c2', carrier: '45204', radio: 'GSM' }),
      point({ id: 'c3', carrier: '999-99', radio: 'UMTS' }),
    ])));
    expect(r.issues).toEqual([]);
    expect(r.records.map((b) => [b.id, b.siteId, b.operator, b.tech])).toEqual([
      ['c1', 'c1', 'VinaPhone', '5G'], ['c2', 'c2', 'Viettel', '2G'], ['c3', 'c3', '999-99', '3G'],
    ]);
  });

  it('reports and skips rows it cannot take', () => {
    const r = readBts(parseGeoJson(fc([
      point({ id: 'ok', operator: 'Viettel', tech: '4G' }),
      point({ id: 'x', operator: 'Viettel', tech: 'WiMAX' }),
      point({ id: 'y', operator: '', tech: '4G' }),
      point({ id: 'z', operator: 'Viettel', tech: '4G' }, 500, 14),
      poly({ id: 'p', operator: 'Viettel', tech: '4G' }),
    ])));
    expect(r.records.map((b) => b.id)).toEqual(['ok']);
    expect(r.issues.map((i) => [i.index, i.code])).toEqual([
      [1, 'bad-tech'], [2, 'missing-operator'], [3, 'out-of-range'], [4, 'wrong-geometry'],
    ]);
  });

  it('refuses a polygon layer given as BTS', () => {
    const e = catchInputError(() => readBts(parseGeoJson(fc([poly({ id: 'v1' })]))));
    expect(e.code).toBe('wrong-geometry');
    expect(e.message).toMatch(/holds Polygon, but BTS must be points.*villages/);
  });

  it('asks for a mapping when operator or tech has no column', () => {
    const e = catchInputError(() => readBts(parseGeoJson(fc([point({ id: 'a', owner: 'X', gen: '4G' })]))));
    expect(e.code).toBe('missing-columns');
    expect(e.params.missing).toEqual(['operator', 'tech']);
    expect(e.params.found).toEqual(['id', 'owner', 'gen']);
    const ok = readBts(parseGeoJson(fc([point({ id: 'a', owner: 'X', gen: '4G' })])), { operator: 'owner', tech: 'gen' });
    expect(ok.records[0]).toMatchObject({ operator: 'X', tech: '4G' });
  });
});

describe('readSettlements', () => {
  it('weights by population, else households, else 1', () => {
    const r = readSettlements(parseGeoJson(fc([
      point({ 'Dân số': 120, 'Số hộ': 30 }), point({ 'Dân số': null, 'Số hộ': '45' }), point({ name: 'x' }),
      point({ 'Dân số': 'n/a' }),
    ])));
    expect(r.fields).toMatchObject({ population: 'Dân số', households: 'Số hộ' });
    expect([...r.columns.weight]).toEqual([120, 45, 1, 1]);
    expect(r.issues.find((i) => i.code === 'bad-number')?.index).toBe(3);
  });
});

describe('readFibre on WATRA (real, CRS84)', () => {
  const nodes = readFibre(parseGeoJson(fixture('watra_fibre_nodes.geojson')));
  const lines = readFibre(parseGeoJson(fixture('watra_fibre_lines.geojson')));

  it('loads 1,508 nodes as access points', () => {
    expect(nodes.points).toHaveLength(1508);
    expect(nodes.routes).toHaveLength(0);
    expect(nodes.issues).toEqual([]);
    expect(nodes.points[0]).toMatchObject({ id: '49cd4c8f-52ca-4d4e-a929-74c963309800', operator: 'ECOWAN (National)', kind: 'Fibre' });
  });

  it('loads the 1,219 links: 1,218 routes, and reports the one empty MultiLineString', () => {
    expect(lines.routes).toHaveLength(1218);
    expect(lines.issues.map((i) => [i.index, i.code])).toEqual([[563, 'empty-geometry']]);
    expect(new Set(lines.routes.map((r) => r.id)).size).toBe(1218);
    expect(lines.routes[0].operator).toBe('CVTelecom');
    expect(lines.routes.every((r) => r.coordinates.length >= 2)).toBe(true);
  });
});

describe('GeoJSON read a feature at a time', () => {
  const pretty = (features: unknown[], extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ type: 'FeatureCollection', ...extra, features }, null, 2);

  it('reads the same features whatever the order of the members and the white space', () => {
    const features = [poly({ id: 'a', name: 'Thôn "Một"\\n' }), point({ id: 'b' }, 108, 15)];
    const expected = parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features })).features;
    expect(expected).toHaveLength(2);
    const featuresFirst = JSON.stringify({ features, name: 'x', bbox: [1, 2, 3, 4], type: 'FeatureCollection' });
    expect(parseGeoJson(featuresFirst).features).toEqual(expected);
    expect(parseGeoJson(new TextEncoder().encode(`\uFEFF${pretty(features)}\r\n`)).features).toEqual(expected);
  });

  it('names the line of a syntax error inside a feature', () => {
    const text = pretty([poly({ id: 'a' }), poly({ id: 'b' })]);
    const lines = text.split('\n');
    // Break the second feature's id line: `"id": "b"` → `"id" "b"`.
    const at = lines.findIndex((l) => l.includes('"id": "b"'));
    lines[at] = lines[at].replace('"id": "b"', '"id" "b"');
    const e = catchInputError(() => parseGeoJson(new TextEncoder().encode(lines.join('\n'))));
    expect(e.code).toBe('not-geojson');
    expect(e.params.line).toBe(at + 1);
    expect(e.message).toMatch(new RegExp(`^This is not valid JSON: line ${at + 1}: `));
  });

  it('names the line of a syntax error between features, and of a file cut short', () => {
    const text = pretty([poly({ id: 'a' }), poly({ id: 'b' })]);
    const missingComma = text.replace('\n    },\n    {', '\n    }\n    {');
    expect(missingComma).not.toBe(text);
    const e = catchInputError(() => parseGeoJson(missingComma));
    expect(e.params.line).toBeGreaterThan(10);
    expect(e.message).toMatch(/expected "," or "\]" after feature 0/);
    const cut = catchInputError(() => parseGeoJson(text.slice(0, Math.floor(text.length * 0.7))));
    expect(cut.code).toBe('not-geojson');
    expect(cut.message).toMatch(/cut short/);
    const trailingComma = catchInputError(() => parseGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},]}'));
    expect(trailingComma.message).toMatch(/line 1: expected a value/);
  });

  it('refuses a CRS whether it comes before or after the features', () => {
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } };
    const after = JSON.stringify({ type: 'FeatureCollection', features: [poly({})], crs });
    expect(catchInputError(() => parseGeoJson(after)).code).toBe('wrong-crs');
    const seen: number[] = [];
    const e = catchInputError(() => readGeoJsonFeatures(JSON.stringify({ type: 'FeatureCollection', crs, features: [poly({})] }), (_f, i) => seen.push(i)));
    expect(e.code).toBe('wrong-crs');
    expect(seen).toEqual([]);
  });

  it('hands each feature over as it is parsed', () => {
    const seen: string[] = [];
    const text = fc([poly({ id: 'a' }), poly({ id: 'b' }), { type: 'Nope' }]);
    const e = catchInputError(() => readGeoJsonFeatures(text, (f) => seen.push(String(f.properties.id))));
    expect(seen).toEqual(['a', 'b']);
    expect(e.message).toMatch(/Feature 2 is not a GeoJSON Feature/);
  });
});
