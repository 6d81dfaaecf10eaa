import { describe, expect, it } from 'vitest';
import { formatDate, formatDelta, formatNumber, formatPct } from '../../src/core/report/format-report.ts';
import type { ResultRow, ResultSnapshot } from '../../src/core/report/read-result.ts';
import { rowKpis } from '../../src/core/report/read-result.ts';
import { buildReportModel } from '../../src/core/report/report-model.ts';
import { renderReportHtml } from '../../src/core/report/render-report-html.ts';
import { reportSummary } from '../../src/core/report/report-summary.ts';
import { quarterOf } from '../../src/core/report/trend.ts';
import { proposedSiteCount } from '../../src/app/report/report-inputs.ts';

function row(id: string, name: string, commune: string, extra: Partial<ResultRow>): ResultRow {
  return {
    id, name, commune, district: null, province: 'Kon Tum', population: 100, households: 20, status: 'ok', gap: 'none',
    mobile_covered: true, mobile_centre_covered: true, ftth_covered: true, ftth_fraction: 1, signal_class: 'phu-song',
    route: null, route_operators: [], route_sites: [], ...extra,
  };
}

function snapshot(name: string, created: string, rows: ResultRow[]): ResultSnapshot {
  return { name, format: 'geojson', created, params: { coverageMeasure: 'population', coverageThreshold: 0.9 }, inputs: null, version: '0.1.0', gapsOnly: false, kpis: rowKpis(rows), rows };
}

const now = snapshot('q4.geojson', '2026-12-20T03:00:00Z', [
  row('v1', 'Làng Kon Rờ', 'Xã Đắk Long', {}),
  row('v2', '<img src=x onerror=alert(1)>', 'Xã Đắk Long', {
    gap: 'mobile', mobile_covered: false, mobile_centre_covered: false, signal_class: 'trang-song', route: 'share', route_operators: ['VinaPhone'], route_sites: ['S1', 'S2', 'S3', 'S4'],
  }),
  row('v3', 'Thôn 3', 'Xã Hà Mòn', { gap: 'both', mobile_covered: false, signal_class: 'lom-song', route: 'vtf', ftth_covered: null, ftth_fraction: null }),
  row('v4', 'Thôn 4', 'Xã Hà Mòn', { gap: 'mobile', mobile_covered: false, mobile_centre_covered: false, signal_class: 'trang-song', route: 'build', route_operators: ['Viettel', 'MobiFone'] }),
]);
const q3 = snapshot('q3.geojson', '2026-09-20T03:00:00Z', [
  row('v1', 'Làng Kon Rờ', 'Xã Đắk Long', { mobile_covered: false, signal_class: 'lom-song', gap: 'mobile' }),
  row('v2', '<img src=x onerror=alert(1)>', 'Xã Đắk Long', { mobile_covered: false, mobile_centre_covered: false, signal_class: 'trang-song' }),
  row('v3', 'Thôn 3', 'Xã Hà Mòn', {}),
  row('v4', 'Thôn 4', 'Xã Hà Mòn', { mobile_covered: false, mobile_centre_covered: false, signal_class: 'trang-song' }),
]);
const q2 = snapshot('q2.geojson', '2026-06-20T03:00:00Z', q3.rows);

describe('report formatting', () => {
  it('writes numbers, shares, changes and dates the same way everywhere, per language', () => {
    expect(formatNumber(12345.678, 'vi', 1)).toBe('12.345,7');
    expect(formatNumber(12345.678, 'en', 1)).toBe('12,345.7');
    expect(formatNumber(-0.04, 'en', 1)).toBe('0.0');
    expect(formatNumber(null, 'vi')).toBe('—');
    expect(formatPct(96.1165, 'vi')).toBe('96,1%');
    expect(formatDelta(-3.88, 'vi', { percent: true })).toBe('−3,9 điểm %');
    expect(formatDelta(23, 'en', { percent: false })).toBe('+23');
    expect(formatDelta(0.01, 'en', { percent: true })).toBe('0.0 pp');
    // Vietnam's time: 20:00 UTC on 31 March is 1 April there, the next quarter.
    expect(formatDate('2026-03-31T20:00:00Z', 'vi')).toBe('01/04/2026');
    expect(quarterOf('2026-03-31T20:00:00Z')).toBe('2026-Q2');
    expect(formatDate('2026-03-31T20:00:00Z', 'en')).toBe('2026-04-01');
  });
});

