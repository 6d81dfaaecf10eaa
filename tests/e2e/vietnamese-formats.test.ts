import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, test } from 'vitest';
import { readZip } from '../../src/core/io/formats/zip-archive.ts';
import { readFeatures } from '../../src/core/io/read-features.ts';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';
import { allKpis, lastRun, waitForRerun } from './app-probes.ts';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

/**
 * The files a Vietnamese department really has, in the app: a VN-2000 shapefile of communes with
 * TCVN3 names dropped on the map, then an operator's Excel site list in DMS; the import step shows
 * the coordinate system and the detected encoding with a preview of the names; the plan board
 * equals the one of the same data as plain WGS84 files; the gap list exports as a Shapefile in the
 * province's VN-2000 zone that our reader and GDAL read back. A shapefile in metres without .prj
 * (dropped, or given by URL) brings the coordinate-system question with Kon Tum's zone preselected.
 */

const appUrl = inject('appUrl');
const F = 'tests/fixtures/formats';
const ARTIFACTS = 'tests/artifacts';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-formats-'));

let session: BrowserSession;
let fixtures: RangeServer;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  fixtures = await startRangeServer(resolve(F));
});

afterAll(async () => {
  await fixtures.close();
});

beforeEach(async () => {
  session = await launchBrowser();
});

afterEach(async () => {
  await session.close();
});

function expectNoProblems(): void {
  expect(session.problems.consoleErrors).toEqual([]);
  expect(session.problems.pageErrors).toEqual([]);
  expect(session.problems.offHostRequests).toEqual([]);
}

async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`${appUrl}?lang=en${query}`);
  expect(await waitForAnalysis(page)).toBe('done');
  await waitForReady(page);
}

/** Drops a fixture on the map as the user would, and says which layer it is. */
async function drop(page: Page, file: string, kind: string): Promise<void> {
  const base64 = readFileSync(join(F, file)).toString('base64');
  await page.evaluate(([content, name]) => {
    const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name));
    const map = document.getElementById('map') as HTMLElement;
    map.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    map.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [base64, file]);
  await page.locator(`#drop-kind button[data-kind="${kind}"]`).click();
}

/** Waits until villages without sites of their own are refused for lack of BTS (the sample is gone). */
async function waitForNoBts(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.analysis === 'error');
  expect(await page.locator('[data-notice="analysis"]').textContent()).toMatch(/No BTS layer/);
}

async function pick(page: Page, kind: string, path: string): Promise<void> {
  const run = await lastRun(page);
  await page.locator(`input[type="file"][data-input="${kind}"]`).setInputFiles(path);
  await waitForRerun(page, run);
}

