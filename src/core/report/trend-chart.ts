import { formatNumber } from './format-report.ts';
import { reportText, type ReportLang } from './i18n-report.ts';
import type { ReportKpiKey } from './report-kpis.ts';
import type { TrendPoint } from './trend.ts';

/** The shares the trend chart draws, with their colours and dash (told apart in black and white too). */
export const TREND_SERIES: readonly { key: ReportKpiKey; colour: string; dash: string }[] = [
  { key: 'mobileVillagesPct', colour: '#1f5fa8', dash: '' },
  { key: 'ftthVillagesPct', colour: '#c0392b', dash: '6 3' },
  { key: 'householdsFibrePct', colour: '#27864a', dash: '2 3' },
  { key: 'sharedSitesPct', colour: '#7d3c98', dash: '10 3 2 3' },
];

const W = 640;
const H = 250;
const LEFT = 84;
const RIGHT = 48;
const TOP = 12;
const BOTTOM = 40;

/** The x-axis label of a point: its quarter ("Q3/2026"), else "date unknown". */
export function pointLabel(p: TrendPoint, lang: ReportLang): string {
  if (!p.quarter) return reportText(lang, 'trend.undated');
  const [year, q] = p.quarter.split('-Q');
  return reportText(lang, 'doc.quarter', { q, year });
}

/**
 * An SVG line chart of the shares per result (0–100 %), one line per KPI, a gap where a value is
 * unknown. Plain SVG with no script or external reference, so it prints and travels in the HTML.
 */
export function trendChartSvg(points: readonly TrendPoint[], lang: ReportLang): string {
  const n = points.length;
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const x = (i: number): number => LEFT + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number): number => TOP + plotH * (1 - Math.max(0, Math.min(100, v)) / 100);
  const parts: string[] = [];
  for (const tick of [0, 25, 50, 75, 100]) {
    parts.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#ccc" stroke-width="1"/>`);
    parts.push(`<text x="${LEFT - 8}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11">${formatNumber(tick, lang)}%</text>`);
  }
  points.forEach((p, i) => {
    parts.push(`<text x="${x(i).toFixed(1)}" y="${H - BOTTOM + 16}" text-anchor="middle" font-size="11"${p.current ? ' font-weight="bold"' : ''}>${pointLabel(p, lang)}</text>`);
  });
  for (const s of TREND_SERIES) {
    let path = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = p.kpis[s.key];
      if (v === null) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      pen = true;
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.colour}"/>`);
    });
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="vr-trend-chart" viewBox="0 0 ${W} ${H}" role="img">${parts.join('')}</svg>`;
}
