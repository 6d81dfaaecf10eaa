import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeatures } from '../../src/core/io/read-features.ts';
import { vunglom as run } from '../helpers/run-cli.ts';

/**
 * The CLI on the Vietnamese formats: --crs for metres without a .prj (exit 2 naming the likely zone
 * without it), --encoding over detection (and saying when it guessed), file.zip#layer and
 * file.xlsx#sheet, and the output format from --format or --out's extension, a Shapefile optionally
 * in the province's VN-2000 zone.
 */

const F = 'tests/fixtures/formats';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-cli-formats-'));
const vunglom = (...args: string[]) => run(args);

describe('vunglom on Vietnamese formats', () => {
  it('exits 2 on metres without a CRS, naming the likely zone and --crs', () => {
    const r = vunglom('analyze', '--villages', `${F}/communes-vn2000-noprj.zip`, '--bts', `${F}/bts-sites.xlsx`, '--out', join(dir, 'x.geojson'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/communes-vn2000-noprj\.zip has coordinates in metres .*Likely EPSG:9216 \(VN-2000 \/ TM-3 107-30, Kon Tum\).*--crs EPSG:NNNN/);
    expect(existsSync(join(dir, 'x.geojson'))).toBe(false);
  });

  it('reads them with --crs and writes a Shapefile beside a .shp path, in the province\'s VN-2000 zone', async () => {
    const out = join(dir, 'gaps.shp');
    const r = vunglom('analyze', '--villages', `${F}/communes-vn2000-noprj.zip`, '--crs', 'EPSG:9216', '--bts', `${F}/bts-sites.xlsx`,
      '--fibre', `${F}/fibre-routes.kmz`, '--settlements', `${F}/settlements-vn2000.fgb`, '--out', out, '--out-crs', 'province', '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/communes-vn2000-noprj\.zip: VN-2000 \/ TM-3 107-30 \(EPSG:9216, given with --crs\), reprojected to WGS 84/);
    expect(r.stderr).toMatch(/settlements-vn2000\.fgb: VN-2000 \/ TM-3 107-30 \(EPSG:9216, declared by the file\)/);
    expect(r.stderr).toMatch(/bts-sites\.xlsx: sheet "Trạm BTS" of 2/);
    expect(r.stderr).toMatch(/Shapefile in EPSG:9216, the VN-2000 zone of the villages' province/);
    for (const ext of ['.shp', '.shx', '.dbf', '.prj', '.cpg', '_fields.csv', '_vunglom.json']) expect(existsSync(join(dir, `gaps${ext}`)), ext).toBe(true);
    expect(readFileSync(join(dir, 'gaps.prj'), 'utf8')).toMatch(/D_Vietnam_2000.*"Central_Meridian",107\.5/);
    expect(execFileSync('ogrinfo', ['-so', '-al', out], { encoding: 'utf8' })).toMatch(/Feature Count: 102/);
  });

  it('takes --encoding over detection, says when it guessed, and reads file#layer and file#sheet', async () => {
    const guessed = vunglom('analyze', '--villages', `${F}/communes-vn2000-tcvn3.zip`, '--bts', `${F}/two-layers.zip#tram_bts`,
      '--out', join(dir, 'tcvn3.fgb'), '--threads', '1');
    expect(guessed.code).toBe(0);
    expect(guessed.stderr).toMatch(/communes-vn2000-tcvn3\.zip: VN-2000 .*; text TCVN3 \(ABC, \.VnTime\), guessed from the names — give --encoding if they look wrong/);
    expect(guessed.stderr).toMatch(/two-layers\.zip#tram_bts: layer "tram_bts" of 2/);
    const { table } = await readFeatures('fgb', { name: 'tcvn3.fgb', bytes: new Uint8Array(readFileSync(join(dir, 'tcvn3.fgb'))) }, { maxBytes: 1 << 28 });
    expect(table.features.map((f) => f.properties.name)).toContain('Phường Quang Trung');

    const forced = vunglom('analyze', '--villages', `${F}/communes-vn2000-tcvn3.zip`, '--encoding', 'windows-1252', '--bts', `${F}/bts-sites.xlsx#Trạm BTS`,
      '--out', join(dir, 'forced.geojson'), '--threads', '1');
    expect(forced.code).toBe(0);
    expect(forced.stderr).not.toMatch(/guessed/);
    const names = (JSON.parse(readFileSync(join(dir, 'forced.geojson'), 'utf8')) as { features: { properties: { name: string } }[] }).features.map((f) => f.properties.name);
    expect(names).not.toContain('Phường Quang Trung');

    const wrong = vunglom('analyze', '--villages', `${F}/two-layers.zip#nope`, '--bts', `${F}/bts-sites.xlsx`, '--out', join(dir, 'n.geojson'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/has no layer "nope"; its layers are thon, tram_bts/);
  });

  it('takes the output format from --format or the extension, and refuses what it cannot tell before reading', () => {
    const base = ['analyze', '--villages', `${F}/kon-tum-communes-wgs84.geojson`, '--bts', `${F}/bts-sites-wgs84.csv`, '--threads', '1'];
    expect(vunglom(...base, '--out', join(dir, 'g.fgb')).code).toBe(0);
    expect(readFileSync(join(dir, 'g.fgb')).subarray(0, 3).toString()).toBe('fgb');
    expect(vunglom(...base, '--out', join(dir, 'g.out'), '--format', 'shp').code).toBe(0);
    expect(readFileSync(join(dir, 'g.out')).subarray(0, 2).toString()).toBe('PK');
    const unknown = vunglom(...base, '--out', join(dir, 'g.txt'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--out .*g\.txt: cannot tell the format from the extension; name it \.geojson, \.fgb, \.shp or \.shp\.zip, or give --format/);
    expect(unknown.stderr).not.toMatch(/--csv/);
    // A planner who asks for a table is told where one is written.
    const table = vunglom(...base, '--out', join(dir, 'gaps-q3.csv'));
    expect(table.code).toBe(2);
    expect(table.stderr).toMatch(/A table for a spreadsheet comes beside the layer: --out gaps\.geojson --csv gaps-q3\.csv\./);
    expect(vunglom(...base, '--out', join(dir, 'g2.geojson'), '--out-crs', 'province').stderr).toMatch(/--out-crs applies to a Shapefile/);
    expect(vunglom(...base, '--out', join(dir, 'g3.shp'), '--out-crs', 'EPSG:3857').stderr).toMatch(/--out-crs must be wgs84, province .* or a VN-2000 TM-3 zone/);
    expect(vunglom(...base, '--out', join(dir, 'g4.shp'), '--crs', 'EPSG:2154').stderr).toMatch(/--crs: .*EPSG:2154, which Vùng Lõm does not reproject/);
    expect(vunglom(...base, '--out', join(dir, 'g5.shp'), '--encoding', 'koi8').stderr).toMatch(/--encoding must be one of utf-8, utf-16le/);
  });

  it('writes the proposals as a Shapefile that analyze reads back as BTS', () => {
    const out = join(dir, 'plan.shp.zip');
    const r = vunglom('plan', '--villages', `${F}/kon-tum-communes-wgs84.geojson`, '--bts', `${F}/bts-sites-wgs84.csv`, '--operator', 'Viettel', '--target', '1.0', '--max-sites', '3', '--out', out);
    expect(r.code).toBe(0);
    const back = vunglom('analyze', '--villages', `${F}/kon-tum-communes-wgs84.geojson`, '--bts', `${F}/bts-sites-wgs84.csv`, '--bts', out, '--out', join(dir, 'after.geojson'), '--threads', '1');
    expect(back.code).toBe(0);
    expect(back.stderr).toMatch(/BTS \d[\d,]* records \(2 files\)/);
  });
});
