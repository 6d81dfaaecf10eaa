import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';
import { colourStats, decodePng } from './png.ts';

const appUrl = inject('appUrl');
const ARTIFACTS = 'tests/artifacts';
const KPI_COMPUTED = ['mobile-villages-pct', 'ftth-villages-pct', 'shared-sites-pct', 'households-fibre-pct', 'gap-mobile', 'gap-ftth', 'gap-both'];
const EXPORTS_READY = ['export-gaps-geojson', 'export-gaps-csv'];
/** Proposals come with the operator workflow; until then the button stays disabled and says why. */
const EXPORTS_PENDING = ['export-proposals-geojson'];

interface Manifest {
  bbox: number[];
  layers: Record<string, { count: number }>;
}

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser();
});

afterEach(async () => {
  await session.close();
});

test('the Kon Tum sample loads, renders its villages and reports the village count', async () => {
  const { page, problems } = session;
  const manifest = (await (await fetch(new URL('data/kon-tum/manifest.json', appUrl))).json()) as Manifest;

  await page.goto(appUrl);
  expect(await waitForAnalysis(page)).toBe('done');
  await waitForReady(page);

  const villagesKpi = page.locator('[data-kpi="villages"]');
  expect(await villagesKpi.getAttribute('data-value')).toBe(String(manifest.layers.villages.count));
  expect(Number((await villagesKpi.textContent())?.replace(/\D/g, ''))).toBe(manifest.layers.villages.count);
  for (const name of KPI_COMPUTED) {
    const value = Number(await page.locator(`[data-kpi="${name}"]`).getAttribute('data-value'));
    expect(Number.isFinite(value), name).toBe(true);
    expect(value, name).toBeGreaterThanOrEqual(0);
    if (name.endsWith('-pct')) expect(value, name).toBeLessThanOrEqual(100);
  }
  for (const action of EXPORTS_READY) expect(await page.locator(`[data-action="${action}"]`).isDisabled(), action).toBe(false);
  for (const action of EXPORTS_PENDING) {
    const button = page.locator(`[data-action="${action}"]`);
    expect(await button.isDisabled(), action).toBe(true);
    expect(await button.getAttribute('title'), action).toBeTruthy();
  }
  // Villages are coloured by gap class: every one has a result, and some of each kind of gap exist.
  const gaps = await page.evaluate(() =>
    window.vunglom?.map.querySourceFeatures('villages').map((f) => f.properties?.gap as string) ?? [],
  );
  expect(gaps.length).toBeGreaterThan(0);
  expect(gaps.every((g) => ['none', 'mobile', 'ftth', 'both'].includes(g))).toBe(true);
  expect(new Set(gaps)).toContain('none');
  expect(new Set(gaps)).toContain('both');

  const rendered = await page.evaluate(() => window.vunglom?.renderedVillageCount() ?? 0);
  expect(rendered).toBeGreaterThan(0);
  const view = await page.evaluate(() => {
    const map = window.vunglom?.map;
    const b = map?.getBounds();
    return { loaded: map?.loaded() ?? false, bounds: b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : [] };
  });
  expect(view.loaded).toBe(true);
  // Framed on the province: the whole bbox is on screen and the view is not much wider.
  const [minX, minY, maxX, maxY] = manifest.bbox;
  expect(view.bounds[0]).toBeLessThanOrEqual(minX);
  expect(view.bounds[1]).toBeLessThanOrEqual(minY);
  expect(view.bounds[2]).toBeGreaterThanOrEqual(maxX);
  expect(view.bounds[3]).toBeGreaterThanOrEqual(maxY);
  expect(view.bounds[3] - view.bounds[1]).toBeLessThan(2 * (maxY - minY));

  expect(await page.locator('#province-name').textContent()).toContain('Kon Tum');
  expect(await page.locator('.synthetic-note').isVisible()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
  expect(await page.locator('[role="alert"]').count()).toBe(0);

  const mapShot = decodePng(await page.locator('#map').screenshot());
  const stats = colourStats(mapShot);
  expect(stats.distinct).toBeGreaterThan(50);
  expect(stats.dominantShare).toBeLessThan(0.8);
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}/app-kon-tum.png`, await page.screenshot());

  expect(problems.consoleErrors).toEqual([]);
  expect(problems.consoleWarnings).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
  expect(problems.httpErrors).toEqual([]);
  expect(problems.offHostRequests).toEqual([]);
});

test('?lang=en shows English labels and remembers the choice', async () => {
  const { page, problems } = session;
  await page.goto(`${appUrl}?lang=en`);
  expect(await waitForAnalysis(page)).toBe('done');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  const panel = page.locator('.panel');
  for (const label of ['Plan board', 'Villages loaded', 'Layers', 'Legend', 'BTS sites', 'About / data sources']) {
    expect(await panel.getByText(label, { exact: true }).count(), label).toBeGreaterThan(0);
  }
  expect(await page.locator('.synthetic-note').textContent()).toMatch(/^Synthetic sample/);
  expect(await page.locator('[data-action="export-proposals-geojson"]').getAttribute('title')).toBe(
    'available once coverage is computed',
  );

  await page.locator('#about-open').click();
  const about = page.locator('#about');
  expect(await about.isVisible()).toBe(true);
  const aboutText = (await about.textContent()) ?? '';
  for (const fact of ['Real data', 'Synthetic (simulated) data', 'censusVN2009', 'CC BY-SA 4.0', 'Villages', 'BTS sites']) {
    expect(aboutText, fact).toContain(fact);
  }
  await about.getByRole('button', { name: 'Close' }).click();

  // Persisted: the next visit without ?lang stays English; the switch goes back to Vietnamese.
  await page.goto(appUrl);
  await waitForAnalysis(page);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await page.locator('[data-lang="vi"]').click();
  expect(await page.locator('.panel').getByText('Bảng kế hoạch', { exact: true }).count()).toBe(1);
  expect(await page.evaluate(() => localStorage.getItem('vunglom.lang'))).toBe('vi');

  expect(problems.consoleErrors).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.offHostRequests).toEqual([]);
});
