import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';
import { startStaticServer, type StaticServer, type StaticServerKind } from './static-servers.ts';

/**
 * The built app as a colleague deploys it: served by each of the three static servers the README
 * names, opened from file:// (a plain message instead of a blank page), and as an installed PWA that
 * opens and analyses the sample with the network off. Each case in a fresh browser profile.
 */

const appUrl = inject('appUrl');
const ARTIFACTS = 'tests/artifacts';
const SAMPLE_VILLAGES = 824;

let session: BrowserSession | null = null;
let server: StaticServer | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
  await server?.close();
  server = null;
});

async function villagesKpi(s: BrowserSession): Promise<number> {
  return Number(await s.page.locator('[data-kpi="villages"]').getAttribute('data-value'));
}

describe('dist/ on any static server, in a fresh profile', () => {
  test('vite preview', async () => {
    session = await launchBrowser({ serviceWorkers: 'allow' });
    await session.page.goto(appUrl);
    expect(await waitForAnalysis(session.page)).toBe('done');
    expect(await villagesKpi(session)).toBe(SAMPLE_VILLAGES);
    expect(session.problems.pageErrors).toEqual([]);
  });

  // python3 -m http.server ignores Range and answers 200 with the whole file: each file is read
  // whole, once, and an information notice (not an alert) says so.
  test('python3 -m http.server', async () => {
    await servedBy('python-http-server');
    expect(await session!.page.locator('[data-notice="whole-file"][role="status"]').count()).toBe(1);
  });

  test('npx http-server', async () => {
    await servedBy('http-server');
  });

  async function servedBy(kind: StaticServerKind): Promise<void> {
    server = await startStaticServer(kind, 'dist');
    session = await launchBrowser({ serviceWorkers: 'allow' });
    await session.page.goto(server.url);
    expect(await waitForAnalysis(session.page)).toBe('done');
    expect(await villagesKpi(session)).toBe(SAMPLE_VILLAGES);
    expect(await session.page.locator('[role="alert"]').count()).toBe(0);
    expect(session.problems.pageErrors).toEqual([]);
    expect(session.problems.offHostRequests).toEqual([]);
  }
});

test('opened from file://, the page says in plain words how to open it instead of staying blank', async () => {
  session = await launchBrowser();
  await session.page.goto(pathToFileURL(resolve('dist/index.html')).href);
  const notice = session.page.locator('#file-protocol');
  await notice.waitFor({ state: 'visible' });
  const text = (await notice.textContent()) ?? '';
  expect(text).toContain('python3 -m http.server');
  expect(text).toContain('npx http-server');
  expect(text).toContain('Hãy mở Vùng Lõm qua một máy chủ web');
  expect(text).toContain('Open Vùng Lõm through a web server');
  // It covers the page: what is on top at the centre of the window is the notice.
  const onTop = await session.page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.closest('#file-protocol') !== null);
  expect(onTop).toBe(true);
  expect(await session.page.evaluate(() => document.documentElement.dataset.analysis)).toBe('error');
  mkdirSync(ARTIFACTS, { recursive: true });
  await session.page.screenshot({ path: `${ARTIFACTS}/file-protocol.png` });
});

test('served over http, the page hides the file:// notice', async () => {
  session = await launchBrowser();
  await session.page.goto(appUrl);
  await waitForReady(session.page);
  expect(await session.page.locator('#file-protocol').isHidden()).toBe(true);
});

test('installed as a PWA: after one visit it opens and analyses the sample offline; range reads work through the service worker; storage is shown and can be cleared', async () => {
  session = await launchBrowser({ serviceWorkers: 'allow' });
  const { page, context } = session;
  await page.goto(appUrl);
  expect(await waitForAnalysis(page)).toBe('done');
  await waitForReady(page);

  // Installable: Chromium finds nothing missing in the manifest, icons or service worker.
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);

  const offline = page.locator('#offline');
  await page.waitForSelector('#offline[data-offline="ready"]', { timeout: 120_000 });
  expect(await offline.locator('.offline-usage').textContent()).toMatch(/\d/);

  await context.setOffline(true);
  await page.reload();
  expect(await waitForAnalysis(page)).toBe('done');
  expect(await villagesKpi(session)).toBe(SAMPLE_VILLAGES);
  expect(Number(await page.locator('[data-gap-count="none"]').getAttribute('data-value'))).toBeGreaterThan(0);
  // A FlatGeobuf byte range answered from the stored file: 206, exactly the bytes asked, the file's magic bytes.
  const range = await page.evaluate(async () => {
    const r = await fetch('data/kon-tum/villages.fgb', { headers: { Range: 'bytes=0-7' } });
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, length: bytes.length, magic: String.fromCharCode(bytes[0], bytes[1], bytes[2]), contentRange: r.headers.get('content-range') };
  });
  expect(range.status).toBe(206);
  expect(range.length).toBe(8);
  expect(range.magic).toBe('fgb');
  expect(range.contentRange).toMatch(/^bytes 0-7\/\d+$/);
  // The stored file's slices are taken as ranges (they claim no Content-Encoding): nothing was read whole for want of them.
  expect(await page.locator('[data-notice="whole-file"]').count()).toBe(0);
  // A URL the app does not ship is not stored: offline it fails, as any network request would.
  const unknown = await page.evaluate(() => fetch('data/not-shipped.geojson').then((r) => r.status, () => 'network error'));
  expect(unknown).toBe('network error');
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/offline-app.png` });

  await context.setOffline(false);
  await page.locator('[data-action="clear-offline"]').click();
  await page.waitForSelector('#offline[data-offline="cleared"]');
  const left = await page.evaluate(async () => ({ caches: (await caches.keys()).length, workers: (await navigator.serviceWorker.getRegistrations()).length }));
  expect(left).toEqual({ caches: 0, workers: 0 });
  expect(session.problems.pageErrors).toEqual([]);
});
