import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CrsDefinition, crsFromEpsg } from '../../src/core/io/crs/crs-registry.ts';
import { fromWgs84 } from '../../src/core/io/crs/reproject.ts';
import { readZip, writeZip } from '../../src/core/io/formats/zip-archive.ts';
import { type InputError, isInputError } from '../../src/core/io/input-error.ts';
import { readLayer, type ReadLayerOptions } from '../../src/core/io/read-layer.ts';
import { settlementRecords } from '../../src/core/settlement-columns.ts';

const F = 'tests/fixtures/formats';
const MAX = 100 * 1024 * 1024;

function file(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${F}/${name}`));
}

async function refusal(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (isInputError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}

/** The archive with its entries changed: `edit` gets path → bytes and returns the new map. */
function rezip(name: string, edit: (entries: Map<string, Uint8Array>) => Map<string, Uint8Array>): Uint8Array {
  return writeZip(edit(readZip(file(name), { name, maxBytes: MAX })));
}

const communes = JSON.parse(readFileSync(`${F}/kon-tum-communes-wgs84.geojson`, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
const NAMES = communes.features.map((f) => f.properties.TEN);

describe('zipped shapefiles', () => {
  it('reads a VN-2000 shapefile with an ESRI .prj and a UTF-8 .cpg into WGS84, names intact', async () => {
    const r = await readLayer('villages', { name: 'communes-vn2000-utf8.zip', bytes: file('communes-vn2000-utf8.zip') });
    expect(r.format).toBe('shapefile');
    expect(r.source.crs).toMatchObject({ code: 'EPSG:9216', from: 'declared', name: 'VN-2000 / TM-3 107-30' });
    expect(r.source.crs.declared).toMatch(/D_Vietnam_2000/);
    expect(r.source.encoding).toMatchObject({ encoding: 'utf-8', from: 'declared', declared: 'UTF-8' });
    expect(r.source.layers).toEqual({ names: ['communes'], chosen: 'communes' });
    expect(r.records.map((v) => v.name)).toEqual(NAMES);
    expect(r.records[0]).toMatchObject({ id: '6010101', name: 'Phường Quang Trung', district: 'Thành phố Kon Tum', province: 'Kon Tum', population: 13279 });
    // The first vertex of the first commune, against the WGS84 GeoJSON it was made from (PROJ forward, ours back).
    const [lon, lat] = r.records[0].geometry[0][0][0];
    expect(Math.abs(lon - 108.0095)).toBeLessThan(1e-8);
    expect(Math.abs(lat - 14.3623)).toBeLessThan(1e-8);
  });

  it('detects TCVN3 names in a DBF without .cpg, and offers a preview of every decoding', async () => {
    const r = await readLayer('villages', { name: 'communes-vn2000-tcvn3.zip', bytes: file('communes-vn2000-tcvn3.zip') });
    expect(r.source.encoding).toMatchObject({ encoding: 'tcvn3', from: 'detected', certain: true });
    expect(r.records.map((v) => v.name)).toEqual(NAMES);
    const preview = r.source.encoding?.previews.find((p) => p.encoding === 'tcvn3')?.names ?? [];
    const mojibake = r.source.encoding?.previews.find((p) => p.encoding === 'windows-1252')?.names ?? [];
    expect(preview[0]).toBe('Phường Quang Trung');
    expect(mojibake[0]).not.toBe(preview[0]);
    const chosen = await readLayer('villages', { name: 'x.zip', bytes: file('communes-vn2000-tcvn3.zip') }, { encoding: 'VISCII' });
    expect(chosen.source.encoding).toMatchObject({ encoding: 'viscii', from: 'given' });
    expect(chosen.records[0].name).not.toBe('Phường Quang Trung');
  });

  it('asks for the CRS of metres without .prj, naming Kon Tum\'s zone first, and reads it once given', async () => {
    const e = await refusal(readLayer('villages', { name: 'communes-vn2000-noprj.zip', bytes: file('communes-vn2000-noprj.zip') }));
    expect(e.code).toBe('needs-crs');
    expect(e.message).toMatch(/coordinates in metres .* does not say in which coordinate system\. Likely EPSG:9216 \(VN-2000 \/ TM-3 107-30, Kon Tum\).*--crs EPSG:NNNN/);
    expect((e.params.zones as string[])[0]).toBe('EPSG:9216');
    expect(e.params.likely).toContain('EPSG:9216');
    const r = await readLayer('villages', { name: 'communes-vn2000-noprj.zip', bytes: file('communes-vn2000-noprj.zip') }, { crs: 'EPSG:9216' });
    expect(r.source.crs).toMatchObject({ code: 'EPSG:9216', from: 'given' });
    expect(r.records.map((v) => v.name)).toEqual(NAMES);
    // A declared CRS wins over --crs; a geographic --crs does not apply to metres.
    const declared = await readLayer('villages', { name: 'a.zip', bytes: file('communes-vn2000-utf8.zip') }, { crs: 'EPSG:9218' });
    expect(declared.source.crs.code).toBe('EPSG:9216');
    expect((await refusal(readLayer('villages', { name: 'b.zip', bytes: file('communes-vn2000-noprj.zip') }, { crs: 'EPSG:4756' }))).code).toBe('needs-crs');
  });

  it('chooses the layer of an archive by geometry, asks when it cannot, and takes the one named', async () => {
    const two = file('two-layers.zip');
    const villages = await readLayer('villages', { name: 'two-layers.zip', bytes: two });
    expect(villages.source.layers).toEqual({ names: ['thon', 'tram_bts'], chosen: 'thon' });
    expect(villages.records).toHaveLength(102);
    const bts = await readLayer('bts', { name: 'two-layers.zip', bytes: two });
    expect(bts.source.layers?.chosen).toBe('tram_bts');
    expect(bts.records).toHaveLength(1322);
    const both = rezip('two-layers.zip', (m) => {
      for (const [path, data] of [...m]) if (path.startsWith('thon.')) m.set(path.replace('thon.', 'xa.'), data);
      return m;
    });
    const e = await refusal(readLayer('villages', { name: 'two.zip', bytes: both }));
    expect(e.code).toBe('choose-layer');
    expect(e.params.layers).toEqual(['thon', 'tram_bts', 'xa']);
    expect(e.message).toMatch(/holds 3 shapefiles \(thon, tram_bts, xa\).*two\.zip#thon/);
    const chosen = await readLayer('villages', { name: 'two.zip', bytes: both }, { layer: 'xa' });
    expect(chosen.source.layers?.chosen).toBe('xa');
    expect((await refusal(readLayer('villages', { name: 'two.zip', bytes: both }, { layer: 'nope' }))).message).toMatch(/no layer "nope"/);
  });

  it('refuses a shapefile that is not whole, with the reason', async () => {
    const cut = rezip('communes-vn2000-utf8.zip', (m) => m.set('communes.shp', (m.get('communes.shp') as Uint8Array).subarray(0, 50_000)));
    expect((await refusal(readLayer('villages', { name: 'cut.zip', bytes: cut }))).message).toMatch(/communes\.shp is not a readable shapefile: its header says \d+ bytes but the file has 50000: it is truncated/);
    const noDbf = rezip('communes-vn2000-utf8.zip', (m) => { m.delete('communes.dbf'); return m; });
    expect((await refusal(readLayer('villages', { name: 'nodbf.zip', bytes: noDbf }))).message).toMatch(/no communes\.dbf beside it/);
    const mixed = rezip('two-layers.zip', (m) => m.set('thon.dbf', m.get('tram_bts.dbf') as Uint8Array));
    expect((await refusal(readLayer('villages', { name: 'mixed.zip', bytes: mixed }, { layer: 'thon' }))).message).toMatch(/holds 102 shapes but thon\.dbf holds 1322 records/);
    const empty = writeZip(new Map([['readme.txt', new TextEncoder().encode('hi')]]));
    expect((await refusal(readLayer('villages', { name: 'e.zip', bytes: empty }))).code).toBe('not-shapefile');
    expect((await refusal(readLayer('villages', { name: 'bad.zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) }))).code).toBe('not-zip');
  });

  it('refuses a projected CRS declared over degrees, rather than put the villages at Null Island', async () => {
    const fc = JSON.parse(readFileSync(`${F}/kon-tum-communes-wgs84.geojson`, 'utf8')) as Record<string, unknown>;
    fc.crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } };
    const e = await refusal(readLayer('villages', { name: 'x.geojson', bytes: new TextEncoder().encode(JSON.stringify(fc)) }));
    expect(e.code).toBe('crs-mismatch');
    expect(e.message).toMatch(/declares urn:ogc:def:crs:EPSG::3857 \(WGS 84 \/ Pseudo-Mercator, in metres\), but its coordinates, e\.g\. \[108\.0095, 14\.3623\], are longitude\/latitude degrees/);
  });

  it('reads a FlatGeobuf whose header declares VN-2000', async () => {
    const r = await readLayer('settlements', { name: 'settlements-vn2000.fgb', bytes: file('settlements-vn2000.fgb') });
    expect(r.source.crs).toMatchObject({ code: 'EPSG:9216', from: 'declared', declared: 'EPSG:9216' });
    const plain = await readLayer('settlements', { name: 's.fgb', bytes: new Uint8Array(readFileSync('public/data/kon-tum/settlements.fgb')) });
    expect(r.columns.ids).toHaveLength(plain.columns.ids.length);
    const byId = new Map(settlementRecords(plain.columns).map((s) => [s.id, s]));
    for (const s of settlementRecords(r.columns)) {
      const p = byId.get(s.id);
      expect(Math.abs(s.lon - (p?.lon ?? NaN))).toBeLessThan(1e-8);
      expect(Math.abs(s.lat - (p?.lat ?? NaN))).toBeLessThan(1e-8);
    }
  });
});

describe('KML and KMZ', () => {
  it('reads Placemarks with ExtendedData as fields', async () => {
    const r = await readLayer('bts', { name: 'bts-sites.kml', bytes: file('bts-sites.kml') });
    expect(r.format).toBe('kml');
    expect(r.source.crs).toMatchObject({ code: 'EPSG:4326', from: 'format' });
    expect(r.records).toHaveLength(1322);
    expect(r.records[0]).toMatchObject({ id: 'S000189-VT-4G', siteId: 'S000189', operator: 'Viettel', tech: '4G', heightM: 31, bandMhz: 1800 });
  });

  it('reads a KMZ of fibre routes', async () => {
    const r = await readLayer('fibre', { name: 'fibre-routes.kmz', bytes: file('fibre-routes.kmz') });
    expect(r.format).toBe('kmz');
    expect(r.routes).toHaveLength(608);
    expect(r.routes[0]).toMatchObject({ id: 'FR000202', operator: 'VNPT', kind: 'distribution' });
  });

  it('turns a MultiGeometry of polygons into a MultiPolygon village, and refuses broken XML', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Thôn Kon Rờ Bàng</name>
      <ExtendedData><Data name="Dân số"><value>812</value></Data></ExtendedData>
      <MultiGeometry><Polygon><outerBoundaryIs><LinearRing><coordinates>107.9,14.3 107.91,14.3 107.91,14.31 107.9,14.3</coordinates></LinearRing></outerBoundaryIs></Polygon>
      <Polygon><outerBoundaryIs><LinearRing><coordinates>107.95,14.3 107.96,14.3 107.96,14.31 107.95,14.3</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry>
      </Placemark></Document></kml>`;
    const r = await readLayer('villages', { name: 'thon.kml', bytes: new TextEncoder().encode(kml) });
    expect(r.records[0]).toMatchObject({ name: 'Thôn Kon Rờ Bàng', population: 812 });
    expect(r.records[0].geometry).toHaveLength(2);
    const broken = await refusal(readLayer('villages', { name: 'x.kml', bytes: new TextEncoder().encode('<kml><Document><Placemark></Document>') }));
    expect(broken.code).toBe('not-kml');
  });
});

