import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

/** The KPI names of the automation contract. */
export const KPIS = ['villages', 'mobile-villages-pct', 'ftth-villages-pct', 'shared-sites-pct', 'households-fibre-pct', 'gap-mobile', 'gap-ftth', 'gap-both'];

/** A KPI's raw value (`data-value`), as scripts read it. */
export async function kpi(page: Page, name: string): Promise<number> {
  return Number(await page.locator(`[data-kpi="${name}"]`).getAttribute('data-value'));
}

/** Every KPI of the plan board. */
export async function allKpis(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of KPIS) out[name] = await kpi(page, name);
  return out;
}

/** The sequence number of the last finished analysis (0 before the first). */
export async function lastRun(page: Page): Promise<number> {
  return page.evaluate(() => window.vunglom?.lastAnalysis?.run ?? 0);
}

/** Waits for an analysis newer than `after` to finish. */
export async function waitForRerun(page: Page, after: number, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    (n) => (window.vunglom?.lastAnalysis?.run ?? 0) > n && document.documentElement.dataset.analysis === 'done',
    after,
    { timeout },
  );
}

/**
 * Resolves when the map is next idle. A repaint is asked for, so the event comes even when the
 * map was idle already (waiting for "idle" alone hangs then).
 */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.vunglom?.map;
        if (!map) return resolve();
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** Opens the app in English at `appUrl` (with `query` added) and waits until its first analysis is done and drawn. */
export async function openApp(page: Page, appUrl: string, query = ''): Promise<void> {
  await page.goto(`${appUrl}?lang=en${query}`);
  expect(await waitForAnalysis(page)).toBe('done');
  await waitForReady(page);
}

/** The page logged no error, threw nothing and asked no other host for anything. */
export function expectNoProblems(session: BrowserSession): void {
  expect(session.problems.consoleErrors).toEqual([]);
  expect(session.problems.pageErrors).toEqual([]);
  expect(session.problems.offHostRequests).toEqual([]);
}
