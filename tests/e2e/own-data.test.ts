import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, test } from 'vitest';
import { allKpis, expectNoProblems, lastRun, openApp, waitForRerun } from './app-probes.ts';
import { launchBrowser, type BrowserSession } from './browser.ts';

/**
 * Bringing your own data through the file picker: the first file replaces the whole sample (never
 * mixed), the sample's four layers given back as GeoJSON give the same plan board, an OpenCelliD
 * CSV loads as BTS (bad lines listed by number), columns with other names go through the
 * field-mapping step, and a file dropped on the map loads too.
 */

const appUrl = inject('appUrl');
const SAMPLE = 'public/data/kon-tum';
const ARTIFACTS = 'tests/artifacts';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-own-'));

let session: BrowserSession;

async function fgbToGeoJson(name: string): Promise<FeatureCollection> {
  const features: Feature[] = [];
  for await (const f of deserialize(new Uint8Array(readFileSync(join(SAMPLE, `${name}.fgb`))))) features.push(f as Feature);
  return { type: 'FeatureCollection', features };
}

beforeAll(async () => {
  for (const layer of ['villages', 'bts', 'settlements']) {
    writeFileSync(join(dir, `kon-tum-${layer}.geojson`), JSON.stringify(await fgbToGeoJson(layer)));
  }
  // One fibre file holds routes and access points together.
  const [routes, points] = [await fgbToGeoJson('fibre-routes'), await fgbToGeoJson('fibre-points')];
  writeFileSync(join(dir, 'kon-tum-fibre.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [...routes.features, ...points.features] }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  session = await launchBrowser();
});

afterEach(async () => {
  await session.close();
});


async function pick(page: Page, kind: string, path: string): Promise<void> {
  const run = await lastRun(page);
  await page.locator(`input[type="file"][data-input="${kind}"]`).setInputFiles(path);
  await waitForRerun(page, run);
}

/** Picks the user's first file over the sample: the sample leaves, and no analysis runs until villages and BTS are there. */
async function pickFirst(page: Page, kind: string, path: string): Promise<void> {
  await page.locator(`input[type="file"][data-input="${kind}"]`).setInputFiles(path);
  await page.waitForFunction(() => document.documentElement.dataset.analysis === 'error');
}

test('the first file replaces the whole sample; its four layers given back as GeoJSON files give the same plan board', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const before = await allKpis(page);
  expect(await page.locator('#synthetic-note').isVisible()).toBe(true);

  // The villages alone: the sample's sites, fibre and settlements leave the map and the analysis.
  await pickFirst(page, 'villages', join(dir, 'kon-tum-villages.geojson'));
  expect(await page.locator('#synthetic-note').isHidden()).toBe(true);
  expect(await page.locator('[data-notice="analysis"]').textContent()).toMatch(/No BTS layer, so no analysis yet/);
  expect(await page.evaluate(() => ['bts', 'settlements', 'fibre-routes'].map((s) => window.vunglom?.map.querySourceFeatures(s).length))).toEqual([0, 0, 0]);

  await pick(page, 'bts', join(dir, 'kon-tum-bts.geojson'));
  const twoLayers = await allKpis(page);
  expect(await page.locator('[data-kpi="ftth-villages-pct"]').textContent()).toBe('— (no fibre layer)');
  expect(await page.locator('[data-notice="layers"]').textContent()).toMatch(/Without: fibre .*; settlements/);
  expect(twoLayers.villages).toBe(before.villages);
  await pick(page, 'fibre', join(dir, 'kon-tum-fibre.geojson'));
  await pick(page, 'settlements', join(dir, 'kon-tum-settlements.geojson'));
  expect(await allKpis(page)).toEqual(before);
  expect(await page.locator('[data-notice="layers"]').count()).toBe(0);

  const summary = page.locator('[data-notice="own-issues-bts"] summary');
  expect(await summary.textContent()).toContain('kon-tum-bts.geojson');
  expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
  // Exports fingerprint exactly the files that were read, by name.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { vunglom: { inputs: { role: string; name: string }[] } };
  expect(exported.vunglom.inputs.map((i) => [i.role, i.name])).toEqual([
    ['villages', 'kon-tum-villages.geojson'], ['bts', 'kon-tum-bts.geojson'], ['fibre', 'kon-tum-fibre.geojson'], ['settlements', 'kon-tum-settlements.geojson'],
  ]);
  expectNoProblems(session);
});

test('an OpenCelliD CSV loads as BTS, and its bad lines are listed by number', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const before = await allKpis(page);
  const bts = await fgbToGeoJson('bts');
  // OpenCelliD's own layout, no header: radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal.
  const radio: Record<string, string> = { '2G': 'GSM', '3G': 'UMTS', '4G': 'LTE', '5G': 'NR' };
  const mnc: Record<string, number> = { Viettel: 4, VinaPhone: 2, MobiFone: 1, Vietnamobile: 5 };
  const lines = bts.features.slice(0, 400).map((f, i) => {
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    const p = f.properties as { tech: string; operator: string };
    return `${radio[p.tech]},452,${mnc[p.operator]},1000,${i + 1},0,${lon},${lat},1500,3,1,1500000000,1700000000,0`;
  });
  lines.splice(10, 0, 'LTE,452,4,1000,99999,0,not-a-number,14.5,1500,3,1,1500000000,1700000000,0');
  const path = join(dir, 'cell_towers_452.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);

  await pickFirst(page, 'villages', join(dir, 'kon-tum-villages.geojson'));
  await pick(page, 'bts', path);
  const drawn = await page.evaluate(() => window.vunglom?.map.querySourceFeatures('bts').length ?? 0);
  expect(drawn).toBeGreaterThan(0);
  const after = await allKpis(page);
  expect(after['mobile-villages-pct']).toBeLessThan(before['mobile-villages-pct']);
  expect(after.villages).toBe(before.villages);

  const notice = page.locator('[data-notice="own-issues-bts"]');
  expect(await notice.locator('summary').textContent()).toMatch(/cell_towers_452\.csv.*400 features read/);
  await notice.locator('summary').click();
  expect(await notice.locator('li').first().textContent()).toMatch(/^line 11: /);
  expectNoProblems(session);
});

test('columns with other names go through the field-mapping step, then the file loads', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const bts = await fgbToGeoJson('bts');
  const rows = bts.features.map((f) => {
    const [lon, lat] = (f.geometry as { coordinates: number[] }).coordinates;
    const p = f.properties as Record<string, unknown>;
    return [lon, lat, p.operator, p.tech, p.site_id].join(';');
  });
  const path = join(dir, 'tram-bts-tinh.csv');
  writeFileSync(path, `X_WGS84;Y_WGS84;Doanh nghiep;Song;Cot\n${rows.join('\n')}\n`);

  await pickFirst(page, 'villages', join(dir, 'kon-tum-villages.geojson'));
  const run = await lastRun(page);
  await page.locator('input[type="file"][data-input="bts"]').setInputFiles(path);
  const dialog = page.locator('#field-mapping');
  await dialog.waitFor({ state: 'visible' });
  expect(await dialog.locator('.field-mapping-intro').textContent()).toMatch(/tram-bts-tinh\.csv.*lon, lat/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await dialog.locator('select[data-field="lon"]').selectOption('X_WGS84');
  await dialog.locator('select[data-field="lat"]').selectOption('Y_WGS84');
  await page.screenshot({ path: `${ARTIFACTS}/field-mapping-step.png` });
  await dialog.locator('[data-action="apply-mapping"]').click();

  // Then the BTS fields: the technology ("Doanh nghiệp", the enterprise, is recognised as the operator).
  await page.waitForFunction(() => document.querySelector('#field-mapping select[data-field="tech"]') !== null);
  expect(await dialog.locator('select[data-field="operator"]').count()).toBe(0);
  await dialog.locator('select[data-field="tech"]').selectOption('Song');
  await dialog.locator('[data-action="apply-mapping"]').click();
  await waitForRerun(page, run);
  expect(await page.locator('[data-notice="own-issues-bts"] summary').textContent()).toContain(`${bts.features.length.toLocaleString('en-GB')} features read`);
  expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
  expectNoProblems(session);
});

test('a file dropped on the map asks which layer it is and loads', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  await pickFirst(page, 'villages', join(dir, 'kon-tum-villages.geojson'));
  await pick(page, 'bts', join(dir, 'kon-tum-bts.geojson'));
  const before = await allKpis(page);
  const text = readFileSync(join(dir, 'kon-tum-bts.geojson'), 'utf8');
  const run = await lastRun(page);
  await page.evaluate((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'my-sites.geojson', { type: 'application/geo+json' }));
    const map = document.getElementById('map')!;
    map.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    map.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, text);
  await page.locator('#drop-kind button[data-kind="bts"]').click();
  await waitForRerun(page, run);
  expect(await allKpis(page)).toEqual(before);
  expect(await page.locator('[data-notice="own-issues-bts"] summary').textContent()).toContain('my-sites.geojson');
  expectNoProblems(session);
});

