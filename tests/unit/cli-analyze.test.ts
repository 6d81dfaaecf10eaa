import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import { indexBytes } from '../../src/core/io/fgb/fgb-header.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import { GAP_COLUMNS } from '../../src/core/output/gap-row.ts';
import { defaultParams } from '../../src/core/params.ts';
import { vunglom as run } from '../helpers/run-cli.ts';

const K = 'public/data/kon-tum';
const SAMPLE = ['--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`, '--fibre', `${K}/fibre-routes.fgb`, '--fibre', `${K}/fibre-points.fgb`, '--settlements', `${K}/settlements.fgb`];
const dir = mkdtempSync(join(tmpdir(), 'vunglom-cli-'));

// A hang is a failure, not a stuck test run.
const vunglom = (...args: string[]) => run(args, { timeout: 45_000 });

interface Fc {
  features: { id: string; properties: Record<string, unknown>; geometry: { type: string } | null }[];
  vunglom: { params: unknown; inputs: { role: string; sha256: string }[]; kpis: Record<string, number>; gapsOnly: boolean };
}

describe('vunglom analyze on the Kon Tum sample', () => {
  let full: Fc;
  let result: ReturnType<typeof vunglom>;
  beforeAll(() => {
    result = vunglom('analyze', ...SAMPLE, '--out', join(dir, 'gaps.geojson'), '--csv', join(dir, 'gaps.csv'), '--threads', '2');
    full = JSON.parse(readFileSync(join(dir, 'gaps.geojson'), 'utf8'));
  });

  it('writes every village with exactly the contract properties and reports progress on stderr', async () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/analysing: (\d+)\/\1 villages \(100%\)/);
    expect(result.stderr).toMatch(/^layers: villages 824 \(.*villages\.fgb\); BTS 1,322 records \(.*bts\.fgb\); fibre 608 routes \+ 1,242 access points \(2 files\); settlements 3,437 \(.*settlements\.fgb\)$/m);
    const villages = await readLayer('villages', { name: 'villages.fgb', bytes: readFileSync(`${K}/villages.fgb`) });
    expect(full.features.map((f) => f.id)).toEqual(villages.records.map((v) => v.id));
    for (const f of full.features) {
      expect(Object.keys(f.properties)).toEqual([...GAP_COLUMNS]);
      expect(f.geometry?.type).toBe('MultiPolygon');
      for (const k of ['mobile_area_fraction', 'mobile_pop_fraction', 'ftth_fraction']) {
        // A village declaring 0 people has no population share (null), and says why.
        if (k === 'mobile_pop_fraction' && f.properties[k] === null) {
          expect(f.properties.reasons).toContain('population-zero');
          continue;
        }
        const x = f.properties[k] as number;
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
      }
      expect(['none', 'mobile', 'ftth', 'both']).toContain(f.properties.gap);
    }
    expect(full.vunglom.inputs.map((i) => i.role)).toEqual(['villages', 'bts', 'fibre', 'fibre', 'settlements']);
    expect(full.vunglom.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(full.vunglom.params).toEqual(defaultParams());
  });

  it('agrees with the same analysis on one thread, village by village', async () => {
    const read = async <K extends 'villages' | 'bts' | 'fibre' | 'settlements'>(kind: K, f: string) =>
      readLayer(kind, { name: f, bytes: readFileSync(`${K}/${f}`) });
    const routes = await read('fibre', 'fibre-routes.fgb');
    const points = await read('fibre', 'fibre-points.fgb');
    const inThread = analyzeInThread(
      {
        villages: (await read('villages', 'villages.fgb')).records,
        bts: (await read('bts', 'bts.fgb')).records,
        fibreRoutes: routes.routes,
        fibrePoints: points.points,
        settlements: (await read('settlements', 'settlements.fgb')).columns,
      },
      defaultParams(),
    );
    expect(full.features.map((f) => f.properties)).toEqual(JSON.parse(JSON.stringify(inThread.rows)));
    expect(full.vunglom.kpis).toEqual(JSON.parse(JSON.stringify(inThread.kpis)));
  });

  it('writes the same rows as CSV, UTF-8 with BOM, Vietnamese intact', () => {
    const csv = readFileSync(join(dir, 'gaps.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(GAP_COLUMNS.join(','));
    expect(lines.length).toBe(full.features.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(full.features.map((f) => f.id));
    expect(csv).toMatch(/Huyện Kon Plông/);
  });

  it('--gaps-only keeps exactly the gap villages, the same on this thread alone as with worker threads', () => {
    const r = vunglom('analyze', ...SAMPLE, '--out', join(dir, 'gaps-only.geojson'), '--gaps-only', '--threads', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^computed on 1 thread$/m);
    expect(result.stderr).toMatch(/^computed on (2 threads \(this one \d+ villages, worker threads \d+\)|1 thread \(1 worker thread was not needed\))$/m);
    const only: Fc = JSON.parse(readFileSync(join(dir, 'gaps-only.geojson'), 'utf8'));
    const k = full.vunglom.kpis;
    expect(only.features.length).toBe(k.gapMobile + k.gapFtth + k.gapBoth);
    expect(only.features).toEqual(full.features.filter((f) => f.properties.gap !== 'none'));
    expect(only.vunglom.gapsOnly).toBe(true);
  });

  it('says how many settlement points lie in no village, naming the first, and nothing when all do', () => {
    expect(result.stderr).not.toMatch(/lie in no village/);
    // One point in a village of the sample, two out at sea.
    writeFileSync(join(dir, 'outside.csv'), 'id,lon,lat,population\nin-1,107.95,14.35,10\nsea-1,110.5,12.0,40\nsea-2,110.6,12.1,3\n');
    const r = vunglom('analyze', '--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`, '--settlements', join(dir, 'outside.csv'), '--out', join(dir, 'outside.geojson'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^settlements: 2 of 3 points lie in no village and count for no village's population \(first: sea-1, sea-2\)$/m);
  });

  it('says when the BTS or fibre file reaches no village, with how far it lies, and nothing when it does', () => {
    expect(result.stderr).not.toMatch(/no footprint reaches|FTTH reach/);
    // Two masts in Lesotho and a fibre route in Hanoi, for Kon Tum's villages.
    writeFileSync(join(dir, 'far-bts.csv'), 'id,lon,lat,operator,tech\nL1,27.48,-29.31,Viettel,4G\nL2,27.50,-29.32,VinaPhone,4G\n');
    writeFileSync(join(dir, 'far-fibre.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'HN-1' }, geometry: { type: 'LineString', coordinates: [[105.8, 21.02], [105.85, 21.03]] } }] }));
    const r = vunglom('analyze', '--villages', `${K}/villages.fgb`, '--bts', join(dir, 'far-bts.csv'), '--fibre', join(dir, 'far-fibre.geojson'), '--out', join(dir, 'far.geojson'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^BTS: no footprint reaches any village; the nearest site lies (8|9),\d{3} km from a village's centre\. Check that the BTS file is the one for these villages and that its coordinates are longitude\/latitude \(else give --crs\)\.$/m);
    expect(r.stderr).toMatch(/^fibre: no village lies within the FTTH reach \(.+\) of any fibre; the nearest fibre lies more than 100 km from every village\. Check that the fibre file/m);
    // Sites in the villages' province, but none of a broadband technology: the file is not blamed.
    writeFileSync(join(dir, 'old-sites.csv'), 'id,lon,lat,operator,tech\nA,107.90,14.60,Viettel,2G\nB,107.95,14.62,VinaPhone,3G\n');
    const old = vunglom('analyze', '--villages', `${K}/villages.fgb`, '--bts', join(dir, 'old-sites.csv'), '--out', join(dir, 'old.geojson'));
    expect(old.code).toBe(0);
    expect(old.stderr).toMatch(/^BTS: no site of a broadband technology \(4G, 5G\), so no village has mobile broadband; if another technology should count, set "broadbandTechs" in --config\.$/m);
    expect(old.stderr).not.toMatch(/Check that the BTS file/);
  });

  it('a config file changes the answer in the expected direction', () => {
    writeFileSync(join(dir, 'reach.json'), JSON.stringify({ ftthReachM: 3000 }));
    const r = vunglom('analyze', ...SAMPLE, '--config', join(dir, 'reach.json'), '--out', join(dir, 'reach.geojson'));
    expect(r.code).toBe(0);
    const wider: Fc = JSON.parse(readFileSync(join(dir, 'reach.geojson'), 'utf8'));
    expect(wider.vunglom.kpis.ftthVillagesPct).toBeGreaterThan(full.vunglom.kpis.ftthVillagesPct);
    expect(wider.vunglom.kpis.mobileVillagesPct).toBe(full.vunglom.kpis.mobileVillagesPct);
    expect(wider.vunglom.inputs.at(-1)?.role).toBe('config');
  });
});

describe('vunglom analyze on bad input', () => {
  const out = join(dir, 'bad.geojson');
  const cases: [string, string[], RegExp][] = [
    ['no command line', [], /No command given/],
    ['a missing file', ['analyze', '--villages', 'nope.geojson', '--bts', `${K}/bts.fgb`, '--out', out], /nope\.geojson: no such file/],
    ['an empty file', ['analyze', '--villages', join(dir, 'empty.geojson'), '--bts', `${K}/bts.fgb`, '--out', out], /empty/i],
    ['projected coordinates (EPSG:3857)', ['analyze', '--villages', 'tests/fixtures/fgb/grid-points-3857.fgb', '--bts', `${K}/bts.fgb`, '--out', out], /3857|CRS/],
    ['a village layer given as BTS', ['analyze', '--villages', `${K}/villages.fgb`, '--bts', `${K}/villages.fgb`, '--out', out], /point|Point/],
    ['a bad configuration', ['analyze', ...SAMPLE, '--config', join(dir, 'bad.json'), '--out', out], /coverageThreshold/],
    // These hung forever (cut header) or exited 0 with fewer villages (cut features).
    ['a FlatGeobuf cut in its header', ['analyze', '--villages', join(dir, 'cut-header.fgb'), '--bts', `${K}/bts.fgb`, '--out', out], /cut-header\.fgb is cut short: it ends at byte 200, inside its header/],
    ['a FlatGeobuf cut in its features', ['analyze', '--villages', join(dir, 'cut-features.fgb'), '--bts', `${K}/bts.fgb`, '--out', out], /cut-features\.fgb is cut short: .*inside feature \d+ of 824/],
    ['a FlatGeobuf with a corrupt feature', ['analyze', '--villages', join(dir, 'corrupt-feature.fgb'), '--bts', `${K}/bts.fgb`, '--out', out], /corrupt-feature\.fgb is corrupt: feature 1 of 824 does not decode/],
    ['a BTS file whose every row is rejected', ['analyze', '--villages', `${K}/villages.fgb`, '--bts', join(dir, 'rejected.csv'), '--out', out], /rejected\.csv: no BTS sites could be read from it \(all 2 rows were skipped; line 2: technology "6G"/],
  ];
  beforeAll(() => {
    writeFileSync(join(dir, 'empty.geojson'), '');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ coverageThreshold: 90 }));
    const villages = readFileSync(`${K}/villages.fgb`);
    writeFileSync(join(dir, 'cut-header.fgb'), villages.subarray(0, 200));
    writeFileSync(join(dir, 'cut-features.fgb'), villages.subarray(0, Math.floor(villages.length * 0.56)));
    const corrupt = Buffer.from(villages);
    // The first feature's root offset (after the header, the index and its size prefix) points far outside it.
    const first = 12 + corrupt.readUInt32LE(8) + indexBytes(824, 16);
    corrupt.writeUInt32LE(0x7fffff00, first + 4);
    writeFileSync(join(dir, 'corrupt-feature.fgb'), corrupt);
    writeFileSync(join(dir, 'rejected.csv'), 'lon,lat,operator,tech\n107.9,14.7,Viettel,6G\n"107.9x","14.7",Viettel,4G\n');
  });
  for (const [what, args, message] of cases) {
    it(`exits 2 with one line for ${what}`, { timeout: 60_000 }, () => {
      const r = vunglom(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')[0]).toMatch(/^vunglom: /);
    });
  }
});
