import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

/**
 * The map a planner reads: names drawn with the app's own glyphs at each zoom (symbol layers return
 * features, screenshots looked at), the controls, the first view above the list bar, the village
 * details zoom that keeps neighbours and names in view, and no text cut off at two screen sizes in
 * both languages.
 */

const appUrl = inject('appUrl');
const ARTIFACTS = 'tests/artifacts';
/** Kon Tum town, where names of every level meet. */
const TOWN: [number, number] = [107.99, 14.35];

let session: BrowserSession | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

async function openApp(options: { lang?: string; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  session = await launchBrowser({ viewport: options.viewport });
  await session.page.goto(`${appUrl}${options.lang ? `?lang=${options.lang}` : ''}`);
  expect(await waitForAnalysis(session.page)).toBe('done');
  await waitForReady(session.page);
  return session.page;
}

/** Moves the map and waits until it has drawn everything (basemap and glyphs included). */
async function jumpTo(page: Page, zoom: number, center: [number, number]): Promise<void> {
  await page.evaluate(
    ([zoom, center]) =>
      new Promise<void>((resolve) => {
        const map = window.vunglom?.map;
        if (!map) throw new Error('no map');
        map.jumpTo({ zoom: zoom as number, center: center as [number, number] });
        map.once('idle', () => resolve());
      }),
    [zoom, center] as const,
  );
}

/** Names on screen now, by label layer. */
async function renderedNames(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const map = window.vunglom?.map;
    if (!map) throw new Error('no map');
    const ids = map.getStyle().layers.filter((l) => l.type === 'symbol' && l.id.startsWith('labels-')).map((l) => l.id);
    return Object.fromEntries(ids.map((id) => [id, [...new Set(map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties.ref ?? f.properties.name)))]]));
  });
}

/** Waits until the basemap's names are drawn (they are read after the first analysis). */
async function waitForBasemap(page: Page): Promise<void> {
  await page.waitForFunction(() => (window.vunglom?.map.querySourceFeatures('basemap-labels').length ?? 0) > 0, undefined, { timeout: 60_000 });
}

describe('names on the map', () => {
  test('zoom 8, 11 and 14: province and district names, then communes and villages, with Vietnamese diacritics, from the shipped glyphs', async () => {
    const page = await openApp();
    await waitForBasemap(page);
    mkdirSync(ARTIFACTS, { recursive: true });

    await jumpTo(page, 8, [107.9, 14.6]);
    const z8 = await renderedNames(page);
    expect(z8['labels-provinces']).toContain('Kon Tum');
    expect(z8['labels-districts'].length).toBeGreaterThanOrEqual(5);
    expect(z8['labels-districts']).toContain('Huyện Đắk Glei');
    expect(z8['labels-villages']).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/map-zoom-8.png` });

    await jumpTo(page, 11, TOWN);
    const z11 = await renderedNames(page);
    expect(z11['labels-communes'].length).toBeGreaterThanOrEqual(3);
    expect(z11['labels-communes'].some((n) => /^(Xã|Phường|Thị trấn) /.test(n))).toBe(true);
    expect(z11['labels-villages'].length).toBeGreaterThanOrEqual(30);
    expect(z11['labels-roads']).toContain('QL14');
    expect(z11['labels-provinces']).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/map-zoom-11.png` });

    await jumpTo(page, 14, TOWN);
    const z14 = await renderedNames(page);
    expect(z14['labels-villages'].length).toBeGreaterThanOrEqual(5);
    // Diacritics of Vietnamese come through (ư, ơ, đ, combined tones): the glyph ranges exist for them.
    expect([...z11['labels-villages'], ...z11['labels-communes'], ...z14['labels-villages']].join(' ')).toMatch(/[ăâđêôơưĐ]/);
    await page.screenshot({ path: `${ARTIFACTS}/map-zoom-14.png` });

    // Glyphs came from the app (no other host), and every glyph range asked for exists.
    expect(session?.problems.offHostRequests).toEqual([]);
    expect(session?.problems.httpErrors, JSON.stringify(session?.problems.httpErrors)).toEqual([]);
    expect(session?.problems.consoleWarnings).toEqual([]);
  });
});