test('the export choice: gaps only or all villages, and the file name says which', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const villages = Number(await page.locator('[data-kpi="villages"]').getAttribute('data-value'));
  expect(await page.locator('input[name="export-scope"]:checked').getAttribute('value')).toBe('all');

  await page.locator('input[name="export-scope"][value="gaps-only"]').check();
  const [geojson] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  expect(geojson.suggestedFilename()).toMatch(/^vunglom-gaps-only-kon-tum-\d{4}-\d{2}-\d{2}\.geojson$/);
  const only = JSON.parse(readFileSync(await geojson.path(), 'utf8')) as { features: { properties: { gap: string } }[]; vunglom: { gapsOnly: boolean } };
  expect(only.vunglom.gapsOnly).toBe(true);
  expect(only.features.length).toBeGreaterThan(0);
  expect(only.features.length).toBeLessThan(villages);
  expect(only.features.every((f) => f.properties.gap !== 'none')).toBe(true);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-csv"]').click()]);
  expect(csv.suggestedFilename()).toMatch(/^vunglom-gaps-only-kon-tum-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  expect(rows.length - 1).toBe(only.features.length);

  await page.locator('input[name="export-scope"][value="all"]').check();
  const [all] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  expect(all.suggestedFilename()).toMatch(/^vunglom-gaps-kon-tum-\d{4}-\d{2}-\d{2}\.geojson$/);
  expect((JSON.parse(readFileSync(await all.path(), 'utf8')) as { features: unknown[] }).features).toHaveLength(villages);
  expectNoProblems(session);
});