describe('Excel workbooks and tables', () => {
  it('finds the header under a title row, reads DMS coordinates and Vietnamese headers, first sheet by default', async () => {
    const r = await readLayer('bts', { name: 'bts-sites.xlsx', bytes: file('bts-sites.xlsx') });
    expect(r.format).toBe('xlsx');
    expect(r.source.layers).toEqual({ names: ['Trạm BTS', 'Ghi chú'], chosen: 'Trạm BTS' });
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(1322);
    const csv = await readLayer('bts', { name: 'bts-sites-wgs84.csv', bytes: file('bts-sites-wgs84.csv') });
    expect(r.records).toEqual(csv.records);
    const other = await refusal(readLayer('bts', { name: 'bts-sites.xlsx', bytes: file('bts-sites.xlsx') }, { layer: 'Ghi chú' }));
    expect(other.code).toBe('missing-columns');
    expect((await refusal(readLayer('bts', { name: 'bts-sites.xlsx', bytes: file('bts-sites.xlsx') }, { layer: 'Sheet9' }))).message).toMatch(/no sheet "Sheet9"; its sheets are Trạm BTS, Ghi chú/);
  });

  it('reads a ;-separated Windows-1258 CSV with decimal commas as the plain CSV', async () => {
    const r = await readLayer('bts', { name: 'bts-sites-semicolon.csv', bytes: file('bts-sites-semicolon.csv') });
    expect(r.source.encoding).toMatchObject({ encoding: 'windows-1258', from: 'detected', certain: true });
    const csv = await readLayer('bts', { name: 'bts-sites-wgs84.csv', bytes: file('bts-sites-wgs84.csv') });
    expect(r.records.map(({ bandMhz: _b, ...b }) => b)).toEqual(csv.records.map(({ bandMhz: _b, ...b }) => b));
  });

  it('reports each swapped or unreadable row with its value, and reads the rest', async () => {
    const text = 'Nhà mạng;Công nghệ;Kinh độ;Vĩ độ\nViettel;4G;107,5;14,3\nVNPT;4G;14,3;107,5\nMobiFone;4G;107°30\'N;14°18\'N\nViettel;LTE;107 30 00 E;14 18 00 N\n';
    const r = await readLayer('bts', { name: 'bts.csv', bytes: new TextEncoder().encode(text) });
    expect(r.records.map((b) => [b.operator, b.lon, b.lat])).toEqual([['Viettel', 107.5, 14.3], ['Viettel', 107.5, 14.3]]);
    expect(r.issues.filter((i) => i.code !== 'generated-id').map((i) => i.message)).toEqual([
      'line 3: longitude 14.3, latitude 107.5: the latitude is beyond ±90°; longitude and latitude look swapped. Row skipped.',
      expect.stringMatching(/^line 4: longitude: "107°30'N" is a latitude \(N\) in the longitude column: are the columns swapped\? Row skipped\.$/),
    ]);
  });

  it('reads a VN-2000 table whose X column holds the northings (the Vietnamese convention), once the CRS is given', async () => {
    const sites = (await readLayer('bts', { name: 'b.csv', bytes: file('bts-sites-wgs84.csv') })).records.slice(0, 40);
    const to = fromWgs84(crsFromEpsg(9216) as CrsDefinition);
    const rows = sites.map((b) => {
      const [e, n] = to(b.lon, b.lat);
      return `${b.id},${b.operator},${b.tech},${n.toFixed(4)},${e.toFixed(4)}`;
    });
    const bytes = new TextEncoder().encode(`Mã trạm,Nhà mạng,Công nghệ,X,Y\n${rows.join('\n')}\n`);
    const e = await refusal(readLayer('bts', { name: 'vn2000.csv', bytes }));
    expect(e.code).toBe('needs-crs');
    expect((e.params.zones as string[])[0]).toBe('EPSG:9216');
    const options: ReadLayerOptions = { crs: 'EPSG:9216' };
    const r = await readLayer('bts', { name: 'vn2000.csv', bytes }, options);
    expect(r.source.crs).toMatchObject({ code: 'EPSG:9216', from: 'given', axesSwapped: true });
    r.records.forEach((b, i) => {
      expect(Math.abs(b.lon - sites[i].lon)).toBeLessThan(1e-8);
      expect(Math.abs(b.lat - sites[i].lat)).toBeLessThan(1e-8);
    });
  });
});
