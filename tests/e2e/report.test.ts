import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchBrowser, waitForAnalysis, waitForReady, type BrowserSession } from './browser.ts';
import { decodePng } from './png.ts';

/**
 * The quarterly report end to end: the app on the sample with two earlier results (a GeoJSON made
 * with a smaller radius a quarter ago, a CSV two quarters ago), printed to PDF by Chromium
 * (`page.pdf`), read back with poppler's pdftotext and looked at page by page with pdftoppm.
 */

const appUrl = inject('appUrl');
const K = 'public/data/kon-tum';
const ARTIFACTS = 'tests/artifacts';
const dir = mkdtempSync(join(tmpdir(), 'vunglom-e2e-report-'));
const DAY_MS = 86_400_000;

let session: BrowserSession;
let earlierGeojson: string;
let earlierCsv: string;

function vunglom(...args: string[]): void {
  const r = spawnSync(process.execPath, ['src/cli/vunglom.mjs', ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

function sh(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  expect(r.status, `${command} ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const SAMPLE = ['--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`, '--fibre', `${K}/fibre-routes.fgb`, '--fibre', `${K}/fibre-points.fgb`, '--settlements', `${K}/settlements.fgb`];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // A quarter ago: 3 km instead of 3.5 km for 4G (fewer villages covered, and other assumptions).
  writeFileSync(join(dir, 'q-1.json'), JSON.stringify({ radiusM: { '4G': 3000 } }));
  vunglom('analyze', ...SAMPLE, '--config', join(dir, 'q-1.json'), '--out', join(dir, 'raw.geojson'));
  const doc = JSON.parse(readFileSync(join(dir, 'raw.geojson'), 'utf8'));
  doc.vunglom.created = new Date(Date.now() - 92 * DAY_MS).toISOString();
  earlierGeojson = join(dir, 'ket-qua-quy-truoc.geojson');
  writeFileSync(earlierGeojson, JSON.stringify(doc));
  // Two quarters ago, as CSV (no metadata: its date is the file's).
  writeFileSync(join(dir, 'q-2.json'), JSON.stringify({ radiusM: { '4G': 2500 } }));
  vunglom('analyze', ...SAMPLE, '--config', join(dir, 'q-2.json'), '--out', join(dir, 'raw2.geojson'), '--csv', join(dir, 'ket-qua-hai-quy-truoc.csv'));
  earlierCsv = join(dir, 'ket-qua-hai-quy-truoc.csv');
  const old = new Date(Date.now() - 184 * DAY_MS);
  utimesSync(earlierCsv, old, old);
  // The board's default plan, as a plan file for the CLI.
  writeFileSync(join(dir, 'plan.json'), JSON.stringify({
    name: 'Kon Tum: hạ tầng số đến 2025',
    targets: { 'mobile-villages-pct': 100, 'ftth-villages-pct': 95, 'shared-sites-pct': 20, 'households-fibre-pct': 80 },
  }));
  session = await launchBrowser();
});

afterAll(async () => {
  await session?.close();
});

test('the report opens on the analysis, takes earlier results, prints to A4 PDF with every trắng / lõm sóng village and repeated table headers', async () => {
  const { page, problems } = session;
  await page.goto(appUrl);
  expect(await waitForAnalysis(page)).toBe('done');
  await waitForReady(page);
  const trangKpi = Number(await page.locator('[data-kpi="trang-song"]').getAttribute('data-value'));
  const lomKpi = Number(await page.locator('[data-kpi="lom-song"]').getAttribute('data-value'));
  expect(trangKpi).toBeGreaterThan(0);
  expect(lomKpi).toBeGreaterThan(0);

  await page.locator('[data-action="open-report"]').click();
  await page.waitForFunction(() => document.documentElement.dataset.report === 'ready', undefined, { timeout: 120_000 });
  // A file that is not a gap list is refused with one sentence; the others are taken.
  await page.locator('[data-report-previous]').setInputFiles([earlierGeojson, earlierCsv, `${K}/manifest.json`]);
  await page.locator('[data-section="trend"]').waitFor();
  await expect.poll(() => page.locator('[data-report-error]').count()).toBe(1);
  expect(await page.locator('[data-report-error]').textContent()).toMatch(/^manifest\.json không phải danh sách vùng lõm do Vùng Lõm xuất \(không có FeatureCollection\)/);

  // The lists name exactly the villages the plan board counts.
  const listed = async (section: string) => page.locator(`[data-section="${section}"] tr[data-village-id]`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.villageId));
  const trang = await listed('trang');
  const lom = await listed('lom');
  expect(trang.length).toBe(trangKpi);
  expect(lom.length).toBe(lomKpi);
  // Every one has a route (the sample's classes are all mobile gaps).
  const routes = await page.locator('[data-section="trang"] tr[data-village-id], [data-section="lom"] tr[data-village-id]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.route));
  expect(routes.every((r) => r === 'share' || r === 'build' || r === 'vtf')).toBe(true);
  // The earlier results: the smaller radius covered fewer villages, so some gained; the assumptions differ.
  expect(await page.locator('[data-section="changed"] tr[data-change="mobile-gained"]').count()).toBeGreaterThan(0);
  expect(await page.locator('[data-warning="params-differ"]').textContent()).toContain('radiusM');
  expect(await page.locator('[data-section="trend"] tbody tr').count()).toBe(3);
  await page.screenshot({ path: `${ARTIFACTS}/report-view.png` });

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfPath = join(ARTIFACTS, 'report.pdf');
  writeFileSync(pdfPath, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(sh('pdfinfo', [pdfPath]))?.[1]);
  expect(pages).toBeGreaterThanOrEqual(6);
  expect(sh('pdfinfo', [pdfPath])).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  // The PDF (and the browser's "Save as PDF" file name) carries the report's title.
  expect(sh('pdfinfo', [pdfPath])).toMatch(/Title:\s+Báo cáo hạ tầng băng rộng di động và cáp quang theo thôn, bản — Kon Tum — Quý \d\/\d{4}/);

  // Text per page: the footer numbers every page; each section starts where it should.
  const pageText = Array.from({ length: pages }, (_, i) => sh('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdfPath, '-']));
  pageText.forEach((text, i) => expect(text).toContain(`Trang ${i + 1} / ${pages}`));
  const pageOf = (heading: string): number => pageText.findIndex((t) => t.includes(heading));
  expect(pageOf('Báo cáo hạ tầng băng rộng di động')).toBe(0);
  expect(pageText[0]).toContain('Chỉ tiêu so với kế hoạch');
  expect(pageText[0]).toContain('Thôn có băng rộng di động');
  const map = pageOf('Bản đồ vùng lõm');
  const communes = pageOf('Theo xã, phường');
  const trangPage = pageOf('Thôn, bản trắng sóng');
  // Page breaks between sections: the map, the unit tables and the lists each start a page.
  expect(map).toBeGreaterThan(0);
  expect(communes).toBeGreaterThan(map);
  expect(trangPage).toBeGreaterThan(communes);
  expect(pageText[map].split('\n').filter((l) => l.trim() !== '')[0].trim()).toBe('Bản đồ vùng lõm');
  expect(pageText[map]).toContain('50 km');
  // A table that runs over a page repeats its header on the next one.
  const unitPages = pageText.slice(communes, trangPage);
  expect(unitPages.length).toBeGreaterThan(1);
  for (const text of unitPages) expect(text).toMatch(/^\s*Xã\s+Huyện\s+Số\s+Có di động/m);
  // Every trắng sóng village is printed (names as the report shows them).
  const names = await page.locator('[data-section="trang"] tr[data-village-id] .vr-name').allTextContents();
  expect(names.length).toBe(trangKpi);
  // In reading order a cell's wrapped lines follow each other.
  const printed = sh('pdftotext', ['-raw', '-f', String(trangPage + 1), pdfPath, '-']).replace(/\s+/g, ' ');
  for (const name of names) expect(printed).toContain(name);

  // The pages as images: none is blank, and the map page is mostly the coloured map.
  sh('pdftoppm', ['-r', '40', '-png', pdfPath, join(dir, 'page')]);
  const images = readdirSync(dir).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  expect(images.length).toBe(pages);
  const inkShare = (file: string, colourOnly: boolean): number => {
    const png = decodePng(readFileSync(join(dir, file)));
    let ink = 0;
    for (let i = 0; i < png.width * png.height; i++) {
      const [r, g, b] = [png.pixels[i * png.channels], png.pixels[i * png.channels + 1], png.pixels[i * png.channels + 2]];
      const colour = Math.max(r, g, b) - Math.min(r, g, b) > 40;
      if (colourOnly ? colour : r + g + b < 600) ink++;
    }
    return ink / (png.width * png.height);
  };
  for (const file of images) expect(inkShare(file, false), file).toBeGreaterThan(0.005);
  const mapColour = inkShare(images[map], true);
  expect(mapColour).toBeGreaterThan(0.05);
  expect(mapColour).toBeGreaterThan(5 * inkShare(images[0], true));
  // The first page and the map page, sharp enough for the README.
  sh('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(ARTIFACTS, 'report-page-1')]);
  sh('pdftoppm', ['-r', '60', '-png', '-f', String(map + 1), '-l', String(map + 1), '-singlefile', pdfPath, join(ARTIFACTS, 'report-page-map')]);

  // The plan is chosen in the report (the board follows), and back.
  const kpiTable = page.locator('[data-section="kpis"]');
  await page.locator('[data-report-plan]').selectOption('kon-tum-2030');
  await expect.poll(() => kpiTable.textContent()).toContain('Kon Tum: định hướng đến 2030');
  expect(await page.locator('select[data-plan]').inputValue()).toBe('kon-tum-2030');
  await page.locator('[data-report-plan]').selectOption('kon-tum-2025');
  await expect.poll(() => kpiTable.textContent()).toContain('Kon Tum: hạ tầng số đến 2025');
  expect(await page.locator('select[data-plan]').inputValue()).toBe('kon-tum-2025');

  // English from the report's own language choice (the app's language: the page behind follows).
  await page.locator('[data-report-lang]').selectOption('en');
  await expect.poll(() => page.locator('.vl-report h1').textContent()).toBe('Mobile broadband and fibre by village: quarterly report');
  expect(await page.locator('[data-report-plan] option:checked').textContent()).toBe('Kon Tum: digital infrastructure to 2025');
  expect(await page.locator('button[data-lang="en"]').getAttribute('aria-pressed')).toBe('true');
  await page.screenshot({ path: `${ARTIFACTS}/report-view-en.png` });
  await page.locator('[data-action="close-report"]').click();
  expect(await page.locator('[data-action="open-report"]').textContent()).toBe('Quarterly report');
  await page.locator('[data-action="open-report"]').click();
  await page.waitForFunction(() => document.documentElement.dataset.report === 'ready');
  expect(await page.locator('.vl-report h1').textContent()).toBe('Mobile broadband and fibre by village: quarterly report');
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.offHostRequests).toEqual([]);
});

/** The sections of a report document, by `data-section` (the map's aside: the CLI has no live map). */
function sections(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<section class="[^"]*" data-section="([a-z]+)">([\s\S]*?)<\/section>/g)) out.set(m[1], m[2]);
  return out;
}

test("the CLI's report of the app's export, with the same earlier files and plan, holds the same figures and lists", async () => {
  const { page } = session;
  await page.locator('[data-action="close-report"]').click();
  await page.locator('button[data-lang="vi"]').click();
  const [exported] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
  const nowPath = join(dir, exported.suggestedFilename());
  await exported.saveAs(nowPath);
  await page.locator('[data-action="open-report"]').click();
  await page.waitForFunction(() => document.documentElement.dataset.report === 'ready');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-report"]').click()]);
  expect(download.suggestedFilename()).toMatch(/^vunglom-report-kon-tum-\d{4}-q[1-4]\.html$/);
  const app = readFileSync(await download.path(), 'utf8');

  vunglom('report', '--gaps', nowPath, '--previous', earlierGeojson, '--previous', earlierCsv, '--lang', 'vi', '--plan', join(dir, 'plan.json'),
    '--out', join(dir, 'cli.html'), '--json', join(dir, 'summary.json'));
  const cli = readFileSync(join(dir, 'cli.html'), 'utf8');

  const a = sections(app);
  const c = sections(cli);
  expect([...a.keys()]).toEqual(['sources', 'kpis', 'changes', 'map', 'units', 'trang', 'lom', 'changed', 'notes']);
  expect([...c.keys()]).toEqual([...a.keys()]);
  for (const name of a.keys()) {
    if (name === 'map') continue;
    expect(c.get(name), name).toBe(a.get(name));
  }
  expect(a.get('trang')?.match(/data-village-id=/g)?.length).toBe(Number(await page.locator('[data-kpi="trang-song"]').getAttribute('data-value')));
  expect(a.get('map')).toContain('<img src="data:image/png;base64,');
  expect(c.get('map')).not.toContain('<img');

  // summary.json names the villages the report lists as changed.
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  const changed = (kind: string) => [...app.matchAll(new RegExp(`data-change="${kind}" data-village-id="([^"]+)"`, 'g'))].map((m) => m[1]);
  expect(summary.changes).toEqual({
    mobile: { gained: changed('mobile-gained'), lost: changed('mobile-lost') },
    ftth: { gained: changed('ftth-gained'), lost: changed('ftth-lost') },
  });
  expect(summary.changes.mobile.gained.length).toBeGreaterThan(0);
  expect(summary.kpis.trangSong).toBe(Number(await page.locator('[data-kpi="trang-song"]').getAttribute('data-value')));
});

test('a country-sized set (drawn lean: its export is written in the worker) gives the same report', async () => {
  // A URL case of its own: a fresh profile (nothing the earlier tests fetched or stored), Vietnamese and the default plan.
  const fresh = await launchBrowser();
  try {
    const { page, problems } = fresh;
    await page.goto(`${appUrl}?lean=1`);
    expect(await waitForAnalysis(page)).toBe('done');
    await waitForReady(page);
    await page.locator('[data-action="open-report"]').click();
    await page.waitForFunction(() => document.documentElement.dataset.report === 'ready', undefined, { timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download-report"]').click()]);
    const lean = sections(readFileSync(await download.path(), 'utf8'));
    // This page's own export (written in the worker), through the CLI's report: nothing of the other cases is used.
    await page.locator('[data-action="close-report"]').click();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-gaps-geojson"]').click()]);
    const leanGaps = join(dir, `lean-${exported.suggestedFilename()}`);
    await exported.saveAs(leanGaps);
    vunglom('report', '--gaps', leanGaps, '--lang', 'vi', '--plan', join(dir, 'plan.json'), '--out', join(dir, 'cli-now.html'));
    const cli = sections(readFileSync(join(dir, 'cli-now.html'), 'utf8'));
    for (const name of ['sources', 'kpis', 'units', 'trang', 'lom', 'notes']) expect(lean.get(name), name).toBe(cli.get(name));
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await fresh.close();
  }
});