test('a file picked while the first analysis runs is taken in after it: the sample held back is never drawn over it', async () => {
  const { page } = session;
  // The first analysis waits for an elevation file this test holds back, so the file below is
  // picked while it runs; once let go, the file is refused (404) and the sample's analysis ends.
  let letGo: () => void = () => {};
  const held = new Promise<void>((resolve) => (letGo = resolve));
  await page.context().route('**/held/N14E107.hgt', async (route) => {
    await held;
    await route.fulfill({ status: 404, body: 'not here' });
  });
  const dem = encodeURIComponent(new URL('held/N14E107.hgt', appUrl).href);
  await page.goto(`${appUrl}?lang=en&dem=${dem}`);
  const input = page.locator('input[type="file"][data-input="villages"]');
  await input.waitFor({ state: 'attached' });
  expect(await page.evaluate(() => document.documentElement.dataset.analysis)).not.toBe('done');
  await input.setInputFiles('tests/fixtures/e2e/wards-2025-hue-villages.geojson');
  // Given time to be taken in at once (as it was before this was mended), the file waits instead:
  // its progress stays up and the sample stays on screen.
  const takenAtOnce = await page.waitForFunction(() => document.getElementById('load-progress')?.hidden === true, null, { timeout: 3000 }).then(
    () => true,
    () => false,
  );
  expect(takenAtOnce).toBe(false);
  expect(await page.locator('#synthetic-note').isVisible()).toBe(true);
  expect(await page.locator('[data-notice="own-waiting"]').textContent()).toContain('wards-2025-hue-villages.geojson is read; it is used when the analysis now running ends.');
  letGo();

  // The sample's analysis ends, then the file replaces the sample: no BTS yet, so no analysis.
  await page.waitForFunction(() => document.documentElement.dataset.analysis === 'error' && document.getElementById('load-progress')?.hidden === true, null, { timeout: 90_000 });
  expect(await page.locator('#synthetic-note').isHidden()).toBe(true);
  expect(await page.locator('[data-notice="own-waiting"]').count()).toBe(0);
  expect(await page.locator('[data-notice="analysis"]').textContent()).toMatch(/No BTS layer, so no analysis yet/);
  const hue = (JSON.parse(readFileSync('tests/fixtures/e2e/wards-2025-hue-villages.geojson', 'utf8')) as FeatureCollection).features.length;
  const counts = await page.evaluate(async () => {
    const map = window.vunglom!.map;
    const out: Record<string, number> = {};
    for (const source of ['villages', 'bts', 'settlements', 'fibre-routes', 'fibre-points', 'province', 'districts', 'communes', 'roads']) {
      const data = (await map.getSource<GeoJSONSource>(source)?.getData()) as FeatureCollection | undefined;
      out[source] = data?.features.length ?? -1;
    }
    return out;
  });
  expect(counts).toEqual({ villages: hue, bts: 0, settlements: 0, 'fibre-routes': 0, 'fibre-points': 0, province: 0, districts: 0, communes: 0, roads: 0 });
});
