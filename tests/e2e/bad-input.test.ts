import { mapIdle } from './app-probes.ts';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

const appUrl = inject('appUrl');
const fixturesUrl = inject('fixturesUrl');

describe('bad files by URL', () => {
  let session: BrowserSession;

  beforeEach(async () => {
    session = await launchBrowser();
  });

  afterEach(async () => {
    await session.close();
  });

  // Each case in a fresh profile (beforeEach), so nothing the sample fetched is in the cache.
  const CASES = [
    { file: 'missing.fgb', says: [/not found/i, /404/] },
    { file: 'corrupt.fgb', says: [/is not a valid FlatGeobuf file/i, /corrupt/i] },
    // These hung the tab (cut header) or gave fewer villages silently (cut features).
    { file: 'cut-header.fgb', says: [/is cut short/, /ends at byte 200, inside its header/, /Download or export it again/] },
    { file: 'cut-features.fgb', says: [/is cut short/, /inside feature \d+ of 824/] },
    { file: 'corrupt-feature.fgb', says: [/is corrupt/, /feature 1 of 824 does not decode/] },
  ] as const;

  test.each(CASES)('?villages=$file gives a visible message naming the problem and the map still works', async ({ file, says }) => {
    const { page, problems } = session;
    const villages = `${fixturesUrl}${file}`;
    await page.goto(`${appUrl}?lang=en&villages=${encodeURIComponent(villages)}`);

    // Its own, short wait: a file that hangs the reader fails here, not at the suite's timeout.
    expect(await waitForAnalysis(page, 60_000)).toBe('error');
    await waitForReady(page);

    const alerts = page.locator('[role="alert"]');
    const messages = (await alerts.allTextContents()).join('\n');
    expect(messages).toContain(file);
    for (const pattern of says) expect(messages).toMatch(pattern);
    expect(await alerts.first().isVisible()).toBe(true);
    expect(await page.locator('#status').textContent()).toMatch(/villages/i);

    // The rest of the map still renders: boundaries and BTS of the sample are drawn.
    const drawn = await page.evaluate(() => {
      const map = window.vunglom?.map;
      const count = (layer: string): number => map?.queryRenderedFeatures({ layers: [layer] }).length ?? 0;
      return { communes: count('communes-line'), province: count('province-line'), villages: count('villages-fill') };
    });
    expect(drawn.communes).toBeGreaterThan(0);
    expect(drawn.province).toBeGreaterThan(0);
    expect(drawn.villages).toBe(0);

    // Only the browser's own note about the missing file may reach the console.
    const unexpected = problems.consoleErrors.filter((e) => !(file === 'missing.fgb' && e.includes('404')));
    expect(unexpected).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.offHostRequests).toEqual([]);
  });

  test('a BTS file whose every row is rejected is a visible error naming the real reasons, not an empty layer', async () => {
    const { page, problems } = session;
    await page.goto(`${appUrl}?lang=en&villages=${appUrl}data/kon-tum/villages.fgb&bts=${encodeURIComponent(`${fixturesUrl}rejected-bts.csv`)}`);
    await waitForAnalysis(page, 60_000);
    await waitForReady(page);
    const notice = page.locator('[data-notice="layer-bts"]');
    expect(await notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('rejected-bts.csv');
    expect(text).toMatch(/no BTS sites .*could be read \(all 2 rows were skipped; line 2: technology "6G"/);
    expect(text).toMatch(/line 3: longitude: "107\.9x" is not a coordinate/);
    expect(text).not.toMatch(/no column/);
    expect(problems.pageErrors).toEqual([]);
  });

  test('settlement points in no village are counted and named in both languages, not dropped silently', async () => {
    const { page, problems } = session;
    await page.goto(`${appUrl}?lang=en&villages=${appUrl}data/kon-tum/villages.fgb&bts=${appUrl}data/kon-tum/bts.fgb&settlements=${encodeURIComponent(`${fixturesUrl}settlements-outside.csv`)}`);
    expect(await waitForAnalysis(page, 60_000)).toBe('done');
    await waitForReady(page);
    const notice = page.locator('[data-notice="settlements-outside"]');
    expect(await notice.textContent()).toMatch(/2 settlement points lie in no village and count for no village’s population \(first: sea-1, sea-2\)/);
    await page.locator('[data-lang="vi"]').first().click();
    expect(await notice.textContent()).toMatch(/2 điểm dân cư không nằm trong thôn, bản nào .*\(đầu tiên: sea-1, sea-2\)/);
    // The sample's sites reach its villages: nothing is said of them.
    expect(await page.locator('[data-notice="bts-unreached"]').count()).toBe(0);
    expect(problems.pageErrors).toEqual([]);
  });

  test('a BTS or fibre file that reaches no village is said, with how far it lies, in both languages', async () => {
    const { page, problems } = session;
    const far = (file: string): string => encodeURIComponent(`${fixturesUrl}${file}`);
    await page.goto(`${appUrl}?lang=en&villages=${appUrl}data/kon-tum/villages.fgb&bts=${far('bts-elsewhere.csv')}&fibre=${far('fibre-elsewhere.geojson')}`);
    expect(await waitForAnalysis(page, 60_000)).toBe('done');
    await waitForReady(page);
    const bts = page.locator('[data-notice="bts-unreached"]');
    const fibre = page.locator('[data-notice="fibre-unreached"]');
    // Kon Tum to Lesotho: some 9,000 km; the Hanoi route lies beyond the 100 km the fibre is looked for.
    expect(await bts.textContent()).toMatch(/^No footprint of the BTS layer reaches any village: the nearest site lies (8|9),\d{3} km from a village’s centre\. Check that the file is the one for these villages/);
    expect(await bts.getAttribute('role')).toBe('alert');
    expect(await fibre.textContent()).toMatch(/^No village lies within the FTTH reach \(.+\) of the fibre layer: no fibre lies within 100 km of the villages\. Check/);
    expect(await fibre.getAttribute('role')).toBe('status');
    // Two sites, none shared: one more to share for the plan's 20 % (English counts one in the singular).
    expect(await page.locator('[data-to-close="shared-sites-pct"]').textContent()).toBe('1 more site to share');
    await page.locator('[data-lang="vi"]').first().click();
    expect(await bts.textContent()).toMatch(/^Không vùng phủ nào của lớp trạm BTS chạm tới thôn, bản nào: trạm gần nhất cách tâm một thôn (8|9)\.\d{3} km\./);
    expect(await fibre.textContent()).toMatch(/không có tuyến cáp nào trong phạm vi 100 km quanh các thôn\./);
    // Sites in the province but none of a broadband technology: information on the assumptions, not an alert on the file.
    await page.goto(`${appUrl}?lang=en&villages=${appUrl}data/kon-tum/villages.fgb&bts=${far('bts-2g-3g.csv')}`);
    expect(await waitForAnalysis(page, 60_000)).toBe('done');
    await waitForReady(page);
    expect(await bts.textContent()).toMatch(/^The BTS layer has no site of a broadband technology \(4G, 5G\), so no village has mobile broadband\. If another technology should count, add it in the assumptions\./);
    expect(await bts.getAttribute('role')).toBe('status');
    expect(problems.pageErrors).toEqual([]);
  });

  test('rows skipped in a file given by URL are counted and listed, as for a picked file', async () => {
    const { page, problems } = session;
    await page.goto(`${appUrl}?lang=en&villages=${appUrl}data/kon-tum/villages.fgb&bts=${encodeURIComponent(`${fixturesUrl}some-rows-skipped-bts.csv`)}`);
    expect(await waitForAnalysis(page, 60_000)).toBe('done');
    await waitForReady(page);
    const notice = page.locator('[data-notice="own-issues-bts"]');
    expect(await notice.locator('summary').textContent()).toMatch(/some-rows-skipped-bts\.csv \(BTS sites.*\): 3 features read; 2 notes/);
    await notice.locator('summary').click();
    expect(await notice.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^line 4: longitude: "abc" is not a coordinate .*Row skipped\.$/),
      expect.stringMatching(/^line 6: technology "6G" is not one of/),
    ]);
    expect(problems.pageErrors).toEqual([]);
  });
});

