import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { mapIdle } from './app-probes.ts';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

const appUrl = inject('appUrl');
const fixturesUrl = inject('fixturesUrl');
const ARTIFACTS = 'tests/artifacts';

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

async function kpi(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-kpi="${name}"]`).getAttribute('data-value'));
}

/** Gap classes of the village polygons drawn on screen now. */
async function renderedGaps(page: Page): Promise<string[]> {
  return page.evaluate(
    () => window.vunglom?.map.queryRenderedFeatures({ layers: ['villages-fill'] }).map((f) => String(f.properties?.gap)) ?? [],
  );
}

describe('planner views on the Kon Tum sample', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session = await launchBrowser();
    page = session.page;
    await page.goto(`${appUrl}?lang=vi`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  test('the legend counts equal the gap KPIs', async () => {
    const villages = await kpi(page, 'villages');
    const counts: Record<string, number> = {};
    for (const gap of ['none', 'mobile', 'ftth', 'both']) {
      counts[gap] = Number(await page.locator(`[data-gap-count="${gap}"]`).getAttribute('data-value'));
    }
    expect(counts.mobile).toBe(await kpi(page, 'gap-mobile'));
    expect(counts.ftth).toBe(await kpi(page, 'gap-ftth'));
    expect(counts.both).toBe(await kpi(page, 'gap-both'));
    expect(counts.none + counts.mobile + counts.ftth + counts.both).toBe(villages);
    expect(counts.none).toBeGreaterThan(0);
    expect(counts.both).toBeGreaterThan(0);
  });

  test('the Kon Tum 2025 preset shows its targets and the villages still to close', async () => {
    await page.selectOption('select[data-plan]', 'kon-tum-2025');
    const target = async (name: string): Promise<string> => page.locator(`input[data-target="${name}"]`).inputValue();
    expect(await target('mobile-villages-pct')).toBe('100');
    expect(await target('ftth-villages-pct')).toBe('95');
    expect(await target('shared-sites-pct')).toBe('20');
    expect(await target('households-fibre-pct')).toBe('80');

    const villages = await kpi(page, 'villages');
    const gapMobile = await kpi(page, 'gap-mobile');
    const gapFtth = await kpi(page, 'gap-ftth');
    const gapBoth = await kpi(page, 'gap-both');
    const toClose = async (name: string): Promise<number> =>
      Number(await page.locator(`[data-to-close="${name}"]`).getAttribute('data-value'));
    // 100 % mobile: every village without mobile broadband is still to close.
    expect(await toClose('mobile-villages-pct')).toBe(gapMobile + gapBoth);
    // 95 % FTTH: the shortfall from 95 % of the villages.
    const ftthVillages = villages - gapFtth - gapBoth;
    expect(await toClose('ftth-villages-pct')).toBe(Math.max(0, Math.ceil(0.95 * villages) - ftthVillages));
    expect(await page.locator('[data-to-close="mobile-villages-pct"]').textContent()).toMatch(/\d/);

    // Another plan changes the targets; an absent target shows "–" and nothing to close.
    await page.selectOption('select[data-plan]', 'quang-ninh-09');
    expect(await target('mobile-villages-pct')).toBe('');
    expect(await page.locator('[data-to-close="mobile-villages-pct"]').getAttribute('data-value')).toBeNull();
    await page.selectOption('select[data-plan]', 'kon-tum-2025');

    // Per district (the sample has province → district → commune): the table lists every district,
    // and choosing one scopes the board to it and lists its communes.
    const districtRows = page.locator('tr[data-unit-row][data-level="district"]');
    expect(await districtRows.count()).toBe(9);
    expect(await page.locator('.plan-districts-heading').textContent()).toBe('Theo huyện (bấm để chọn)');
    await page.locator('tr[data-unit-row="Huyện Đắk Hà"]').click();
    expect(await page.locator('select[data-scope="district"]').inputValue()).toBe('Huyện Đắk Hà');
    expect(await page.locator('.plan-districts-heading').textContent()).toBe('Theo xã (bấm để chọn)');
    const communes = await page.locator('tr[data-unit-row][data-level="commune"]').count();
    expect(communes).toBeGreaterThan(1);
    expect(await page.locator('select[data-scope="commune"] option').count()).toBe(communes + 1);
    const districtToClose = await toClose('mobile-villages-pct');
    expect(districtToClose).toBeLessThan(gapMobile + gapBoth);
    // The province's KPIs of the automation contract do not change with the scope.
    expect(await kpi(page, 'villages')).toBe(villages);
    await page.locator('section:has(#kpis)').screenshot({ path: `${ARTIFACTS}/planner-board.png` });
    await page.selectOption('select[data-scope="district"]', '');
    expect(await toClose('mobile-villages-pct')).toBe(gapMobile + gapBoth);
  });

  test('toggling a gap class hides those villages on the map', async () => {
    expect(await renderedGaps(page)).toContain('none');
    await page.locator('[data-gap-toggle="none"]').uncheck();
    await mapIdle(page);
    const shown = await renderedGaps(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).not.toContain('none');
    await page.locator('[data-gap-toggle="none"]').check();
    await mapIdle(page);
    expect(await renderedGaps(page)).toContain('none');
  });

  test('"dak ha" without diacritics lists the villages of Huyện Đắk Hà', async () => {
    await page.locator('[data-action="toggle-gap-list"]').click();
    const total = Number(await page.locator('.gap-list-count').getAttribute('data-value'));
    await page.locator('[data-gap-search]').fill('dak ha');
    await page.waitForFunction(
      (before) => Number(document.querySelector<HTMLElement>('.gap-list-count')?.dataset.value) < before,
      total,
    );
    const rows = page.locator('.gap-list-sizer .gap-row');
    const texts = await rows.evaluateAll((els) =>
      els.map((el) => [...el.querySelectorAll('.gap-cell')].slice(0, 3).map((c) => c.textContent ?? '').join(' | ')),
    );
    expect(texts.length).toBeGreaterThan(5);
    // Every word of the query starts a word of the village, commune or district name.
    for (const text of texts) {
      const words = ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')}`;
      expect(words, text).toContain(' dak');
      expect(words, text).toContain(' ha');
    }
    expect(texts.filter((text) => text.includes('Huyện Đắk Hà')).length).toBeGreaterThan(5);
    // Only the rows in view exist: the list is virtualised.
    const shown = Number(await page.locator('.gap-list-count').getAttribute('data-value'));
    expect(await rows.count()).toBeLessThanOrEqual(Math.min(shown, 40));
    await mapIdle(page);
    await page.locator('main.map-area').screenshot({ path: `${ARTIFACTS}/gap-list.png` });
  });

  test('a click on a gap village row opens its details with its reasons and its uncovered part', async () => {
    await page.locator('[data-gap-search]').fill('');
    await page.selectOption('select[data-filter="gap"]', 'both');
    // The list has settled on every village lacking both (the search is applied after a typing pause).
    const both = await kpi(page, 'gap-both');
    await page.waitForFunction(
      (n) => Number(document.querySelector<HTMLElement>('.gap-list-count')?.dataset.value) === n,
      both,
    );
    // Rows are sorted worst first; take one whose details will show an uncovered part.
    const row = page.locator('.gap-list-sizer .gap-row[data-gap="both"]').first();
    const id = await row.getAttribute('data-village-id');
    const name = await row.locator('.gap-cell-name').textContent();
    await row.click();
    const details = page.locator('#village-details');
    await details.waitFor({ state: 'visible' });
    expect(await details.getAttribute('data-village-id')).toBe(id);
    expect(await details.locator('.details-name').textContent()).toBe(name);
    const reasons = await details.locator('[data-reason]').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(10);
    const codes = await details.locator('[data-reason]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.reason));
    expect(codes.some((c) => c?.startsWith('mobile-'))).toBe(true);
    expect(codes.some((c) => c?.startsWith('ftth-'))).toBe(true);
    expect(await details.locator('.badge-synthetic').count()).toBe(1);
    expect(await details.locator('.operator-bars li, .details-section .hint').count()).toBeGreaterThan(0);
    await mapIdle(page);
    const uncovered = await page.evaluate(() => window.vunglom?.map.querySourceFeatures('uncovered').length ?? 0);
    expect(uncovered).toBeGreaterThan(0);
    const selected = await page.evaluate(() => window.vunglom?.map.getZoom() ?? 0);
    expect(selected).toBeGreaterThan(10);
    await page.locator('main.map-area').screenshot({ path: `${ARTIFACTS}/village-details.png` });

    // In English the same details speak English.
    await page.locator('button[data-lang="en"]').click();
    const english = await details.locator('[data-reason]').allTextContents();
    expect(english).not.toEqual(reasons);
    expect(await details.locator('.details-kind').textContent()).toContain('Village details');
    await page.locator('button[data-lang="vi"]').click();

    await details.locator('[data-action="close-village-details"]').click();
    expect(await details.isVisible()).toBe(false);
  });

  test('no console errors', () => {
    expect(session.problems.consoleErrors).toEqual([]);
    expect(session.problems.pageErrors).toEqual([]);
    expect(session.problems.offHostRequests).toEqual([]);
  });
});

test('village names with markup are shown as text in the list and the details', async () => {
  const session = await launchBrowser();
  try {
    const { page } = session;
    const given = (file: string): string => encodeURIComponent(`${fixturesUrl}${file}`);
    await page.goto(`${appUrl}?villages=${given('planner-html-names.geojson')}&bts=${given('planner-html-bts.geojson')}`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);
    await page.locator('[data-action="toggle-gap-list"]').click();
    const cell = page.locator('.gap-list-sizer .gap-row[data-village-id="html-1"] .gap-cell-name');
    expect(await cell.textContent()).toBe('<img src=x onerror="window.__vunglomXss=1">');
    await cell.click();
    expect(await page.locator('#village-details .details-name').textContent()).toContain('<img');
    expect(await page.locator('#gap-list img, #village-details img, #village-details b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __vunglomXss?: number }).__vunglomXss)).toBeUndefined();
    expect(session.problems.pageErrors).toEqual([]);
  } finally {
    await session.close();
  }
});
