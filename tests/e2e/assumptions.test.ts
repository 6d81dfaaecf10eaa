import { mkdirSync, readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { allKpis, kpi, lastRun, expectNoProblems, openApp, waitForRerun } from './app-probes.ts';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';
import { readFgb } from '../../src/core/io/read-fgb.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { buildFootprints } from '../../src/map/bts-footprints.ts';
import { KON_TUM } from '../helpers/kon-tum.ts';

/**
 * The assumptions panel: a change re-runs the analysis, moves the plan board the right way,
 * survives a reload (localStorage) and travels in the link (`?params=`), a bad value is refused
 * with resolveParams's sentence, and the map's footprints are drawn again by the analysis's rule.
 */

const appUrl = inject('appUrl');
const ARTIFACTS = 'tests/artifacts';

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser();
});

afterEach(async () => {
  await session.close();
});

/** Waits for an analysis newer than `after` to finish; returns its wall time and the worker pool's part (ms). */
async function rerunTiming(page: Page, after: number): Promise<string> {
  await waitForRerun(page, after, 60_000);
  const a = await page.evaluate(() => window.vunglom?.lastAnalysis);
  return `${a?.wallMs.toFixed(0)} (pool ${a?.totalMs.toFixed(0)})`;
}

test('a longer FTTH reach raises the share of villages with fibre, a shorter one lowers it', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const reach = page.locator('[data-param="ftthReachM"]');
  expect(await reach.inputValue()).toBe('1000');
  const atDefault = await kpi(page, 'ftth-villages-pct');

  const times: string[] = [];
  let run = await lastRun(page);
  await reach.fill('3000');
  times.push(await rerunTiming(page, run));
  const longer = await kpi(page, 'ftth-villages-pct');
  expect(longer).toBeGreaterThan(atDefault);
  expect(page.url()).toContain('params=');

  run = await lastRun(page);
  await reach.fill('300');
  times.push(await rerunTiming(page, run));
  const shorter = await kpi(page, 'ftth-villages-pct');
  expect(shorter).toBeLessThan(atDefault);

  // Back to the default: the same numbers as at the start.
  run = await lastRun(page);
  await reach.fill('1000');
  times.push(await rerunTiming(page, run));
  expect(await kpi(page, 'ftth-villages-pct')).toBe(atDefault);
  console.info(`assumptions re-run, change to plan board (ms): ${times.join(', ')}`);
  expectNoProblems(session);
});

test('a change persists across a reload and the link opens the same view in a fresh profile', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const before = await allKpis(page);
  let run = await lastRun(page);
  await page.locator('[data-param="coverageMeasure"]').selectOption('area');
  await rerunTiming(page, run);
  run = await lastRun(page);
  await page.locator('[data-param="ftthReachM"]').fill('2500');
  await rerunTiming(page, run);
  const changed = await allKpis(page);
  expect(changed).not.toEqual(before);
  const link = page.url();
  expect(new URL(link).searchParams.get('params')).toBeTruthy();

  // A reload of the plain address (no ?params=) still has the change: localStorage.
  await openApp(page, appUrl);
  expect(await page.locator('[data-param="ftthReachM"]').inputValue()).toBe('2500');
  expect(await page.locator('[data-param="coverageMeasure"]').inputValue()).toBe('area');
  expect(await allKpis(page)).toEqual(changed);
  expect(new URL(page.url()).searchParams.get('params')).toBeTruthy();

  // A colleague opens the link in a fresh profile: same numbers.
  const colleague = await launchBrowser();
  try {
    await colleague.page.goto(link);
    expect(await waitForAnalysis(colleague.page)).toBe('done');
    await waitForReady(colleague.page);
    expect(await allKpis(colleague.page)).toEqual(changed);
    expect(await colleague.page.locator('[data-param="ftthReachM"]').inputValue()).toBe('2500');
    expect(colleague.problems.consoleErrors).toEqual([]);
  } finally {
    await colleague.close();
  }

  // Reset to defaults: the numbers of a fresh start, and the link loses its params.
  run = await lastRun(page);
  await page.locator('[data-action="reset-assumptions"]').click();
  await rerunTiming(page, run);
  expect(await allKpis(page)).toEqual(before);
  expect(new URL(page.url()).searchParams.get('params')).toBeNull();
  expectNoProblems(session);
});