/** Two square villages in Kon Tum; `extra` is merged into the collection (a `crs`, …). */
function squares(extra: Record<string, unknown> = {}, name = 'Thôn Một'): string {
  const square = (lon: number, lat: number): number[][][] => [
    [[lon, lat], [lon + 0.02, lat], [lon + 0.02, lat + 0.02], [lon, lat + 0.02], [lon, lat]],
  ];
  return JSON.stringify({
    type: 'FeatureCollection',
    ...extra,
    features: [
      { type: 'Feature', properties: { id: 'a', name, province: 'Kon Tum' }, geometry: { type: 'Polygon', coordinates: square(107.9, 14.6) } },
      { type: 'Feature', properties: { id: 'b', name: 'Thôn Hai', province: 'Kon Tum' }, geometry: { type: 'Polygon', coordinates: square(107.95, 14.6) } },
    ],
  });
}

/** A valid GeoJSON of `bytes` bytes or a little more, written in 1 MB chunks (never committed). */
function writeHugeGeoJson(path: string, bytes: number): void {
  const feature = '{"type":"Feature","properties":{"name":"padding"},"geometry":{"type":"Point","coordinates":[107.9,14.6]}},';
  const chunk = Buffer.from(feature.repeat(Math.ceil((1024 * 1024) / feature.length)));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '{"type":"FeatureCollection","features":[');
    for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
    writeSync(fd, `${feature.slice(0, -1)}]}`);
  } finally {
    closeSync(fd);
  }
}

