/**
 * Ours in Chromium, through the app and its worker pool: serve a production build of the working
 * tree (vite build into tests/bench/out/app-dist, then vite preview) and the benchmark files (range server), open the app, read
 * `window.vunglom.lastAnalysis.totalMs`, the main-thread long tasks (> 50 ms) during the analysis,
 * and the tab's memory (the renderer process's RSS and PSS from /proc, sampled while it runs, and
 * the main thread's JS heap from CDP).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { launchBrowser, type BrowserSession } from '../e2e/browser.ts';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';
import type { PageBenchResult } from './bench-page.ts';
import { summarize, type Timing } from './timing.ts';
import { errorMessage } from '../../src/core/error-message.ts';

/** A clean-up step that failed is logged and the run goes on (the browser or a server may already be gone). */
function logFailure(log: (s: string) => void, step: string): (err: unknown) => void {
  return (err) => log(`    ${step} failed: ${errorMessage(err)}`);
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Long tasks and analysis-state changes, recorded by the page itself from its first script on. */
export const BENCH_INIT_SCRIPT = `(() => {
  const b = (window.__bench = { longtasks: [], states: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { b.noLongtask = String(e); }
  // <html> does not exist yet when this runs: watch the document's subtree for the attribute.
  const record = () => {
    const state = (document.documentElement && document.documentElement.dataset.analysis) || '';
    if (b.states.length === 0 || b.states[b.states.length - 1].state !== state) b.states.push({ state, t: performance.now() });
  };
  new MutationObserver(record).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-analysis'] });
})();`;

export interface PageBench {
  longtasks: { start: number; duration: number }[];
  states: { state: string; t: number }[];
  noLongtask?: string;
}

const GIB = 2 ** 30;
/** How long memory is still sampled after the page is ready (ms). */
const SETTLE_MS = 5_000;

/** A page load that did not finish, with the memory it had reached. */
export class BrowserRunError extends Error {
  override readonly name = 'BrowserRunError';
  constructor(
    message: string,
    readonly memory: { peakPss: number; peakRss: number },
  ) {
    super(message);
  }
}

/** One page load of the app and its analysis. */
export interface BrowserRun {
  state: string;
  totalMs: number;
  workers: number;
  villages: number;
  /** Long tasks overlapping the analysis (from `running` to `running + totalMs`). */
  analysisLongTasks: number[];
  /** Long tasks from navigation to `done`, all of them. */
  pageLongTasks: number[];
  /** From navigation start to the state `done`. */
  loadToDoneMs: number;
  /** Peak resident and proportional set size of the renderer processes (bytes). */
  peakRss: number;
  peakPss: number;
  /** JS heap used by the page's main thread after the analysis (CDP, bytes). */
  jsHeapUsed: number;
  /** The page's analysis states with the time each began (ms from navigation). */
  states: { state: string; t: number }[];
  /** `window.vunglom.lastAnalysis` as the app published it (its own phase timings included). */
  lastAnalysis: Record<string, unknown> | null;
  notices: string;
}

export interface BrowserBenchResult {
  chromium: string;
  /** Peak renderer memory of a run that failed (bytes), else 0. */
  failedPeakPss: number;
  failedPeakRss: number;
  runs: BrowserRun[];
  totalMs: Timing | null;
  error: string | null;
}

/** Processes whose ancestry reaches `root`. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    for (let hops = 0; p && hops < 20; hops++) {
      p = parent.get(p);
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** RSS and PSS (bytes) summed over this process's Chromium renderer processes. */
export function rendererMemory(): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of descendants(process.pid)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)?.[1] ?? 0) * 1024;
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return { rss, pss };
}

/** Where the benchmark builds its own copy of the app (never the shared dist/, which others rebuild). */
export const APP_DIST = resolve(ROOT, 'tests/bench/out/app-dist');

/** Builds the app from the working tree into tests/bench/out/app-dist, so the bench measures the code as it is now. */
export async function buildApp(log: (s: string) => void): Promise<void> {
  log('  chromium: building the app (vite build → tests/bench/out/app-dist)…');
  await build({ root: ROOT, configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: APP_DIST, emptyOutDir: true } });
}