test('switching the rule to "centre" changes the numbers; a bad value is refused with its reason', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const before = await allKpis(page);
  const run = await lastRun(page);
  await page.locator('[data-param="coverageMeasure"]').selectOption('centre');
  await rerunTiming(page, run);
  const centre = await allKpis(page);
  expect(centre['mobile-villages-pct']).not.toBe(before['mobile-villages-pct']);
  expect(centre['ftth-villages-pct']).toBe(before['ftth-villages-pct']);

  // A negative reach: resolveParams's sentence is shown, nothing re-runs, the board keeps its numbers.
  const runs = await lastRun(page);
  await page.locator('[data-param="ftthReachM"]').fill('-5');
  const error = page.locator('.assumptions-error');
  await error.waitFor({ state: 'visible' });
  expect(await error.textContent()).toMatch(/"ftthReachM" must be a number between 10 and 10,000 m, got -5/);
  await page.waitForTimeout(600);
  expect(await lastRun(page)).toBe(runs);
  expect(await allKpis(page)).toEqual(centre);
  expect(await page.locator('[data-param="ftthReachM"]').getAttribute('aria-invalid')).not.toBeNull();

  mkdirSync(ARTIFACTS, { recursive: true });
  // A window tall enough for the whole panel: an element screenshot leaves what lies below the window blank.
  await page.setViewportSize({ width: 1400, height: 1600 });
  await page.locator('#assumptions-section').screenshot({ path: `${ARTIFACTS}/assumptions-panel.png` });
  expectNoProblems(session);
});

test('a bad ?params= in the link says so and the defaults apply', async () => {
  const { page } = session;
  await openApp(page, appUrl, `&params=${encodeURIComponent('{"ftthReachM":"far"}')}`);
  const notice = page.locator('[data-notice="assumptions"]');
  expect(await notice.textContent()).toMatch(/not valid.*"ftthReachM" must be a number between 10 and 10,000 m/);
  expect(await page.locator('[data-param="ftthReachM"]').inputValue()).toBe('1000');
  expectNoProblems(session);
});

test('the map draws the footprints of the assumptions in use, and draws them again when they change', async () => {
  const { page } = session;
  await openApp(page, appUrl);
  const bts = await sampleBts();
  /** What the map's footprint source holds now: how many, which technologies, how many are sectors (a disk ring has 65 positions). */
  const drawn = (): Promise<{ count: number; techs: string[]; sectors: number }> =>
    page.evaluate(async () => {
      const source = window.vunglom?.map.getSource<GeoJSONSource>('bts-footprints');
      const data = (await source?.getData()) as FeatureCollection<Polygon> | undefined;
      const features = data?.features ?? [];
      const techs = [...new Set(features.map((f) => String(f.properties?.tech)))].sort();
      return { count: features.length, techs, sectors: features.filter((f) => f.geometry.coordinates[0].length !== 65).length };
    });
  const summary = (params: AnalysisParams): { count: number; techs: string[]; sectors: number } => {
    const features = buildFootprints(bts, params).features;
    return {
      count: features.length,
      techs: [...new Set(features.map((f) => String(f.properties?.tech)))].sort(),
      sectors: features.filter((f) => f.geometry.coordinates[0].length !== 65).length,
    };
  };
  const defaults = summary(defaultParams());
  expect(defaults.techs).toEqual(['4G', '5G']);
  expect(defaults.sectors).toBeGreaterThan(0);
  await expect.poll(drawn, { timeout: 30_000 }).toEqual(defaults);

  // 3G counted as broadband, sectors off: the map follows the analysis.
  await page.locator('[data-param="broadbandTechs.3G"]').check();
  await page.locator('[data-param="sectors"]').uncheck();
  const changed = summary({ ...defaultParams(), broadbandTechs: ['3G', '4G', '5G'], sectors: false });
  expect(changed.sectors).toBe(0);
  expect(changed.count).toBeGreaterThan(defaults.count);
  await expect.poll(drawn, { timeout: 60_000 }).toEqual(changed);
  expectNoProblems(session);
});

/** The sample's BTS layer as the page reads it. */
async function sampleBts(): Promise<FeatureCollection> {
  const { features } = await readFgb(new Uint8Array(readFileSync(`${KON_TUM}/bts.fgb`)));
  return { type: 'FeatureCollection', features } as FeatureCollection;
}