describe('bad files through the picker: a message saying what is wrong and what to do, and the app keeps its data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-bad-'));
  let session: BrowserSession;
  let kpisBefore: string[];

  const kpis = (page: Page): Promise<string[]> =>
    page.locator('[data-kpi]').evaluateAll((els) => els.map((el) => `${el.dataset.kpi}=${el.dataset.value}`));

  beforeAll(async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(600, 7)]);
    writeFileSync(join(dir, 'report.docx'), zip);
    writeFileSync(join(dir, 'villages-shapefile.zip'), zip);
    writeFileSync(join(dir, 'sites-no-coordinates.csv'), 'site,operator,tech\nKT001,Viettel,4G\nKT002,VinaPhone,3G\n');
    writeFileSync(join(dir, 'villages-as-bts.geojson'), squares());
    writeFileSync(
      join(dir, 'villages-3857.geojson'),
      squares({ crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } }),
    );
    writeFileSync(join(dir, 'empty.geojson'), '');
    writeHugeGeoJson(join(dir, 'huge-villages.geojson'), 200 * 1024 * 1024);
    session = await launchBrowser();
    await session.page.goto(`${appUrl}?lang=en`);
    expect(await waitForAnalysis(session.page)).toBe('done');
    await waitForReady(session.page);
    kpisBefore = await kpis(session.page);
  });

  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const CASES = [
    { what: 'a Word file', kind: 'villages', file: 'report.docx', says: [/report\.docx \(a \.docx file\) is not a format Vùng Lõm reads/, /zip archive/, /Use GeoJSON, FlatGeobuf, CSV, a zipped shapefile, KML\/KMZ or Excel/] },
    { what: 'a damaged zip', kind: 'villages', file: 'villages-shapefile.zip', says: [/villages-shapefile\.zip is not a readable zip archive/, /Zip the files again/] },
    { what: 'a polygon layer given as BTS', kind: 'bts', file: 'villages-as-bts.geojson', says: [/holds Polygon, but the “BTS sites.*” layer needs Point, MultiPoint/, /Load it as the right layer/] },
    { what: 'a GeoJSON that declares EPSG:3857 over degrees', kind: 'villages', file: 'villages-3857.geojson', says: [/declares urn:ogc:def:crs:EPSG::3857 \(in metres\), but its coordinates, e\.g\. \[[\d.]+, [\d.]+\], are longitude\/latitude degrees/, /ogr2ogr -t_srs EPSG:4326/] },
    { what: 'a 200 MB GeoJSON', kind: 'villages', file: 'huge-villages.geojson', says: [/is 200 MB, over the 100 MB limit/, /it was not read/, /FlatGeobuf with a spatial index/] },
    { what: 'an empty file', kind: 'villages', file: 'empty.geojson', says: [/empty\.geojson is empty\. Choose a file that contains data/] },
  ] as const;

  test.each(CASES)('$what ($file as $kind)', async ({ kind, file, says }) => {
    const { page, problems } = session;
    await page.locator(`input[type="file"][data-input="${kind}"]`).setInputFiles(join(dir, file));
    const notice = page.locator(`[data-notice="own-${kind}"]`);
    await notice.waitFor({ state: 'visible' });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(file);
    for (const pattern of says) expect(text).toMatch(pattern);
    expect(text).toMatch(/The map keeps the data it had/);
    expect(await notice.getAttribute('role')).toBe('alert');

    // Still the sample's analysis: state, numbers and drawn villages unchanged.
    expect(await page.evaluate(() => document.documentElement.dataset.analysis)).toBe('done');
    expect(await kpis(page)).toEqual(kpisBefore);
    expect(await page.evaluate(() => window.vunglom?.renderedVillageCount() ?? 0)).toBeGreaterThan(0);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await notice.locator('.notice-close').click();
  });

  test('a CSV without coordinates asks for the coordinate columns; cancelling keeps the data', async () => {
    const { page, problems } = session;
    await page.locator('input[type="file"][data-input="bts"]').setInputFiles(join(dir, 'sites-no-coordinates.csv'));
    const dialog = page.locator('#field-mapping');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('.field-mapping-intro').textContent()).toMatch(/sites-no-coordinates\.csv has no column .* for: lon, lat/);
    expect(await dialog.locator('select[data-field="lon"] option').allTextContents()).toEqual(expect.arrayContaining(['site', 'operator', 'tech']));
    // Read again without choosing: the step says what is missing and stays open.
    await dialog.locator('[data-action="apply-mapping"]').click();
    expect(await dialog.locator('.field-mapping-error').textContent()).toMatch(/No column chosen for: lon, lat/);
    await dialog.locator('[data-action="cancel-mapping"]').click();

    const notice = page.locator('[data-notice="own-bts"]');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toMatch(/sites-no-coordinates\.csv has no column for: lon, lat\. Columns found: site, operator, tech\. Rename the columns/);
    expect(await kpis(page)).toEqual(kpisBefore);
    expect(problems.consoleErrors).toEqual([]);
    await notice.locator('.notice-close').click();
  });

  test('the same refusal in Vietnamese', async () => {
    const { page } = session;
    await page.locator('button[data-lang="vi"]').click();
    await page.locator('input[type="file"][data-input="villages"]').setInputFiles(join(dir, 'villages-3857.geojson'));
    const notice = page.locator('[data-notice="own-villages"]');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toMatch(/ghi hệ toạ độ urn:ogc:def:crs:EPSG::3857 \(tính bằng mét\).*chuyển lớp sang EPSG:4326.*Bản đồ vẫn dùng dữ liệu cũ/);
    await page.locator('button[data-lang="en"]').click();
    expect(await notice.textContent()).toMatch(/declares urn:ogc:def:crs:EPSG::3857/);
    await notice.locator('.notice-close').click();
  });
});

