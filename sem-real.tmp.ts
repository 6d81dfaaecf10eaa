import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { startRangeServer } from './tests/helpers/range-server.ts';

const D = '/tmp/sem-real';
const features: unknown[] = [];
for await (const f of deserialize(new Uint8Array(readFileSync('public/data/kon-tum/bts.fgb')))) features.push(f);
writeFileSync(`${D}/kontum-bts.geojson`, JSON.stringify({ type: 'FeatureCollection', features }));

const cases: { name: string; files: [string, string][] }[] = [
  { name: 'wards-2025 + Kon Tum BTS', files: [['villages', 'wards_2025.geojson'], ['bts', 'kontum-bts.geojson']] },
  { name: 'Ireland grid + OpenCelliD Ireland (no header)', files: [['villages', 'ireland-grid.geojson'], ['bts', 'opencellid_ireland_272.csv']] },
  { name: 'Lesotho grid + OpenCelliD Lesotho', files: [['villages', 'lesotho-grid.geojson'], ['bts', 'opencellid_lesotho.csv']] },
  { name: 'Ghana grid + synthetic BTS + WATRA fibre', files: [['villages', 'ghana-grid.geojson'], ['bts', 'ghana-bts.geojson'], ['fibre', 'watra-fibre.geojson']] },
];
const only = process.argv[2];
const server = await preview({ root: process.cwd(), configFile: resolve('vite.config.ts'), logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
const app = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
const files = await startRangeServer(D);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const t0 = Date.now();
  const out = join(D, `cli-${c.files[0][1]}`);
  const r = spawnSync(process.execPath, ['src/cli/vunglom.mjs', 'analyze', ...c.files.flatMap(([role, f]) => [`--${role}`, join(D, f)]), '--out', out], { encoding: 'utf8' });
  const cliMs = Date.now() - t0;
  if (r.status !== 0) { console.log(c.name, 'CLI failed', r.stderr); continue; }
  const cli = JSON.parse(readFileSync(out, 'utf8'));
  const profile = mkdtempSync(join(tmpdir(), 'sem-real-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const q = c.files.map(([role, f]) => `${role}=${encodeURIComponent(`${files.url}/${f}`)}`).join('&');
  await page.goto(`${app}?lang=en&${q}`);
  await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.analysis ?? ''), undefined, { timeout: 600_000 });
  const state = await page.evaluate(() => document.documentElement.dataset.analysis);
  const province = await page.locator('#province-name').textContent();
  const notices = await page.locator('[data-notice]').allTextContents();
  const heading = await page.locator('.plan-districts-heading').textContent();
  const unitRows = await page.locator('tr[data-unit-row]').count();
  let same = 'n/a';
  if (state === 'done') {
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
    const appFile = JSON.parse(readFileSync(await d.path(), 'utf8'));
    const diff = appFile.features.filter((f: { properties: unknown }, i: number) => JSON.stringify(f.properties) !== JSON.stringify(cli.features[i].properties)).length;
    same = `${appFile.features.length} app / ${cli.features.length} CLI features, ${diff} differ; inputs app ${JSON.stringify(appFile.vunglom.inputs.map((i: { role: string; name: string }) => `${i.role}:${i.name}`))} cli ${JSON.stringify(cli.vunglom.inputs.map((i: { role: string; name: string }) => `${i.role}:${i.name}`))}; kpis equal ${JSON.stringify(appFile.vunglom.kpis) === JSON.stringify(cli.vunglom.kpis)}`;
    await page.screenshot({ path: `${D}/${c.files[0][1]}.png` });
  }
  const k = cli.vunglom.kpis;
  const gaps: Record<string, number> = {};
  for (const f of cli.features) gaps[f.properties.gap] = (gaps[f.properties.gap] ?? 0) + 1;
  console.log(`\n== ${c.name}\n state ${state}; province "${province}"; table "${heading}" ${unitRows} rows\n notices: ${notices.join(' | ')}\n ${same}\n CLI ${cliMs} ms: gaps ${JSON.stringify(gaps)}; sites ${k.physicalSites} shared ${k.sharedSites}; ftthKnown ${k.ftthKnown}; households ${JSON.stringify(k.households)}\n CLI stderr: ${r.stderr.trim().split('\n').filter((l) => !l.startsWith('analysing')).join(' / ')}\n page errors ${errors.length}`);
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
await files.close();
await server.close();