test('a VN-2000 shapefile with TCVN3 names and an Excel site list: detected, shown, accepted, analysed, exported as Shapefile', async () => {
  const { page } = session;
  await openApp(page);

  let run = await lastRun(page);
  await drop(page, 'communes-vn2000-tcvn3.zip', 'villages');
  const step = page.locator('#import-step');
  await step.waitFor();
  expect(await step.locator('[data-import="format"]').textContent()).toContain('Shapefile (zipped)');
  expect(await step.locator('[data-import="crs"]').textContent()).toMatch(/VN-2000 \/ TM-3 107-30 \(EPSG:9216\) \(declared in the file, reprojected to WGS84\)/);
  expect(await step.locator('select[name="encoding"]').inputValue()).toBe('tcvn3');
  expect(await step.locator('[data-import="encoding"]').textContent()).toContain('detected');
  const preview = await step.locator('.import-preview li').allTextContents();
  expect(preview[0]).toBe('Phường Quang Trung');
  // Another encoding shows at once what the names would become.
  await step.locator('select[name="encoding"]').selectOption('windows-1252');
  expect((await step.locator('.import-preview li').allTextContents())[0]).not.toBe('Phường Quang Trung');
  await step.locator('select[name="encoding"]').selectOption('tcvn3');
  await page.screenshot({ path: join(ARTIFACTS, 'import-step.png') });
  await step.locator('[data-action="accept-import"]').click();
  // The first own file replaces the whole sample: the communes wait for a BTS file of their own.
  await waitForNoBts(page);
  expect(await page.locator('[data-kpi="villages"]').getAttribute('data-value')).toBe('102');
  expect(await page.locator('[data-notice="own-issues-villages"] summary').textContent()).toContain('communes-vn2000-tcvn3.zip');

  run = await lastRun(page);
  await drop(page, 'bts-sites.xlsx', 'bts');
  await step.waitFor();
  expect(await step.locator('select[name="layer"]').inputValue()).toBe('Trạm BTS');
  expect(await step.locator('[data-import="crs"]').textContent()).toMatch(/WGS 84 .*not declared/);
  await step.locator('[data-action="accept-import"]').click();
  await waitForRerun(page, run);
  const fromFormats = await allKpis(page);

  // The same data as plain WGS84 GeoJSON and CSV gives the same plan board.
  await pick(page, 'villages', resolve(F, 'kon-tum-communes-wgs84.geojson'));
  await pick(page, 'bts', resolve(F, 'bts-sites-wgs84.csv'));
  expect(await allKpis(page)).toEqual(fromFormats);

  await page.locator('select[name="export-crs"]').selectOption('province-zone');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-shp"]').click()]);
  expect(download.suggestedFilename()).toMatch(/^vunglom-gaps-.*\.shp\.zip$/);
  const path = join(dir, 'gaps.shp.zip');
  copyFileSync(await download.path(), path);
  const bytes = new Uint8Array(readFileSync(path));
  const entries = readZip(bytes, { name: 'gaps.shp.zip', maxBytes: 1 << 28 });
  expect(new TextDecoder().decode(entries.get('gaps.prj'))).toMatch(/D_Vietnam_2000.*Central_Meridian",107\.5/);
  const { table, report } = await readFeatures('shapefile', { name: 'gaps.shp.zip', bytes }, { maxBytes: 1 << 28 });
  expect(report.crs.code).toBe('EPSG:9216');
  expect(table.features).toHaveLength(102);
  const names = (JSON.parse(readFileSync(join(F, 'kon-tum-communes-wgs84.geojson'), 'utf8')) as { features: { properties: { TEN: string } }[] }).features.map((f) => f.properties.TEN);
  expect(table.features.map((f) => f.properties.name)).toEqual(names);
  expect(execFileSync('ogrinfo', ['-so', '-al', path], { encoding: 'utf8' })).toMatch(/Feature Count: 102/);
  expectNoProblems();
});

test('a shapefile in metres without .prj asks for its coordinate system, Kon Tum\'s zone preselected', async () => {
  const { page } = session;
  await openApp(page);
  await drop(page, 'communes-vn2000-noprj.zip', 'villages');
  const question = page.locator('#crs-question');
  await question.waitFor();
  expect(await question.locator('select').inputValue()).toBe('EPSG:9216');
  expect(await question.locator('select option:checked').textContent()).toMatch(/EPSG:9216 — VN-2000 \/ TM-3 107-30 — likely: Kon Tum/);
  expect(await question.locator('p').textContent()).toMatch(/metres .* does not say/);
  await page.screenshot({ path: join(ARTIFACTS, 'crs-question.png') });
  await question.locator('[data-action="apply-crs"]').click();
  const step = page.locator('#import-step');
  await step.waitFor();
  expect(await step.locator('[data-import="crs"]').textContent()).toMatch(/EPSG:9216.*your choice/);
  await step.locator('[data-action="accept-import"]').click();
  await waitForNoBts(page);
  expect(await page.locator('[data-kpi="villages"]').getAttribute('data-value')).toBe('102');
  expectNoProblems();
});

test('given by URL, the same shapefile brings the question, and the answer goes into the address', async () => {
  const { page } = session;
  await page.goto(`${appUrl}?lang=en&villages=${encodeURIComponent(`${fixtures.url}/communes-vn2000-noprj.zip`)}&bts=${encodeURIComponent(`${fixtures.url}/bts-sites-wgs84.csv`)}`);
  const question = page.locator('#crs-question');
  await question.waitFor();
  expect(await question.locator('select').inputValue()).toBe('EPSG:9216');
  await Promise.all([page.waitForURL(/crs=EPSG%3A9216/), question.locator('[data-action="apply-crs"]').click()]);
  expect(await waitForAnalysis(page)).toBe('done');
  expect(await page.locator('[data-kpi="villages"]').getAttribute('data-value')).toBe('102');
  expect(session.problems.pageErrors).toEqual([]);
});
