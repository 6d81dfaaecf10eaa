import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { allKpis } from './app-probes.ts';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

/**
 * Loading by URL on any static server, each case in a fresh browser profile (an empty cache, so
 * no earlier whole-file answer can stand in for a range): `vite preview`, which compresses what it
 * serves, and `python3 -m http.server`, which ignores Range. Both must give the same analysis, and
 * the second says once that it read the files whole.
 */

const appUrl = inject('appUrl');
const fixturesUrl = inject('fixturesUrl');
const DIST = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'dist');

/** `python3 -m http.server` on 127.0.0.1 and a free port, serving dist/ (no Range support, no compression). */
async function startPythonServer(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', DIST], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`python3 -m http.server did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { url: `http://127.0.0.1:${port}/`, process: child };
}

interface Opened {
  state: string;
  kpis: Record<string, number>;
  wholeFileNotices: string[];
  alerts: string[];
  problems: BrowserSession['problems'];
}

/** Opens `url` in a fresh profile (closed after): the analysis state, the KPIs, the notices and what went wrong. */
async function openFresh(url: string): Promise<Opened> {
  const session = await launchBrowser();
  try {
    const { page } = session;
    await page.goto(url);
    const state = await waitForAnalysis(page, 120_000);
    await waitForReady(page);
    return {
      state,
      kpis: await allKpis(page),
      wholeFileNotices: await page.locator('[data-notice="whole-file"]').allTextContents(),
      alerts: await page.locator('[role="alert"]').allTextContents(),
      problems: session.problems,
    };
  } finally {
    await session.close();
  }
}

describe('URL loading on any static server, in a fresh profile', () => {
  let python: { url: string; process: ChildProcess } | null = null;
  /** The KPIs vite preview gave for each query, to compare the Range-less server's with. */
  const preview = new Map<string, Record<string, number>>();

  beforeAll(async () => {
    python = await startPythonServer();
  });

  afterAll(() => {
    python?.process.kill('SIGTERM');
  });

  const QUERIES = [
    { what: 'the sample', query: 'lang=en' },
    { what: 'villages and BTS by URL', query: 'lang=en&villages={base}data/kon-tum/villages.fgb&bts={base}data/kon-tum/bts.fgb' },
  ];

  test.each(QUERIES)('vite preview (compressing): $what', async ({ query }) => {
    const r = await openFresh(`${appUrl}?${query.replaceAll('{base}', appUrl)}`);
    expect(r.state).toBe('done');
    expect(r.kpis.villages).toBe(824);
    // Ranges are answered: nothing is read whole for want of them.
    expect(r.wholeFileNotices).toEqual([]);
    expect(r.problems.consoleErrors).toEqual([]);
    expect(r.problems.pageErrors).toEqual([]);
    preview.set(query, r.kpis);
  });

  test.each(QUERIES)('python3 -m http.server (no Range): $what, the same analysis, said once', async ({ query }) => {
    const base = python!.url;
    const r = await openFresh(`${base}?${query.replaceAll('{base}', base)}`);
    expect(r.state).toBe('done');
    // Compared with vite preview's run of the same query (opened here when this case runs alone).
    const expected = preview.get(query) ?? (await openFresh(`${appUrl}?${query.replaceAll('{base}', appUrl)}`)).kpis;
    expect(r.kpis).toEqual(expected);
    expect(r.wholeFileNotices).toHaveLength(1);
    expect(r.wholeFileNotices[0]).toMatch(/does not answer byte-range requests \(HTTP Range: it sends the whole file\), so its files are read whole, each once/);
    expect(r.problems.consoleErrors).toEqual([]);
    expect(r.problems.pageErrors).toEqual([]);
  });

  test('a FlatGeobuf without spatial index (as GDAL writes with SPATIAL_INDEX=NO) is read whole and analysed', async () => {
    // A user's villages come with a BTS layer of their own: the sample's is never mixed in.
    const villages = encodeURIComponent(`${fixturesUrl}no-index.fgb`);
    const r = await openFresh(`${appUrl}?lang=en&villages=${villages}&bts=${encodeURIComponent(`${appUrl}data/kon-tum/bts.fgb`)}`);
    expect(r.state).toBe('done');
    expect(r.kpis.villages).toBe(2);
    expect(r.alerts).toEqual([]);
  });
});
