import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { kpi, lastRun, mapIdle, waitForRerun } from './app-probes.ts';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';
import { TERRAIN_TILES } from './make-terrain-fixtures.ts';

/**
 * The app with an elevation model (SYNTHETIC 3″ SRTM tiles over the Kon Tum sample, served by the
 * fixture server): given by `?dem=` URLs, by the picker and by dropping a file on the map; the
 * analysis on terrain, the gap list's provenance and reason, a village's shadow share, the
 * hillshade, 3D terrain and a site's shadows on the map. Each URL case in a fresh profile.
 */

const appUrl = inject('appUrl');
const fixturesUrl = inject('fixturesUrl');
const ARTIFACTS = 'tests/artifacts';
const demQuery = TERRAIN_TILES.map((t) => `dem=${encodeURIComponent(`${fixturesUrl}terrain/${t}`)}`).join('&');

interface ExportedRow {
  id: string;
  name: string;
  gap: string;
  reasons: string[];
  mobile_source: string;
  mobile_shadow_fraction: number | null;
}

async function exportRows(page: Page): Promise<{ rows: ExportedRow[]; meta: { params: { terrain: unknown }; inputs: { role: string; name: string }[] } }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  const fc = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { features: { properties: ExportedRow }[]; vunglom: { params: { terrain: unknown }; inputs: { role: string; name: string }[] } };
  return { rows: fc.features.map((f) => f.properties), meta: fc.vunglom };
}