async function oneRun(session: BrowserSession, url: string, timeoutMs: number): Promise<BrowserRun> {
  const { page } = session;
  let peakRss = 0;
  let peakPss = 0;
  const sample = (): void => {
    const m = rendererMemory();
    peakRss = Math.max(peakRss, m.rss);
    peakPss = Math.max(peakPss, m.pss);
  };
  const timer = setInterval(sample, 250);
  const t0 = Date.now();
  let state = '';
  let states: { state: string; t: number }[] = [];
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    // Poll (rather than wait inside the page) so that a crash still leaves the last state seen.
    while (state !== 'done' && state !== 'error') {
      if (Date.now() - t0 > timeoutMs) throw new Error(`no result after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
      const seen = await page.evaluate(() => ({
        state: document.documentElement.dataset.analysis ?? '',
        states: (window as unknown as { __bench: PageBench }).__bench.states,
      }));
      state = seen.state;
      states = seen.states;
    }
  } catch (err) {
    clearInterval(timer);
    sample();
    const where = states.map((x) => `${x.state} at ${(x.t / 1000).toFixed(1)} s`).join(', ') || 'no state';
    throw new BrowserRunError(
      `${err instanceof Error ? err.message.split('\n')[0] : String(err)} after ${((Date.now() - t0) / 1000).toFixed(0)} s (states: ${where}); renderer peak PSS ${(peakPss / GIB).toFixed(2)} GiB, RSS ${(peakRss / GIB).toFixed(2)} GiB`,
      { peakPss, peakRss },
    );
  }
  // Memory keeps being sampled while the page draws the result (rows, views, map tiles) and for a
  // few seconds after it is ready: the peak of a large set can come after the analysis.
  // A page that failed has said so through its state; the samples still count.
  await page.evaluate(() => (window as unknown as { vunglom?: { ready: Promise<void> } }).vunglom?.ready).catch(logFailure((s) => process.stderr.write(`${s}\n`), 'waiting for the page'));
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  clearInterval(timer);
  sample();
  const info = await page.evaluate(() => {
    const w = window as unknown as { __bench: PageBench; vunglom?: { lastAnalysis: ({ totalMs: number; workers: number; villages: number } & Record<string, unknown>) | null } };
    const spans = performance.getEntriesByName('vunglom:analysis', 'measure');
    const span = spans[spans.length - 1];
    return {
      bench: w.__bench,
      last: w.vunglom?.lastAnalysis ?? null,
      notices: document.getElementById('notices')?.textContent?.trim() ?? '',
      span: span ? { start: span.startTime, end: span.startTime + span.duration } : null,
    };
  });
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  const jsHeapUsed = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const running = [...info.bench.states].reverse().find((s) => s.state === 'running');
  const done = info.bench.states.find((s) => s.state === 'done' || s.state === 'error');
  const totalMs = info.last?.totalMs ?? NaN;
  if (!running || !done) throw new Error(`the page never reported the analysis states (seen: ${info.bench.states.map((x) => x.state).join(', ') || 'none'})`);
  // The app's own span of the analysis when it marks one; else from the "running" state on.
  const a0 = info.span?.start ?? running.t;
  const a1 = info.span?.end ?? a0 + totalMs;
  const analysisLongTasks = info.bench.longtasks.filter((l) => l.start < a1 && l.start + l.duration > a0).map((l) => l.duration);
  const end = done.t;
  return {
    state,
    totalMs,
    workers: info.last?.workers ?? NaN,
    villages: info.last?.villages ?? NaN,
    analysisLongTasks,
    pageLongTasks: info.bench.longtasks.filter((l) => l.start < end).map((l) => l.duration),
    loadToDoneMs: done.t,
    peakRss,
    peakPss,
    jsHeapUsed,
    states: info.bench.states,
    lastAnalysis: info.last,
    notices: info.notices + (info.bench.noLongtask ? ` [no longtask observer: ${info.bench.noLongtask}]` : ''),
  };
}

export interface BrowserTarget {
  /** Query string after `?` (empty: the Kon Tum sample). */
  query: string;
  warmup: number;
  runs: number;
  timeoutMs: number;
}

/**
 * Runs the app in Chromium on each target; `dataDir` is served by a range server whose base URL
 * replaces `{data}` in the targets' queries.
 */
export async function benchBrowser(
  targets: Record<string, BrowserTarget>,
  dataDir: string | null,
  log: (s: string) => void,
): Promise<Record<string, BrowserBenchResult>> {
  await buildApp(log);
  let server: PreviewServer | null = null;
  let data: RangeServer | null = null;
  let session: BrowserSession | null = null;
  const out: Record<string, BrowserBenchResult> = {};
  try {
    server = await preview({
      root: ROOT,
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: APP_DIST },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address() as AddressInfo;
    const appUrl = `http://127.0.0.1:${address.port}/`;
    if (dataDir) data = await startRangeServer(dataDir);
    session = await launchBrowser({ gpuProcess: true });
    await session.context.addInitScript({ content: BENCH_INIT_SCRIPT });
    const chromium = await session.page.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? navigator.userAgent);
    for (const [name, t] of Object.entries(targets)) {
      const query = data ? t.query.replaceAll('{data}', data.url) : t.query;
      const url = query ? `${appUrl}?${query}` : appUrl;
      const runs: BrowserRun[] = [];
      let error: string | null = null;
      let failedPeakPss = 0;
      let failedPeakRss = 0;
      try {
        for (let i = 0; i < t.warmup + t.runs; i++) {
          log(`  chromium ${name}: ${i < t.warmup ? 'warm-up' : `run ${i - t.warmup + 1}/${t.runs}`}…`);
          const r = await oneRun(session, url, t.timeoutMs);
          log(`    state ${r.state}, totalMs ${r.totalMs.toFixed(0)}, load→done ${r.loadToDoneMs.toFixed(0)} ms, renderer peak PSS ${(r.peakPss / 2 ** 20).toFixed(0)} MiB`);
          if (r.state !== 'done') {
            error = `analysis ended in state "${r.state}": ${r.notices || 'no notice'}`;
            runs.push(r);
            break;
          }
          if (i >= t.warmup) runs.push(r);
        }
      } catch (err) {
        error = err instanceof Error ? err.message.split('\n')[0] : String(err);
        if (err instanceof BrowserRunError) {
          failedPeakPss = err.memory.peakPss;
          failedPeakRss = err.memory.peakRss;
        }
        log(`    failed: ${error}`);
        const pageErrors = session.problems.pageErrors.slice(-3).join(' | ');
        if (pageErrors) error += ` (page errors: ${pageErrors})`;
        // A stuck page would hold its memory: leave it for the next target.
        await session.page.goto('about:blank').catch(logFailure(log, 'leaving the page'));
        if (session.page.isClosed() || (await session.page.evaluate(() => 1).catch(() => 0)) !== 1) {
          // A crashed tab: carry on in a new one.
          const fresh = await session.context.newPage();
          await session.page.close().catch(logFailure(log, 'closing the crashed tab'));
          session.page = fresh;
        }
      }
      const ok = runs.filter((r) => r.state === 'done' && Number.isFinite(r.totalMs));
      out[name] = { chromium, runs, totalMs: ok.length ? summarize(ok.map((r) => r.totalMs)) : null, error, failedPeakPss, failedPeakRss };
    }
  } finally {
    await session?.close().catch(logFailure(log, 'closing the browser'));
    await data?.close().catch(logFailure(log, 'closing the data server'));
    await server?.close().catch(logFailure(log, 'closing the app server'));
  }
  return out;
}

