/**
 * The README's screenshot of the national synthetic set in the app: the benchmark's own build
 * (tests/bench/out/app-dist, made by `npm run bench`) opened on the national set's files by URL,
 * as the browser benchmark does, and photographed once the map is coloured.
 * `npx tsx tests/bench/national-screenshot.ts [out.png]` (default tests/artifacts/national-gaps.png).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import { launchBrowser } from '../e2e/browser.ts';
import { startRangeServer } from '../helpers/range-server.ts';
import { APP_DIST } from './browser-bench.ts';
import { ensureNationalSet } from './national-set.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(process.argv[2] ?? 'tests/artifacts/national-gaps.png');
const set = ensureNationalSet(undefined, (s) => process.stderr.write(`${s}\n`));
const server = await preview({
  root: ROOT,
  configFile: resolve(ROOT, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: APP_DIST },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
});
const data = await startRangeServer(dirname(set.villages));
const session = await launchBrowser({ gpuProcess: true });
try {
  const appUrl = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  const file = (name: string): string => `${data.url}/${name}`;
  await session.page.goto(`${appUrl}?lang=en&villages=${file('villages.fgb')}&bts=${file('bts.fgb')}&fibre=${file('fibre.fgb')}&settlements=${file('settlements.fgb')}`);
  await session.page.waitForFunction(() => document.documentElement.dataset.analysis === 'done', undefined, { timeout: 180_000 });
  await session.page.waitForTimeout(5000);
  mkdirSync(dirname(out), { recursive: true });
  await session.page.screenshot({ path: out });
  process.stderr.write(`wrote ${out}\n`);
} finally {
  await session.close();
  await data.close();
  server.httpServer.close();
}