describe('controls and framing', () => {
  test('zoom, compass, scale bar and fit-to-data; the first view fits the province above the list bar', async () => {
    const page = await openApp();
    for (const selector of ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out', '.maplibregl-ctrl-compass', '.maplibregl-ctrl-scale', '[data-action="fit-data"]']) {
      expect(await page.locator(selector).isVisible(), selector).toBe(true);
    }
    expect(await page.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/\d+\s*(km|m)$/);
    expect(await page.locator('[data-action="fit-data"]').getAttribute('aria-label')).toBe('Xem toàn bộ dữ liệu');

    const province = async (): Promise<{ bottom: number; top: number; listTop: number }> =>
      page.evaluate(() => {
        const map = window.vunglom?.map;
        if (!map) throw new Error('no map');
        const box = map.getBounds();
        const features = map.querySourceFeatures('province');
        let minLat = Infinity;
        let maxLat = -Infinity;
        for (const f of features) {
          const walk = (c: unknown): void => {
            if (Array.isArray(c) && typeof c[0] === 'number') {
              minLat = Math.min(minLat, c[1] as number);
              maxLat = Math.max(maxLat, c[1] as number);
            } else if (Array.isArray(c)) c.forEach(walk);
          };
          walk((f.geometry as { coordinates: unknown }).coordinates);
        }
        const rect = map.getContainer().getBoundingClientRect();
        const list = document.getElementById('gap-list')?.getBoundingClientRect();
        const centre = box.getCenter().lng;
        return { bottom: map.project([centre, minLat]).y + rect.top, top: map.project([centre, maxLat]).y + rect.top, listTop: list?.top ?? rect.bottom };
      });
    const first = await province();
    expect(first.bottom).toBeLessThan(first.listTop);
    expect(first.top).toBeGreaterThan(0);

    await jumpTo(page, 13, TOWN);
    await page.locator('[data-action="fit-data"]').click();
    // A repaint is asked for, so an idle comes even if the map settled before this call arrived.
    await page.evaluate(() => new Promise<void>((r) => {
      window.vunglom?.map.once('idle', () => r());
      window.vunglom?.map.triggerRepaint();
    }));
    const refit = await province();
    expect(refit.bottom).toBeLessThan(refit.listTop);
    expect(Math.abs(refit.bottom - first.bottom)).toBeLessThan(30);
  });

  test('village details zoom keeps the neighbouring villages and their names in view', async () => {
    const page = await openApp();
    await page.locator('[data-action="toggle-gap-list"]').click();
    await page.locator('.gap-list-sizer .gap-row').first().click();
    await page.locator('#village-details').waitFor({ state: 'visible' });
    await page.waitForFunction(() => !window.vunglom?.map.isMoving());
    // A repaint is asked for, so an idle comes even if the map settled before this call arrived.
    await page.evaluate(() => new Promise<void>((r) => {
      window.vunglom?.map.once('idle', () => r());
      window.vunglom?.map.triggerRepaint();
    }));
    const view = await page.evaluate(() => {
      const map = window.vunglom?.map;
      if (!map) throw new Error('no map');
      return {
        zoom: map.getZoom(),
        villages: new Set(map.queryRenderedFeatures({ layers: ['villages-fill'] }).map((f) => f.id)).size,
        names: map.queryRenderedFeatures({ layers: ['labels-villages'] }).length,
      };
    });
    expect(view.zoom).toBeLessThanOrEqual(13.5);
    expect(view.villages).toBeGreaterThanOrEqual(6);
    expect(view.names).toBeGreaterThanOrEqual(4);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/map-village-details.png` });
  });
});

describe('no text cut off', () => {
  const cases = [1280, 1920].flatMap((width) => ['vi', 'en'].map((lang) => ({ width, height: width === 1280 ? 720 : 1080, lang })));

  test.each(cases)('$width×$height, $lang: plan names, search placeholder, filters and column names fit', async ({ width, height, lang }) => {
    const page = await openApp({ lang, viewport: { width, height } });
    await page.locator('[data-action="toggle-gap-list"]').click();
    const cut = await page.evaluate(() => {
      const out: string[] = [];
      const ctx = document.createElement('canvas').getContext('2d');
      if (!ctx) throw new Error('no canvas');
      const textWidth = (el: HTMLElement, text: string): number => {
        ctx.font = getComputedStyle(el).font;
        return ctx.measureText(text).width;
      };
      const inner = (el: HTMLElement): number => {
        const cs = getComputedStyle(el);
        return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      };
      // The plan select: every plan's name (the user picks any); the list's filters: the choice shown.
      const plan = document.querySelector<HTMLSelectElement>('#plan-targets select');
      if (!plan) throw new Error('no plan select');
      for (const o of plan.options) if (textWidth(plan, o.text) > inner(plan) - 16) out.push(`plan "${o.text}"`);
      for (const s of document.querySelectorAll<HTMLSelectElement>('.gap-list-filters select')) {
        // A filter for a level the data does not have is hidden: nothing of it is shown to be cut.
        if (s.hidden) continue;
        const text = s.selectedOptions[0]?.text ?? '';
        if (textWidth(s, text) > inner(s) - 16) out.push(`filter "${text}"`);
      }
      const search = document.querySelector<HTMLInputElement>('[data-gap-search]');
      if (!search) throw new Error('no search');
      if (textWidth(search, search.placeholder) > inner(search)) out.push(`search "${search.placeholder}"`);
      for (const el of document.querySelectorAll<HTMLElement>('.gap-head .gap-cell, .panel h1, .panel h2, .panel h3, .province-name, .plan-field')) {
        if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} "${el.textContent}"`);
      }
      return out;
    });
    expect(cut).toEqual([]);
    if (width === 1280) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS}/layout-${lang}-${width}.png` });
    }
  });
});