/** The worker pool on the benchmark page: several analyses in one page, no map. */
export interface PoolPageResult {
  totalMs: Timing | null;
  /** The first analysis of the page (fresh workers, cold code), also in `totalMs.runs[0]`. */
  firstMs: number;
  workers: number;
  villages: number;
  readMs: number;
  prepareMs: number;
  /** Long tasks while the analyses ran (ms each). */
  longTasks: number[];
  peakPss: number;
  peakRss: number;
  error: string | null;
}

/** Inputs of the benchmark page; `{data}` is replaced by the data server's base URL, `{app}` by the page's. */
export interface PoolPageTarget {
  urls: { villages: string; bts: string; fibre: string[]; settlements: string };
  runs: number;
  timeoutMs: number;
}

/**
 * Runs the app's worker pool on tests/bench/bench-page.html through the Vite dev server: the
 * analysis alone, repeated in one page (first run cold, then warm), with nothing drawing a map.
 */
export async function benchPoolPage(
  targets: Record<string, PoolPageTarget>,
  dataDir: string | null,
  log: (s: string) => void,
): Promise<Record<string, PoolPageResult>> {
  let server: ViteDevServer | null = null;
  let data: RangeServer | null = null;
  let session: BrowserSession | null = null;
  const out: Record<string, PoolPageResult> = {};
  try {
    server = await createServer({
      root: ROOT,
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      server: { host: '127.0.0.1', port: 0, strictPort: false, open: false, hmr: false },
    });
    await server.listen();
    const address = server.httpServer?.address() as AddressInfo;
    const appUrl = `http://127.0.0.1:${address.port}/`;
    if (dataDir) data = await startRangeServer(dataDir);
    session = await launchBrowser({ gpuProcess: true });
    await session.context.addInitScript({ content: BENCH_INIT_SCRIPT });
    const page = session.page;
    for (const [name, t] of Object.entries(targets)) {
      const fill = (u: string): string => u.replaceAll('{data}', data?.url ?? '').replaceAll('{app}', appUrl.replace(/\/$/, ''));
      const urls = { villages: fill(t.urls.villages), bts: fill(t.urls.bts), fibre: t.urls.fibre.map(fill), settlements: fill(t.urls.settlements) };
      let peakRss = 0;
      let peakPss = 0;
      const timer = setInterval(() => {
        const m = rendererMemory();
        peakRss = Math.max(peakRss, m.rss);
        peakPss = Math.max(peakPss, m.pss);
      }, 250);
      try {
        log(`  bench page ${name}: ${t.runs} analyses in one page…`);
        await page.goto(`${appUrl}tests/bench/bench-page.html`, { waitUntil: 'load', timeout: t.timeoutMs });
        // The dev server may optimise dependencies on first use and reload the page once.
        await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: t.timeoutMs });
        await page.waitForTimeout(500);
        await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: t.timeoutMs });
        const before = await page.evaluate(() => performance.now());
        const r = (await page.evaluate(([u, n]) => window.benchAnalysis!(u, n), [urls, t.runs] as const)) as PageBenchResult;
        const bench = await page.evaluate(() => (window as unknown as { __bench: PageBench }).__bench);
        const readEnd = before + r.readMs;
        out[name] = {
          totalMs: summarize(r.totals),
          firstMs: r.totals[0],
          workers: r.workers,
          villages: r.villages,
          readMs: r.readMs,
          prepareMs: r.prepareMs,
          longTasks: bench.longtasks.filter((l) => l.start + l.duration > readEnd).map((l) => l.duration),
          peakPss,
          peakRss,
          error: null,
        };
        log(`    analyses ${r.totals.map((x) => x.toFixed(0)).join(', ')} ms (${r.workers} worker(s)), read ${r.readMs.toFixed(0)} ms, prepare ${r.prepareMs.toFixed(0)} ms`);
      } catch (err) {
        out[name] = { totalMs: null, firstMs: NaN, workers: 0, villages: 0, readMs: NaN, prepareMs: NaN, longTasks: [], peakPss, peakRss, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
        await page.goto('about:blank').catch(logFailure(log, 'leaving the page'));
      } finally {
        clearInterval(timer);
      }
    }
  } finally {
    await session?.close().catch(logFailure(log, 'closing the browser'));
    await data?.close().catch(logFailure(log, 'closing the data server'));
    await server?.close().catch(logFailure(log, 'closing the app server'));
  }
  return out;
}

export type { Page };
