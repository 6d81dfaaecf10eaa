import type { Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { allKpis, lastRun, mapIdle, waitForRerun } from './app-probes.ts';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

/**
 * The country path (a set over 20,000 villages: the coverage worker reads and keeps the layers,
 * the page gets the KPIs, the rows page by page, dots, the viewport's polygons, a village's context
 * and the export from the worker), forced on the Kon Tum sample with `?lean=1` so that every step
 * can be compared with the province path on the same data.
 */

const appUrl = inject('appUrl');
const fixturesUrl = inject('fixturesUrl');

async function download(page: Page, action: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-action="${action}"]`).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function rendered(page: Page, layer: string): Promise<{ id: number; gap: string; name: string }[]> {
  return page.evaluate(
    (l) =>
      window.vunglom?.map.queryRenderedFeatures({ layers: [l] }).map((f) => ({ id: Number(f.id), gap: String(f.properties?.gap), name: String(f.properties?.name) })) ?? [],
    layer,
  );
}

describe('a set drawn the way a country is', () => {
  // Every page below opens in a fresh profile: nothing the province page fetched is in its cache.
  let session: BrowserSession;
  let province: { kpis: Record<string, number>; csv: string; geojson: { features: { properties: Record<string, unknown> }[] } };

  beforeAll(async () => {
    const first = await launchBrowser();
    try {
      const { page } = first;
      await page.goto(`${appUrl}?lang=en`);
      expect(await waitForAnalysis(page)).toBe('done');
      await waitForReady(page);
      province = {
        kpis: await allKpis(page),
        csv: await download(page, 'export-gaps-csv'),
        geojson: JSON.parse(await download(page, 'export-gaps-geojson')),
      };
    } finally {
      await first.close();
    }
  }, 180_000);

  beforeEach(async () => {
    session = await launchBrowser();
  });

  afterEach(async () => {
    await session?.close();
  });

  test('same board, list and exports as the province path; dots, then polygons by viewport; details from the worker', async () => {
    const { page, problems } = session;
    await page.goto(`${appUrl}?lang=en&lean=1`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);
    expect(await allKpis(page)).toEqual(province.kpis);
    expect(await page.locator('[data-notice="lean"]').textContent()).toMatch(/824 villages/);
    expect(await page.locator('#operator-tools').isHidden()).toBe(true);
    expect(await page.locator('#operator-lean').textContent()).toMatch(/one province at a time/);

    // Below zoom 9: every village is a dot in its gap colour, no polygon.
    await mapIdle(page);
    const zoom = await page.evaluate(() => window.vunglom!.map.getZoom());
    expect(zoom).toBeLessThan(9);
    const dots = await rendered(page, 'village-marks-circle');
    expect(dots.length).toBeGreaterThan(700);
    const gapOf = new Map(province.geojson.features.map((f, i) => [i, String(f.properties.gap)]));
    for (const d of dots) expect(d.gap).toBe(gapOf.get(d.id));
    expect(await rendered(page, 'villages-fill')).toEqual([]);

    // From zoom 9: the viewport's polygons, with the gap list's index as id and its class.
    await page.evaluate(() => window.vunglom!.map.jumpTo({ center: [107.75, 14.45], zoom: 10 }));
    await page.waitForFunction(() => (window.vunglom?.map.queryRenderedFeatures({ layers: ['villages-fill'] }).length ?? 0) > 0, null, { timeout: 30_000 });
    await mapIdle(page);
    const polygons = await rendered(page, 'villages-fill');
    expect(polygons.length).toBeGreaterThan(5);
    for (const p of polygons) expect(p.gap).toBe(gapOf.get(p.id));

    // A click on a village opens its details, with the geometry and sites fetched from the worker.
    const { point, id } = await page.evaluate(() => {
      const map = window.vunglom!.map;
      const centre = map.project(map.getCenter());
      const [hit] = map.queryRenderedFeatures([centre.x, centre.y], { layers: ['villages-fill'] });
      const box = map.getCanvas().getBoundingClientRect();
      return { point: { x: box.left + centre.x, y: box.top + centre.y }, id: Number(hit?.id) };
    });
    expect(Number.isInteger(id)).toBe(true);
    await page.mouse.click(point.x, point.y);
    const details = page.locator('#village-details');
    await details.waitFor({ state: 'visible', timeout: 30_000 });
    const village = province.geojson.features[id].properties;
    expect(await details.getAttribute('data-village-id')).toBe(String(village.id));
    expect(await details.locator('.details-name').textContent()).toBe(String(village.name));
    // The measures by operator and the nearest site need the sites around it, from the worker.
    expect(await details.locator('.operator-bars li, .details-section .hint').count()).toBeGreaterThan(0);

    // The list holds every village; search works without diacritics.
    await page.locator('[data-action="toggle-gap-list"]').click();
    expect(await page.locator('.gap-list-count').getAttribute('data-value')).toBe('824');
    await page.locator('[data-gap-search]').fill('dak ha');
    await page.waitForFunction(() => Number(document.querySelector('.gap-list-count')?.getAttribute('data-value')) < 824);
    const shown = await page.locator('.gap-row:not(.gap-head)').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent).join(' ')));
    expect(shown.length).toBeGreaterThan(0);
    const fold = (t: string): string => ` ${t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ')}`;
    // Every word of the query starts a word of the village, commune or district name.
    for (const row of shown) {
      expect(fold(row)).toContain(' dak');
      expect(fold(row)).toContain(' ha');
    }

    // The exports, written in the worker, are the province path's, row for row.
    expect(await download(page, 'export-gaps-csv')).toBe(province.csv);
    const geojson = JSON.parse(await download(page, 'export-gaps-geojson'));
    expect(geojson.features).toEqual(province.geojson.features);

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  }, 180_000);

  test('a country computes on two workers; changed assumptions give the numbers of the province path (reclassified from the cache, FTTH alone recomputed)', async () => {
    const changes = async (page: Page): Promise<Record<string, number>[]> => {
      const out: Record<string, number>[] = [];
      let run = await lastRun(page);
      await page.locator('[data-param="coverageMeasure"]').selectOption('area');
      await waitForRerun(page, run);
      out.push(await allKpis(page));
      run = await lastRun(page);
      await page.locator('[data-param="ftthReachM"]').fill('2500');
      await waitForRerun(page, run);
      out.push(await allKpis(page));
      return out;
    };
    const other = await launchBrowser();
    let expected: Record<string, number>[];
    try {
      await other.page.goto(`${appUrl}?lang=en`);
      expect(await waitForAnalysis(other.page)).toBe('done');
      expected = await changes(other.page);
    } finally {
      await other.close();
    }
    expect(expected[0]).not.toEqual(province.kpis);
    const { page, problems } = session;
    await page.goto(`${appUrl}?lang=en&lean=1`);
    expect(await waitForAnalysis(page)).toBe('done');
    expect(await page.evaluate(() => window.vunglom?.lastAnalysis?.workers)).toBeGreaterThanOrEqual(2);
    expect(await changes(page)).toEqual(expected);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  });

  test('a layer the worker cannot read is named in a notice, and the analysis runs without it', async () => {
    const { page } = session;
    const k = `${appUrl}data/kon-tum/`;
    await page.goto(`${appUrl}?lang=en&lean=1&villages=${k}villages.fgb&bts=${k}bts.fgb&settlements=${encodeURIComponent(`${fixturesUrl}missing.fgb`)}`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);
    const notice = page.locator('[data-notice="layer-settlements"]');
    expect(await notice.textContent()).toContain('missing.fgb');
    expect(await notice.textContent()).toMatch(/404/);
    // The analysis says it ran without settlements (and without fibre, not given), and every village is still in the list.
    expect(await page.locator('[data-notice="layers"]').textContent()).toMatch(/Without: fibre .*; settlements/);
    expect(await page.locator('.gap-list-count').getAttribute('data-value')).toBe('824');
    expect(await page.locator('#synthetic-note').isHidden()).toBe(true);
  }, 120_000);

  test('settlement points in no village are said from the worker\'s result, as on a province', async () => {
    const { page } = session;
    const k = `${appUrl}data/kon-tum/`;
    await page.goto(`${appUrl}?lang=en&lean=1&villages=${k}villages.fgb&bts=${k}bts.fgb&settlements=${encodeURIComponent(`${fixturesUrl}settlements-outside.csv`)}`);
    expect(await waitForAnalysis(page)).toBe('done');
    expect(await page.locator('[data-notice="settlements-outside"]').textContent()).toMatch(/^2 settlement points lie in no village .*\(first: sea-1, sea-2\)\./);
  }, 120_000);

  test('the note on the simulated sample goes when every input layer is the user\'s own', async () => {
    const { page } = session;
    const k = `${appUrl}data/kon-tum/`;
    await page.goto(`${appUrl}?lang=en&villages=${k}villages.fgb&bts=${k}bts.fgb&fibre=${k}fibre-routes.fgb&settlements=${k}settlements.fgb`);
    expect(await waitForAnalysis(page)).toBe('done');
    expect(await page.locator('#synthetic-note').isHidden()).toBe(true);
  }, 120_000);
});
