import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';

const appUrl = inject('appUrl');
const K = 'public/data/kon-tum';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-cli-'));

interface GapFile {
  features: { id: string; properties: Record<string, unknown> }[];
  vunglom: { kpis: Record<string, number | null>; params: unknown; inputs: { role: string; name: string; sha256: string }[] };
}

let session: BrowserSession;
let cli: GapFile;
let cliCsv: string;

beforeAll(async () => {
  const r = spawnSync(
    process.execPath,
    ['src/cli/vunglom.mjs', 'analyze', '--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`, '--fibre', `${K}/fibre-routes.fgb`,
      '--fibre', `${K}/fibre-points.fgb`, '--settlements', `${K}/settlements.fgb`, '--out', join(dir, 'cli.geojson'), '--csv', join(dir, 'cli.csv')],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  cli = JSON.parse(readFileSync(join(dir, 'cli.geojson'), 'utf8'));
  cliCsv = readFileSync(join(dir, 'cli.csv'), 'utf8');
  session = await launchBrowser();
});

afterAll(async () => {
  await session?.close();
});

const KPI_OF: Record<string, string> = {
  villages: 'villages',
  'mobile-villages-pct': 'mobileVillagesPct',
  'ftth-villages-pct': 'ftthVillagesPct',
  'shared-sites-pct': 'sharedSitesPct',
  'households-fibre-pct': 'householdsFibrePct',
  'gap-mobile': 'gapMobile',
  'gap-ftth': 'gapFtth',
  'gap-both': 'gapBoth',
};

test('the plan board, the exported GeoJSON and CSV equal what the CLI computes for the same data', async () => {
  const { page, problems } = session;
  await page.goto(appUrl);
  expect(await waitForAnalysis(page)).toBe('done');
  await waitForReady(page);

  for (const [kpi, key] of Object.entries(KPI_OF)) {
    const shown = Number(await page.locator(`[data-kpi="${kpi}"]`).getAttribute('data-value'));
    expect(shown, kpi).toBeCloseTo(cli.vunglom.kpis[key] as number, 9);
  }

  const [geojsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  expect(geojsonDownload.suggestedFilename()).toMatch(/^vunglom-gaps-kon-tum-\d{4}-\d{2}-\d{2}\.geojson$/);
  const app: GapFile = JSON.parse(readFileSync(await geojsonDownload.path(), 'utf8'));
  expect(app.features.length).toBe(cli.features.length);
  expect(app.features.map((f) => f.id)).toEqual(cli.features.map((f) => f.id));
  expect(app.features.map((f) => f.properties)).toEqual(cli.features.map((f) => f.properties));
  expect(app.vunglom.kpis).toEqual(cli.vunglom.kpis);
  expect(app.vunglom.params).toEqual(cli.vunglom.params);
  expect(app.vunglom.inputs.map((i) => [i.role, i.name, i.sha256])).toEqual(cli.vunglom.inputs.map((i) => [i.role, i.name, i.sha256]));

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-csv"]').click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  expect(readFileSync(await csvDownload.path(), 'utf8')).toBe(cliCsv);

  expect(problems.consoleErrors).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});
