import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Feature, FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';
import { mapIdle } from './app-probes.ts';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

/**
 * Only what the user gave: each case opens the app by URL in a fresh
 * browser profile, with GeoJSON files served from "another site" (a Range-capable server with
 * CORS), and compares the app's export with the CLI's output for the same files, village by
 * village. The sample never fills a missing layer; FTTH without fibre is unknown, not zero; a
 * 2025-style file (province → commune → village) gets a per-commune table.
 */

const appUrl = inject('appUrl');
const SAMPLE = 'public/data/kon-tum';
const ARTIFACTS = 'tests/artifacts';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-given-'));
let server: RangeServer;

interface GapFile {
  features: { id: string; properties: Record<string, unknown> }[];
  vunglom: { kpis: Record<string, unknown>; params: unknown; inputs: { role: string; name: string; sha256: string }[] };
}

async function fgbToGeoJson(name: string): Promise<FeatureCollection> {
  const features: Feature[] = [];
  for await (const f of deserialize(new Uint8Array(readFileSync(join(SAMPLE, `${name}.fgb`))))) features.push(f as Feature);
  return { type: 'FeatureCollection', features };
}

/** Sites for the Huế villages: one at the middle of two villages out of three, operators in turn (deterministic). */
function hueSites(villages: FeatureCollection): FeatureCollection {
  const operators = ['Viettel', 'VinaPhone', 'MobiFone'];
  const features: Feature[] = [];
  villages.features.forEach((v, i) => {
    if (i % 3 === 2) return;
    const ring = (v.geometry as { coordinates: number[][][][] }).coordinates[0][0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const lon = (Math.min(...xs) + Math.max(...xs)) / 2;
    const lat = (Math.min(...ys) + Math.max(...ys)) / 2;
    features.push({ type: 'Feature', properties: { id: `H${i}`, operator: operators[i % 3], tech: i % 5 === 0 ? 'LTE-A' : '4G' }, geometry: { type: 'Point', coordinates: [lon, lat] } });
  });
  return { type: 'FeatureCollection', features };
}

/** The CLI's output for `files` (role → file name in `dir`). */
function cli(out: string, files: [string, string][]): GapFile {
  const args = files.flatMap(([role, file]) => [`--${role}`, join(dir, file)]);
  const r = spawnSync(process.execPath, ['src/cli/vunglom.mjs', 'analyze', ...args, '--out', join(dir, out)], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(join(dir, out), 'utf8')) as GapFile;
}

async function exportGeoJson(page: Page): Promise<GapFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8')) as GapFile;
}

function expectSameAsCli(app: GapFile, fromCli: GapFile): void {
  expect(app.features.map((f) => f.id)).toEqual(fromCli.features.map((f) => f.id));
  // Every village, covered ones too, property by property.
  expect(app.features.map((f) => f.properties)).toEqual(fromCli.features.map((f) => f.properties));
  expect(app.vunglom.kpis).toEqual(fromCli.vunglom.kpis);
  expect(app.vunglom.params).toEqual(fromCli.vunglom.params);
  expect(app.vunglom.inputs.map((i) => [i.role, i.name, i.sha256])).toEqual(fromCli.vunglom.inputs.map((i) => [i.role, i.name, i.sha256]));
}