describe('terrain in the app', () => {
  let plain = 0;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The sample without a DEM, for comparison.
    const session = await launchBrowser();
    try {
      await session.page.goto(`${appUrl}?lang=en`);
      expect(await waitForAnalysis(session.page)).toBe('done');
      plain = await kpi(session.page, 'mobile-villages-pct');
    } finally {
      await session.close();
    }
  });

  describe('with ?dem= tiles', () => {
    let session: BrowserSession;
    let page: Page;

    beforeAll(async () => {
      session = await launchBrowser();
      page = session.page;
      await page.goto(`${appUrl}?lang=en&${demQuery}`);
      expect(await waitForAnalysis(page, 180_000)).toBe('done');
      await waitForReady(page);
    });

    afterAll(async () => {
      await session?.close();
    });

    test('the DEM is described, and terrain takes villages out of coverage that the disks gave them', async () => {
      const summary = page.locator('[data-dem-summary]');
      expect(await summary.getAttribute('data-arcsec')).toBe('3');
      expect(await summary.getAttribute('data-files')).toBe('6');
      expect(await summary.textContent()).toMatch(/^SRTM \.hgt 3″, 93 m · 6 files · 107–109°E, 13–16°N/);
      const withTerrain = await kpi(page, 'mobile-villages-pct');
      expect(withTerrain).toBeLessThan(plain);
      const { rows, meta } = await exportRows(page);
      expect(rows.every((r) => r.mobile_source.startsWith('predicted: terrain (SRTM .hgt 3″, 93 m)'))).toBe(true);
      const shadowed = rows.filter((r) => r.reasons.includes('terrain-shadow'));
      expect(shadowed.length).toBeGreaterThan(10);
      expect(shadowed.every((r) => r.gap === 'mobile' || r.gap === 'both')).toBe(true);
      expect(rows.some((r) => (r.mobile_shadow_fraction ?? 0) > 0.2)).toBe(true);
      expect(meta.params.terrain).toMatchObject({ receiverHeightM: 1.5, criterion: 'line-of-sight' });
      expect(meta.inputs.filter((i) => i.role === 'dem').map((i) => i.name).sort()).toEqual([...TERRAIN_TILES].sort());
      // The map still draws disks and sectors: the legend says they are the reach before terrain.
      expect(await page.locator('[data-legend="footprint"]').textContent()).toMatch(/^Broadband reach before terrain .*click a site to see what it hides$/);
      expect(session.problems.pageErrors).toEqual([]);
    });

    test('a village in a signal shadow says how much of it terrain hides', async () => {
      const { rows } = await exportRows(page);
      const village = rows.filter((r) => r.reasons.includes('terrain-shadow')).sort((a, b) => (b.mobile_shadow_fraction ?? 0) - (a.mobile_shadow_fraction ?? 0))[0];
      await page.locator('[data-action="toggle-gap-list"]').click();
      await page.locator('[data-gap-search]').fill(village.name);
      const row = page.locator(`.gap-list-sizer .gap-row[data-village-id="${village.id}"]`);
      await row.waitFor({ state: 'visible' });
      await row.click();
      const details = page.locator('#village-details');
      await details.waitFor({ state: 'visible' });
      const line = details.locator('.details-terrain-shadow');
      expect(await line.textContent()).toMatch(/^\d+ % of this village is within reach but shadowed by terrain\.$/);
      expect(Number(await line.getAttribute('data-shadow'))).toBeCloseTo(village.mobile_shadow_fraction ?? 0, 5);
      expect(await details.locator('[data-reason="terrain-shadow"]').count()).toBe(1);
      expect(await details.textContent()).toContain('Predicted with terrain (SRTM .hgt 3″, 93 m).');
      await mapIdle(page);
      await page.locator('main.map-area').screenshot({ path: `${ARTIFACTS}/terrain-village-details.png` });
      await details.locator('[data-action="close-village-details"]').click();
      await page.locator('[data-gap-search]').fill('');
      await page.locator('[data-action="toggle-gap-list"]').click();
    });

    test('the map shows the hillshade, a clicked site’s shadows, and 3D terrain on demand', async () => {
      expect(await page.evaluate(() => Boolean(window.vunglom?.map.getLayer('dem-hillshade')))).toBe(true);
      await page.evaluate(() => window.vunglom?.map.jumpTo({ center: [107.9, 14.55], zoom: 11.5 }));
      await mapIdle(page);
      // Click a site cut by terrain: its popup says what terrain hides, and the shadows are drawn.
      const sites = await page.evaluate(() => {
        const map = window.vunglom!.map;
        return map
          .queryRenderedFeatures({ layers: ['bts-symbol'] })
          .filter((f) => f.properties?.tech === '4G' || f.properties?.tech === '5G')
          .map((f) => {
            const p = map.project(f.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : [0, 0]);
            return { id: String(f.properties?.id), x: p.x, y: p.y };
          });
      });
      expect(sites.length).toBeGreaterThan(0);
      const box = await page.locator('#map').boundingBox();
      let shown = false;
      for (const site of sites.slice(0, 8)) {
        await page.mouse.click(box!.x + site.x, box!.y + site.y);
        // The popup is the topmost site at that point (another record of the same mast, maybe a 2G
        // one); it is marked once the worker has said what terrain does to it.
        const popup = page.locator('.maplibregl-popup');
        const checked = popup.locator('[data-site-terrain]');
        await checked.waitFor({ state: 'attached', timeout: 15_000 });
        if ((await checked.getAttribute('data-site-terrain')) === 'shadowed') {
          expect(await popup.locator('.popup-terrain').textContent()).toMatch(/^Terrain hides \d+(\.\d)? % of this site’s footprint/);
          shown = true;
          // The shadows in full, for the screenshot: the popup closed, the site in the middle.
          await popup.locator('.maplibregl-popup-close-button').click();
          await page.evaluate(([x, y]) => {
            const map = window.vunglom!.map;
            map.jumpTo({ center: map.unproject([x, y]), zoom: 12 });
          }, [site.x, site.y]);
          break;
        }
        await popup.locator('.maplibregl-popup-close-button').click();
      }
      expect(shown).toBe(true);
      await mapIdle(page);
      const shadows = await page.evaluate(() => window.vunglom!.map.querySourceFeatures('site-terrain').map((f) => String(f.properties?.kind)));
      expect(shadows).toContain('shadow');
      await page.locator('main.map-area').screenshot({ path: `${ARTIFACTS}/terrain-site-shadows.png` });
      await page.locator('[data-toggle="terrain-3d"]').check();
      expect(await page.evaluate(() => window.vunglom!.map.getTerrain()?.source)).toBe('dem-terrain');
      // In 3D the map seldom settles in software GL (tiles of several zooms keep coming): the
      // screenshot waits for the elevation tiles instead of the map's idle.
      await page.waitForFunction(() => window.vunglom!.map.isSourceLoaded('dem-terrain'), undefined, { timeout: 60_000, polling: 500 });
      await page.locator('main.map-area').screenshot({ path: `${ARTIFACTS}/terrain-3d.png` });
      await page.locator('[data-toggle="terrain-3d"]').uncheck();
    });

    test('a terrain assumption re-runs on the cached DEM; removing the DEM goes back to disks', async () => {
      const before = await lastRun(page);
      const input = page.locator('[data-param="terrain.receiverHeightM"]');
      await input.fill('10');
      await input.dispatchEvent('change');
      await waitForRerun(page, before, 180_000);
      expect(await kpi(page, 'mobile-villages-pct')).toBeGreaterThan(0);
      const { meta } = await exportRows(page);
      expect(meta.params.terrain).toMatchObject({ receiverHeightM: 10 });
      const again = await lastRun(page);
      await page.locator('[data-action="remove-dem"]').click();
      await waitForRerun(page, again, 180_000);
      expect(await kpi(page, 'mobile-villages-pct')).toBeCloseTo(plain, 6);
      expect(await page.locator('[data-dem-summary]').textContent()).toMatch(/^No elevation model/);
      expect(await page.locator('[data-legend="footprint"]').textContent()).toMatch(/^Broadband footprints under the current assumptions/);
      expect(await page.evaluate(() => Boolean(window.vunglom?.map.getLayer('dem-hillshade')))).toBe(false);
    });
  });

  test('a file that is not a DEM is named with the reason, and the analysis runs without terrain', async () => {
    const session = await launchBrowser();
    try {
      const page = session.page;
      await page.goto(`${appUrl}?lang=en&dem=${encodeURIComponent(`${fixturesUrl}corrupt.fgb`)}`);
      expect(await waitForAnalysis(page)).toBe('done');
      const notice = page.locator('[data-notice^="dem-"]');
      expect(await notice.textContent()).toMatch(/The elevation file corrupt\.fgb could not be read: we read SRTM \.hgt tiles/);
      expect(await kpi(page, 'mobile-villages-pct')).toBeCloseTo(plain, 6);
      expect(await page.locator('[data-dem-summary]').textContent()).toMatch(/^No elevation model/);
    } finally {
      await session.close();
    }
  });

  test('an .hgt file dropped on the map becomes the DEM without asking which layer it is', async () => {
    const session = await launchBrowser();
    try {
      const page = session.page;
      await page.goto(`${appUrl}?lang=en`);
      expect(await waitForAnalysis(page)).toBe('done');
      await waitForReady(page);
      const before = await lastRun(page);
      await page.evaluate(async (url) => {
        const bytes = await (await fetch(url)).arrayBuffer();
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'N14E107.hgt'));
        document.getElementById('map')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, `${fixturesUrl}terrain/N14E107.hgt`);
      await waitForRerun(page, before, 180_000);
      expect(await page.locator('dialog#drop-kind').count()).toBe(0);
      expect(await page.locator('[data-dem-summary]').getAttribute('data-files')).toBe('1');
      // Sites whose reach leaves the one tile keep their disks, and the villages there say so.
      const { rows } = await exportRows(page);
      expect(rows.some((r) => r.mobile_source.startsWith('predicted: terrain'))).toBe(true);
      expect(rows.some((r) => r.mobile_source.includes('outside the DEM'))).toBe(true);
    } finally {
      await session.close();
    }
  });
});
