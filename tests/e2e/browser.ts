import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, headless with WebGL on SwiftShader, in a fresh
 * profile. Everything the page complains about is collected so a test can assert there is none,
 * and any request to a host other than 127.0.0.1 is refused and recorded (the app is offline).
 */

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface PageProblems {
  consoleErrors: string[];
  consoleWarnings: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Responses with status ≥ 400, as "status url". */
  httpErrors: string[];
  /** Requests to a host other than 127.0.0.1 (refused). */
  offHostRequests: string[];
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile and one page at a desktop size. Service workers are blocked
 * unless `serviceWorkers: 'allow'`: the offline tests turn them on; elsewhere storing the whole app
 * in the background would only compete with what the test measures.
 */
export async function launchBrowser(options: { gpuProcess?: boolean; serviceWorkers?: 'allow' | 'block'; viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'vunglom-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // With a GPU process, SwiftShader renders there, off the page's main thread, as a desktop GPU would;
    // with --disable-gpu every map frame is drawn on the main thread (0.5 s each on two busy cores).
    args: options.gpuProcess ? ARGS.filter((a) => a !== '--disable-gpu') : ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const problems: PageProblems = {
    consoleErrors: [],
    consoleWarnings: [],
    pageErrors: [],
    failedRequests: [],
    httpErrors: [],
    offHostRequests: [],
  };
  await context.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1',
    async (route) => {
      problems.offHostRequests.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  context.on('console', (message) => {
    const where = message.location();
    const text = `${message.text()} (${where.url}:${where.lineNumber})`;
    if (message.type() === 'error') problems.consoleErrors.push(text);
    // SwiftShader's own performance notes ("GL Driver Message … GPU stall due to ReadPixels") come
    // from the software GL driver, and "Service Worker registration blocked by Playwright" from the
    // harness when service workers are blocked: neither is the app's.
    const harness = message.text().includes('GL Driver Message') || message.text().startsWith('Service Worker registration blocked by Playwright');
    if (message.type() === 'warning' && !harness) {
      problems.consoleWarnings.push(text);
    }
  });
  context.on('weberror', (error) => problems.pageErrors.push(error.error().message));
  context.on('requestfailed', (request) => {
    problems.failedRequests.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) problems.httpErrors.push(`${response.status()} ${response.url()}`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the app's `data-analysis` leaves `idle`/`loading`/`running`, and returns it. */
export async function waitForAnalysis(page: Page, timeoutMs = 90_000): Promise<string> {
  await page.waitForFunction(
    () => {
      const state = document.documentElement.dataset.analysis;
      return state === 'done' || state === 'error';
    },
    undefined,
    { timeout: timeoutMs },
  );
  return page.evaluate(() => document.documentElement.dataset.analysis ?? '');
}

/** Waits for `window.vunglom.ready` (loading finished and the map went idle). */
export async function waitForReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.vunglom !== undefined);
  await page.evaluate(() => window.vunglom?.ready);
}