describe('the report HTML', () => {
  const model = buildReportModel({
    current: now,
    previous: [q3, q2],
    plan: { name: 'Kon Tum 2025', targets: { mobileVillagesPct: 100, ftthVillagesPct: 95 } },
    syntheticLayers: ['villages', 'bts'],
  });
  const vi = renderReportHtml(model, 'vi');
  const en = renderReportHtml(model, 'en');

  it('is one self-contained document: no script, no external file, an A4 print layout with repeated headers and page breaks', () => {
    for (const html of [vi, en]) {
      expect(html).not.toMatch(/<script|<link|<iframe|src="(?!data:)|url\(/i);
      expect(html).toMatch(/@page \{ size: A4;/);
      expect(html).toMatch(/thead \{ display: table-header-group; \}/);
      expect(html).toMatch(/\.vr-break \{ break-before: page; \}/);
      expect(html).toContain('counter(pages)');
    }
    expect(vi).toContain('<html lang="vi">');
    expect(en).toContain('<html lang="en">');
  });

  it('escapes user data: a village name is text, never markup', () => {
    expect(vi).not.toContain('<img src=x');
    expect(vi).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('names every trắng sóng and lõm sóng village with its route and operators', () => {
    expect(model.trangSong.map((r) => r.id)).toEqual(['v2', 'v4']);
    expect(model.lomSong.map((r) => r.id)).toEqual(['v3']);
    const trang = vi.slice(vi.indexOf('data-section="trang"'), vi.indexOf('data-section="lom"'));
    expect(trang).toContain('data-village-id="v2" data-route="share"');
    expect(trang).toContain('Dùng chung trạm');
    expect(trang).toContain('S1, S2, S3 +1');
    expect(trang).toContain('Viettel, MobiFone');
    expect(trang).toContain('Xây trạm mới');
    const lom = en.slice(en.indexOf('data-section="lom"'), en.indexOf('data-section="changed"'));
    expect(lom).toContain('data-village-id="v3" data-route="vtf"');
    expect(lom).toContain('VTF fund');
  });

  it('shows the KPIs against the plan, the change since the latest earlier result and unknown as "—"', () => {
    const line = (key: string) => vi.slice(vi.indexOf(`data-kpi="${key}"`), vi.indexOf('</tr>', vi.indexOf(`data-kpi="${key}"`)));
    // 1 of 4 villages has mobile broadband now, 1 had it in Q3 (v3, lost) while v1 gained.
    expect(line('mobileVillagesPct')).toContain('25,0%');
    expect(line('mobileVillagesPct')).toContain('100,0%');
    expect(line('mobileVillagesPct')).toContain('Chưa đạt');
    expect(line('trangSong')).toMatch(/>2<.*>2<.*>0</);
    expect(line('sharedSitesPct')).toContain('—');
    expect(model.comparison?.previous.name).toBe('q3.geojson');
    expect(model.comparison?.mobile.gained.map((v) => v.id)).toEqual(['v1']);
    expect(model.comparison?.mobile.lost.map((v) => v.id)).toEqual(['v3']);
    // v3's FTTH is unknown now: not counted as lost.
    expect(model.comparison?.ftth.lost).toEqual([]);
    expect(vi).toContain('data-change="mobile-gained" data-village-id="v1"');
  });

  it('draws the trend over three quarters, and says the data is synthetic', () => {
    expect(model.trend.map((p) => p.quarter)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(vi).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="vr-trend-chart"');
    expect(vi).toContain('Quý 4/2026');
    expect(en).toContain('Q4 2026');
    expect(vi).toContain('TỔNG HỢP');
    expect(en).toContain('SYNTHETIC');
  });

  it('summary.json holds the same KPIs, the per-unit table and the changes as id lists', () => {
    const s = reportSummary(model);
    expect(s.kpis.mobileVillagesPct).toBe(25);
    expect(s.kpis.trangSong).toBe(2);
    expect(s.changes).toEqual({ mobile: { gained: ['v1'], lost: ['v3'] }, ftth: { gained: [], lost: [] } });
    expect(s.units[0].level).toBe('commune');
    expect(s.units[0].rows.map((u) => [u.name, u.villages, u.trangSong, u.lomSong, u.routes])).toEqual([
      ['Xã Đắk Long', 2, 1, 0, { share: 1, build: 0, vtf: 0 }],
      ['Xã Hà Mòn', 2, 1, 1, { share: 0, build: 1, vtf: 1 }],
    ]);
    expect(s.units[0].rows[1].ftthPct).toBe(50);
    expect(s.trend.map((p) => p.file)).toEqual(['q2.geojson', 'q3.geojson', 'q4.geojson']);
    expect(reportSummary(buildReportModel({ current: now })).changes).toBeNull();
  });
});

describe('the report with proposals', () => {
  it('shows before → after for every KPI, with the number of proposed sites', () => {
    const after = snapshot('after.geojson', now.created ?? '', now.rows.map((r) => ({ ...r, mobile_covered: true, signal_class: 'phu-song' as const, route: null })));
    const model = buildReportModel({ current: now, proposals: { sites: 3, after } });
    const line = model.kpis.find((k) => k.key === 'mobileVillagesPct');
    expect([line?.now, line?.after]).toEqual([25, 100]);
    expect(model.kpis.find((k) => k.key === 'trangSong')?.after).toBe(0);
    const html = renderReportHtml(model, 'vi');
    expect(html).toContain('<th class="vr-num">Trước đề xuất</th><th class="vr-num">Sau 3 trạm đề xuất</th>');
    expect(renderReportHtml(model, 'en')).toContain('After 3 proposed sites');
  });

  it('counts the proposed sites by physical site in the proposals file', () => {
    const features = [{ properties: { site_id: 'S1' } }, { properties: { site_id: 'S1' } }, { properties: { site_id: 'new-1' } }];
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
    expect(proposedSiteCount([{ role: 'villages', url: 'http://x/v.fgb' }, { role: 'bts', name: 'proposals.geojson', bytes }])).toBe(2);
    expect(proposedSiteCount([{ role: 'villages', url: 'http://x/v.fgb' }])).toBe(0);
  });
});