test('a village name with HTML is shown as text and never runs', async () => {
  const session = await launchBrowser();
  const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-xss-'));
  try {
    const { page, problems } = session;
    const payload = '<img src=x onerror="window.__xss=1">';
    const path = join(dir, 'villages-with-html.geojson');
    writeFileSync(path, squares({}, payload));
    await page.goto(`${appUrl}?lang=en`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);
    const run = await page.evaluate(() => window.vunglom?.lastAnalysis?.run ?? 0);
    // The first own file replaces the whole sample: the villages wait for a BTS file of their own.
    await page.locator('input[type="file"][data-input="villages"]').setInputFiles(path);
    await page.waitForFunction(() => document.documentElement.dataset.analysis === 'error');
    const sites = join(dir, 'site.geojson');
    writeFileSync(sites, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { operator: 'Viettel', tech: '4G' }, geometry: { type: 'Point', coordinates: [107.93, 14.61] } }] }));
    await page.locator('input[type="file"][data-input="bts"]').setInputFiles(sites);
    await page.waitForFunction(
      (n) => (window.vunglom?.lastAnalysis?.run ?? 0) > n && document.documentElement.dataset.analysis === 'done',
      run,
    );
    expect(await page.locator('[data-kpi="villages"]').getAttribute('data-value')).toBe('2');
    await mapIdle(page);

    // Click inside the first village (its centre, projected to the screen).
    const point = await page.evaluate(() => {
      const map = window.vunglom!.map;
      const p = map.project([107.91, 14.61]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    const shown = page.getByText(payload, { exact: true }).first();
    await shown.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
