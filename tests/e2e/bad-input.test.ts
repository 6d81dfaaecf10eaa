import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

const appUrl = inject('appUrl');
const fixturesUrl = inject('fixturesUrl');

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser();
});

afterEach(async () => {
  await session.close();
});

const CASES = [
  { file: 'missing.fgb', says: [/not found/i, /404/] },
  { file: 'corrupt.fgb', says: [/not a FlatGeobuf or GeoJSON file/i, /corrupt/i] },
  { file: 'no-index.fgb', says: [/no spatial index/i, /ogr2ogr -f FlatGeobuf/] },
] as const;

test.each(CASES)('?villages=$file gives a visible message naming the problem and the map still works', async ({ file, says }) => {
  const { page, problems } = session;
  const villages = `${fixturesUrl}${file}`;
  await page.goto(`${appUrl}?lang=en&villages=${encodeURIComponent(villages)}`);

  expect(await waitForAnalysis(page)).toBe('error');
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
