import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * `vunglom report` as a user runs it: the sample analysed twice (a quarter ago with a smaller 4G
 * radius, now with the defaults), then the report and its summary from the two files.
 */
const K = 'public/data/kon-tum';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-report-'));
const SAMPLE = ['--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`, '--fibre', `${K}/fibre-routes.fgb`, '--fibre', `${K}/fibre-points.fgb`, '--settlements', `${K}/settlements.fgb`];

function vunglom(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/vunglom.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

interface Feature {
  id: string;
  properties: { id: string; mobile_covered: boolean; ftth_covered: boolean; signal_class: string | null };
}

let now: Feature[];
let before: Feature[];

beforeAll(() => {
  writeFileSync(join(dir, 'q3.json'), JSON.stringify({ radiusM: { '4G': 3000 } }));
  expect(vunglom('analyze', ...SAMPLE, '--config', join(dir, 'q3.json'), '--out', join(dir, 'q3.geojson')).code).toBe(0);
  expect(vunglom('analyze', ...SAMPLE, '--out', join(dir, 'q4.geojson')).code).toBe(0);
  const doc = JSON.parse(readFileSync(join(dir, 'q3.geojson'), 'utf8'));
  doc.vunglom.created = '2026-07-01T02:00:00.000Z';
  writeFileSync(join(dir, 'q3.geojson'), JSON.stringify(doc));
  before = doc.features;
  now = JSON.parse(readFileSync(join(dir, 'q4.geojson'), 'utf8')).features;
});

describe('vunglom report', () => {
  it('writes the report and summary.json: KPIs, the per-commune table, and the changes as ids', () => {
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ name: 'Kon Tum 2025', targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': 95 } }));
    const r = vunglom('report', '--gaps', join(dir, 'q4.geojson'), '--previous', join(dir, 'q3.geojson'), '--plan', join(dir, 'plan.json'), '--out', join(dir, 'report.html'), '--json', join(dir, 'summary.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^report: 824 villages, \d+ trắng sóng, \d+ lõm sóng; since q3\.geojson: mobile gained \d+, lost 0; FTTH gained 0, lost 0 \(warnings: params-differ\) → /);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const gained = now.filter((f, i) => f.properties.mobile_covered && !before[i].properties.mobile_covered).map((f) => f.id);
    expect(gained.length).toBeGreaterThan(0);
    expect(summary.changes).toEqual({ mobile: { gained, lost: [] }, ftth: { gained: [], lost: [] } });
    expect(summary.kpis.trangSong).toBe(now.filter((f) => f.properties.signal_class === 'trang-song').length);
    expect(summary.kpis.villages).toBe(824);
    expect(summary.targets).toEqual({ mobileVillagesPct: 100, ftthVillagesPct: 95 });
    const communes = summary.units.find((u: { level: string }) => u.level === 'commune').rows as { villages: number; trangSong: number }[];
    expect(communes.reduce((s, u) => s + u.villages, 0)).toBe(824);
    expect(communes.reduce((s, u) => s + u.trangSong, 0)).toBe(summary.kpis.trangSong);
    expect(summary.units.map((u: { level: string }) => u.level)).toEqual(['commune', 'district']);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Kế hoạch: Kon Tum 2025');
    // The sample's files are recognised by their bytes: the report says the data is synthetic.
    expect(html).toContain('TỔNG HỢP');
    for (const id of gained) expect(html).toContain(`data-change="mobile-gained" data-village-id="${id}"`);
  });

  it('--lang en writes the English report; without an earlier result there are no changes', () => {
    const r = vunglom('report', '--gaps', join(dir, 'q4.geojson'), '--lang', 'en', '--out', join(dir, 'en.html'), '--json', join(dir, 'en.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'en.html'), 'utf8')).toContain('Mobile broadband and fibre by village: quarterly report');
    expect(JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')).changes).toBeNull();
  });

  const refusals: [string, string[], RegExp][] = [
    ['a file that is not a gap list', ['--gaps', `${K}/manifest.json`, '--out', join(dir, 'x.html')], /^vunglom: manifest\.json is not a gap list exported by Vùng Lõm \(no FeatureCollection\)/],
    ['a missing earlier file', ['--gaps', join(dir, 'q4.geojson'), '--previous', join(dir, 'nope.csv'), '--out', join(dir, 'x.html')], /^vunglom: --previous .*nope\.csv: no such file\. Check the path\./],
    ['a bad plan', ['--gaps', join(dir, 'q4.geojson'), '--plan', `${K}/manifest.json`, '--out', join(dir, 'x.html')], /manifest\.json: unknown key "region" in the plan; use "name" and "targets"\./],
    ['no --out', ['--gaps', join(dir, 'q4.geojson')], /^vunglom: Missing --out: where to write the report/],
    ['a bad --lang', ['--gaps', join(dir, 'q4.geojson'), '--lang', 'fr', '--out', join(dir, 'x.html')], /--lang must be "vi" or "en", got "fr"/],
  ];
  for (const [what, args, message] of refusals) {
    it(`exits 2 with one line for ${what}`, () => {
      const r = vunglom('report', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')[0]).toMatch(/^vunglom: /);
    });
  }
});