beforeAll(async () => {
  writeFileSync(join(dir, 'villages.geojson'), JSON.stringify(await fgbToGeoJson('villages')));
  writeFileSync(join(dir, 'bts.geojson'), JSON.stringify(await fgbToGeoJson('bts')));
  copyFileSync('tests/fixtures/e2e/wards-2025-hue-villages.geojson', join(dir, 'hue-villages.geojson'));
  const hue = JSON.parse(readFileSync(join(dir, 'hue-villages.geojson'), 'utf8')) as FeatureCollection;
  writeFileSync(join(dir, 'hue-bts.geojson'), JSON.stringify(hueSites(hue)));
  // A fibre route along the coast road of Huế (Quốc lộ 1 between Phong Điền and Lăng Cô, roughly).
  const route = [[107.25, 16.6], [107.45, 16.52], [107.6, 16.46], [107.75, 16.38], [107.9, 16.3], [108.05, 16.25]];
  writeFileSync(join(dir, 'hue-fibre.geojson'), JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { id: 'QL1', operator: 'VNPT', kind: 'trunk' }, geometry: { type: 'LineString', coordinates: route } }],
  }));
  server = await startRangeServer(dir);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('by URL, each case in a fresh browser profile', () => {
  let session: BrowserSession;
  beforeEach(async () => {
    session = await launchBrowser();
  });
  afterEach(async () => {
    await session.close();
  });

  test('villages + BTS only: no sample mixed in, FTTH unknown, the export equals the CLI’s village by village', async () => {
    const { page, problems } = session;
    const url = (f: string): string => encodeURIComponent(`${server.url}/${f}`);
    await page.goto(`${appUrl}?lang=en&villages=${url('villages.geojson')}&bts=${url('bts.geojson')}`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);

    // Nothing of the sample was read: no request for its analysis layers.
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    for (const layer of ['settlements', 'fibre-routes', 'fibre-points', 'bts.fgb', 'villages.fgb']) {
      expect(requested.filter((u) => u.includes('/data/kon-tum/') && u.includes(layer)), layer).toEqual([]);
    }
    expect(await page.locator('#synthetic-note').isHidden()).toBe(true);

    // The FTTH KPIs are unknown, said so, with no number for scripts.
    for (const name of ['ftth-villages-pct', 'households-fibre-pct', 'gap-ftth', 'gap-both']) {
      const el = page.locator(`[data-kpi="${name}"]`);
      expect(await el.textContent(), name).toBe('— (no fibre layer)');
      expect(await el.getAttribute('data-value'), name).toBeNull();
      expect(await el.getAttribute('data-unknown'), name).toBe('no-fibre');
    }
    // The legend's FTTH classes are unknown too, not empty.
    for (const gap of ['ftth', 'both']) {
      expect(await page.locator(`[data-gap-count="${gap}"]`).textContent(), gap).toBe('—');
      expect(await page.locator(`[data-gap-count="${gap}"]`).getAttribute('data-value'), gap).toBeNull();
    }
    expect(await page.locator('[data-notice="layers"]').textContent()).toMatch(/Analysed with: villages, BTS sites\. Without: fibre \(FTTH unknown.*\); settlements \(population taken as spread/);
    expect(await page.locator('[data-layers]').textContent()).toMatch(/Without: fibre/);
    await mapIdle(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/no-fibre-layer.png` });

    const app = await exportGeoJson(page);
    expect(app.vunglom.inputs.map((i) => [i.role, i.name])).toEqual([['villages', 'villages.geojson'], ['bts', 'bts.geojson']]);
    expect(app.features.every((f) => f.properties.ftth_covered === null && f.properties.ftth_fraction === null && f.properties.nearest_fibre_m === null)).toBe(true);
    expect(new Set(app.features.map((f) => f.properties.gap))).toEqual(new Set(['none', 'mobile']));
    expectSameAsCli(app, cli('kon-tum-no-fibre.geojson', [['villages', 'villages.geojson'], ['bts', 'bts.geojson']]));

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.offHostRequests).toEqual([]);
  });

  test('a 2025-style file (province → commune → village): named after its province, a per-commune table, households estimated', async () => {
    const { page, problems } = session;
    const url = (f: string): string => encodeURIComponent(`${server.url}/${f}`);
    await page.goto(`${appUrl}?lang=en&villages=${url('hue-villages.geojson')}&bts=${url('hue-bts.geojson')}&fibre=${url('hue-fibre.geojson')}`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);

    expect(await page.locator('#province-name').textContent()).toBe('Huế');
    expect(await page.locator('.plan-districts-heading').textContent()).toBe('By commune (click to choose)');
    const rows = page.locator('tr[data-unit-row]');
    expect(await rows.count()).toBe(40);
    expect(await rows.first().getAttribute('data-level')).toBe('commune');
    expect(await page.locator('select[data-scope="district"]').count()).toBe(0);
    // The gap list offers the levels the data has: communes, no districts, no choice of one province.
    const hidden = (filter: string): Promise<boolean> => page.$eval(`select[data-filter="${filter}"]`, (el) => (el as HTMLSelectElement).hidden === true);
    expect(await hidden('commune')).toBe(false);
    expect(await hidden('district')).toBe(true);
    expect(await hidden('province')).toBe(true);
    // Households are not in the file: the fibre target counts an estimate, and says so.
    const households = page.locator('[data-to-close="households-fibre-pct"]');
    expect(await households.textContent()).toMatch(/About [\d,]+ households to go \(estimated from population at 3\.5 persons per household\)/);
    expect(await households.getAttribute('data-estimated')).toBe('true');

    // Choosing a commune scopes the targets to it.
    const name = (await rows.nth(3).getAttribute('data-unit-row')) as string;
    await rows.nth(3).click();
    expect(await page.locator('select[data-scope="commune"]').inputValue()).toBe(name);
    await mapIdle(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/plan-board-2025-communes.png` });

    const app = await exportGeoJson(page);
    expect(app.vunglom.inputs.map((i) => i.role)).toEqual(['villages', 'bts', 'fibre']);
    expect(app.features.filter((f) => f.properties.district !== null)).toEqual([]);
    expectSameAsCli(app, cli('hue.geojson', [['villages', 'hue-villages.geojson'], ['bts', 'hue-bts.geojson'], ['fibre', 'hue-fibre.geojson']]));

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });

  test('villages without BTS: nothing is analysed, and the page says which layer to add', async () => {
    const { page, problems } = session;
    await page.goto(`${appUrl}?lang=en&villages=${encodeURIComponent(`${server.url}/hue-villages.geojson`)}`);
    expect(await waitForAnalysis(page)).toBe('error');
    await waitForReady(page);
    expect(await page.locator('[data-notice="analysis"]').textContent()).toMatch(/No BTS layer, so no analysis yet: add a BTS file/);
    expect(await page.evaluate(() => window.vunglom?.map.querySourceFeatures('bts').length ?? -1)).toBe(0);
    expect(await page.locator('#synthetic-note').isHidden()).toBe(true);
    expect(await page.locator('[data-action="export-gaps-geojson"]').isDisabled()).toBe(true);
    expect(problems.pageErrors).toEqual([]);
  });

  test('the sample alone: the note names its synthetic layers', async () => {
    const { page } = session;
    await page.goto(`${appUrl}?lang=en`);
    expect(await waitForAnalysis(page)).toBe('done');
    const note = page.locator('#synthetic-note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe('Synthetic sample: villages, settlements, BTS sites, fibre are simulated, not real operator data.');
    expect(await page.locator('[data-notice="layers"]').count()).toBe(0);
  });
});
