import type { Gap } from '../classify.ts';
import type { ChangedVillage, CompareWarning, UnitChange } from './compare-results.ts';
import { UNKNOWN, escapeHtml, formatBytes, formatDate, formatDelta, formatNumber, formatPct } from './format-report.ts';
import { reportText, type ReportKey, type ReportLang } from './i18n-report.ts';
import type { ListRow, ReportModel } from './report-model.ts';
import { ROUTES } from './route.ts';
import { TREND_SERIES, pointLabel, trendChartSvg } from './trend-chart.ts';
import type { UnitRow } from './unit-table.ts';

/**
 * The quarterly report as HTML: one self-contained document (no script, no external file: the map
 * is a data URL, the chart inline SVG) with a print stylesheet for A4 (page breaks between
 * sections, table headers repeated on every page, page numbers in the margin). The app shows the
 * same parts in its report view and downloads the same document; the CLI writes it.
 */

/** The report's stylesheet and body, for a page that shows it among other things (the app). */
export interface ReportHtmlParts {
  title: string;
  css: string;
  body: string;
}

type T = (key: ReportKey, params?: Record<string, string | number>) => string;

const h = escapeHtml;

/** A CSS string literal of `text` (for `content:` in the page margins). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;
}

function table(head: string[], rows: string[][], options: { numeric?: ReadonlySet<number>; className?: string; rowAttrs?: string[] } = {}): string {
  const cls = (i: number): string => (options.numeric?.has(i) ? ' class="vr-num"' : '');
  const thead = `<thead><tr>${head.map((c, i) => `<th${cls(i)}>${c}</th>`).join('')}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r, k) => `<tr${options.rowAttrs?.[k] ?? ''}>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('')}</tbody>`;
  return `<table${options.className ? ` class="${options.className}"` : ''}>${thead}${tbody}</table>`;
}

const text = (v: string | null): string => (v === null || v === '' ? UNKNOWN : h(v));

function quarterText(model: ReportModel, t: T): string {
  if (!model.quarter) return '';
  const [year, q] = model.quarter.split('-Q');
  return t('doc.quarter', { q, year });
}

function header(model: ReportModel, t: T, lang: ReportLang): string {
  const region = model.region ? h(model.region) : t('doc.province-unknown');
  const quarter = quarterText(model, t);
  return `<header class="vr-report-head">
<h1>${t('doc.title')}</h1>
<p class="vr-report-sub">${quarter ? `<strong>${quarter}</strong> · ` : ''}${t('doc.province')}: <strong data-report="region">${region}</strong></p>
<p class="vr-report-sub">${t('doc.date')}: <span data-report="date">${formatDate(model.created, lang)}</span> · ${t('doc.made-by', { version: h(model.version ?? '') })}</p>
</header>`;
}

function assumptionRows(model: ReportModel, t: T, lang: ReportLang): string[][] {
  const p = model.params;
  const rows: string[][] = [];
  if (p) {
    const radius = typeof p.radiusM === 'object' && p.radiusM !== null ? (p.radiusM as Record<string, unknown>) : {};
    const radiusText = Object.entries(radius)
      .map(([tech, m]) => `${h(tech)} ${typeof m === 'number' ? formatNumber(m / 1000, lang, 1) : UNKNOWN} km`)
      .join(', ');
    rows.push([t('assume.radius'), radiusText || UNKNOWN]);
    rows.push([t('assume.broadband'), Array.isArray(p.broadbandTechs) ? h(p.broadbandTechs.join(', ')) : UNKNOWN]);
    rows.push([t('assume.sectors'), p.sectors === true ? t('yes') : p.sectors === false ? t('no') : UNKNOWN]);
    const measure = p.coverageMeasure;
    const rule =
      measure === 'centre'
        ? t('assume.rule-centre')
        : measure === 'area' || measure === 'population'
          ? t('assume.rule-value', { measure: t(`assume.measure.${measure}`), threshold: formatPct(typeof p.coverageThreshold === 'number' ? p.coverageThreshold * 100 : null, lang) })
          : UNKNOWN;
    rows.push([t('assume.rule'), rule]);
    rows.push([t('assume.ftth-reach'), typeof p.ftthReachM === 'number' ? `${formatNumber(p.ftthReachM, lang)} m` : UNKNOWN]);
    rows.push([t('assume.ftth-threshold'), formatPct(typeof p.ftthThreshold === 'number' ? p.ftthThreshold * 100 : null, lang)]);
    rows.push([t('assume.site-merge'), typeof p.siteMergeM === 'number' ? `${formatNumber(p.siteMergeM, lang)} m` : UNKNOWN]);
  }
  rows.push([t('assume.route-presence'), `${formatNumber(model.routeRules.presenceM / 1000, lang, 1)} km`]);
  return rows;
}

function sources(model: ReportModel, t: T, lang: ReportLang): string {
  const inputs = model.inputs;
  const inputTable =
    inputs && inputs.length > 0
      ? table(
          [t('col.role'), t('col.file'), t('col.size'), t('col.sha')],
          inputs.map((f) => [
            isRole(f.role) ? t(`role.${f.role}`) : h(f.role),
            h(f.name),
            formatBytes(f.bytes, lang),
            `<code>${h(f.sha256.slice(0, 12))}</code>`,
          ]),
          { numeric: new Set([2]) },
        )
      : `<p>${t('sources.none')}</p>`;
  const compared =
    model.previousFiles.length > 0
      ? `<p>${t('sources.compared', { files: model.previousFiles.map((f) => `${h(f.name)} (${formatDate(f.created, lang)})`).join('; ') })}</p>`
      : '';
  const assumptions = model.params ? '' : `<p>${t('assume.none')}</p>`;
  return `<section class="vr-report-section" data-section="sources">
<h2>${t('s.sources')}</h2>
${inputTable}${compared}${assumptions}
${table([t('col.assumption'), t('col.value')], assumptionRows(model, t, lang), { className: 'vr-assumptions' })}
</section>`;
}

function isRole(role: string): role is 'villages' | 'bts' | 'fibre' | 'settlements' | 'config' {
  return role === 'villages' || role === 'bts' || role === 'fibre' || role === 'settlements' || role === 'config';
}

function kpiSection(model: ReportModel, t: T, lang: ReportLang): string {
  const value = (v: number | null, percent: boolean): string => (percent ? formatPct(v, lang) : formatNumber(v, lang));
  const withBefore = model.comparison !== null;
  const withProposals = model.proposals !== null;
  const head = [t('col.kpi'), t('col.now'), t('col.target'), t('col.status')];
  if (withProposals) head.splice(1, 1, t('col.before-proposals'), t('col.after-proposals', { count: formatNumber(model.proposals?.sites ?? 0, lang) }));
  if (withBefore) head.push(t('col.before'), t('col.change'));
  const numeric = new Set(head.map((_, i) => i).filter((i) => i > 0 && head[i] !== t('col.status')));
  const rows = model.kpis.map((k) => {
    const status = k.met === null ? UNKNOWN : k.met ? `<span class="vr-met">${t('status.met')}</span>` : `<span class="vr-not-met">${t('status.not-met')}</span>`;
    const cells = [t(`kpi.${k.key}`), `<span data-value="${k.now ?? ''}">${value(k.now, k.percent)}</span>`];
    if (withProposals) cells.push(value(k.after, k.percent));
    cells.push(k.target === null ? UNKNOWN : value(k.target, true), status);
    if (withBefore) cells.push(value(k.before, k.percent), formatDelta(k.delta, lang, { percent: k.percent }));
    return cells;
  });
  const plan = model.plan ? t('plan.name', { name: h(model.plan.name) }) : t('plan.none');
  return `<section class="vr-report-section" data-section="kpis">
<h2>${t('s.kpis')}</h2>
<p>${plan}</p>
${table(head, rows, { numeric, className: 'vr-kpi-table', rowAttrs: model.kpis.map((k) => ` data-kpi="${k.key}"`) })}
</section>`;
}

function classCounts(counts: Record<string, number>, lang: ReportLang): Record<string, string> {
  return { trang: formatNumber(counts['trang-song'] ?? 0, lang), lom: formatNumber(counts['lom-song'] ?? 0, lang), unknown: formatNumber(counts.unknown ?? 0, lang) };
}

function warningText(w: CompareWarning, t: T, lang: ReportLang): string {
  const villages = (list: readonly { name: string; commune: string | null }[]): string =>
    list.map((v) => `${h(v.name)}${v.commune ? ` (${h(v.commune)})` : ''}`).join(', ');
  switch (w.code) {
    case 'params-differ':
      return t('warn.params-differ', { keys: w.keys.map((k) => `${h(k.key)}: ${h(k.before)} → ${h(k.now)}`).join('; ') });
    case 'no-metadata':
      return t('warn.no-metadata', { file: h(w.file) });
    case 'version-differs':
      return t('warn.version-differs', { before: h(w.before), now: h(w.now) });
    case 'villages-added':
      return t('warn.villages-added', { count: formatNumber(w.count, lang), examples: villages(w.examples) });
    case 'villages-removed':
      return t('warn.villages-removed', { count: formatNumber(w.count, lang), examples: villages(w.examples) });
    case 'matched-by-name':
      return t('warn.matched-by-name', {
        count: formatNumber(w.count, lang),
        examples: w.examples.map((e) => `${h(e.name)} (${h(e.previousId)} → ${h(e.id)})`).join(', '),
      });
    case 'renamed':
      return t('warn.renamed', { count: formatNumber(w.count, lang), examples: w.examples.map((e) => `${h(e.before)} → ${h(e.now)}`).join(', ') });
    case 'gaps-only':
      return t('warn.gaps-only', { count: formatNumber(w.count, lang) });
    case 'previous-is-newer':
      return t('warn.previous-is-newer', { previous: formatDate(w.previous, lang), current: formatDate(w.current, lang) });
  }
}

function unitChangeTable(list: readonly UnitChange[], t: T, lang: ReportLang, options: { district: boolean; unitKey: ReportKey }): string {
  const head = [t(options.unitKey), t('changes.mobile-gained'), t('changes.mobile-lost'), t('changes.ftth-gained'), t('changes.ftth-lost')];
  if (options.district) head.splice(1, 0, t('col.district'));
  const rows = list.map((u) => {
    const cells = [text(u.unit), formatNumber(u.mobileGained, lang), formatNumber(u.mobileLost, lang), formatNumber(u.ftthGained, lang), formatNumber(u.ftthLost, lang)];
    if (options.district) cells.splice(1, 0, text(u.district));
    return cells;
  });
  const first = options.district ? 2 : 1;
  return table(head, rows, { numeric: new Set([first, first + 1, first + 2, first + 3]) });
}

function changesSection(model: ReportModel, t: T, lang: ReportLang): string {
  const c = model.comparison;
  if (!c) {
    return `<section class="vr-report-section" data-section="changes"><h2>${t('s.changes')}</h2><p>${t('changes.none')}</p></section>`;
  }
  const count = (n: number): string => t('changes.villages', { count: formatNumber(n, lang) });
  const summary = table(
    [t('col.change-kind'), t('col.villages'), ''],
    [
      [t('changes.mobile-gained'), count(c.mobile.gained.length), t('changes.from-classes', classCounts(c.mobileByClass.gained, lang))],
      [t('changes.mobile-lost'), count(c.mobile.lost.length), t('changes.to-classes', classCounts(c.mobileByClass.lost, lang))],
      [t('changes.ftth-gained'), count(c.ftth.gained.length), ''],
      [t('changes.ftth-lost'), count(c.ftth.lost.length), ''],
    ],
    { className: 'vr-change-summary', rowAttrs: [' data-change="mobile-gained"', ' data-change="mobile-lost"', ' data-change="ftth-gained"', ' data-change="ftth-lost"'] },
  );
  const warnings =
    c.warnings.length > 0
      ? `<div class="vr-warnings" data-section="warnings"><h3>${t('warn.heading')}</h3><ul>${c.warnings.map((w) => `<li data-warning="${w.code}">${warningText(w, t, lang)}</li>`).join('')}</ul></div>`
      : '';
  const byCommune =
    c.byCommune.length > 0
      ? `<h3>${t('changes.by-commune')}</h3>${unitChangeTable(c.byCommune, t, lang, { district: model.districtsKnown, unitKey: 'col.commune' })}`
      : '';
  const byDistrict =
    c.byDistrict.length > 0 ? `<h3>${t('changes.by-district')}</h3>${unitChangeTable(c.byDistrict, t, lang, { district: false, unitKey: 'col.district' })}` : '';
  return `<section class="vr-report-section" data-section="changes">
<h2>${t('s.changes')}</h2>
<p>${t('changes.against', { file: h(c.previous.name), date: formatDate(c.previous.created, lang), matched: formatNumber(c.matched, lang) })}</p>
${warnings}${summary}${trendBlock(model, t, lang)}${byDistrict}${byCommune}
</section>`;
}

function trendBlock(model: ReportModel, t: T, lang: ReportLang): string {
  if (model.trend.length < 2) return `<h3>${t('s.trend')}</h3><p>${t('trend.one')}</p>`;
  const legend = TREND_SERIES.map(
    (s) =>
      `<li><svg width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" stroke="${s.colour}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/></svg> ${t(`kpi.${s.key}`)}</li>`,
  ).join('');
  const head = [t('col.date'), ...TREND_SERIES.map((s) => t(`kpi.${s.key}`)), t('kpi.trangSong'), t('kpi.lomSong')];
  const rows = model.trend.map((p) => [
    `${pointLabel(p, lang)}<br><small>${formatDate(p.created, lang)} · ${h(p.name)}</small>`,
    ...TREND_SERIES.map((s) => formatPct(p.kpis[s.key], lang)),
    formatNumber(p.kpis.trangSong, lang),
    formatNumber(p.kpis.lomSong, lang),
  ]);
  return `<div class="vr-trend" data-section="trend">
<h3>${t('s.trend')}</h3>
<figure>${trendChartSvg(model.trend, lang)}<figcaption><ul class="vr-trend-legend">${legend}</ul>${t('trend.caption')}</figcaption></figure>
${table(head, rows, { numeric: new Set([1, 2, 3, 4, 5, 6]) })}
</div>`;
}

const GAP_ORDER: readonly Gap[] = ['none', 'mobile', 'ftth', 'both'];

function mapSection(model: ReportModel, t: T, lang: ReportLang): string {
  const m = model.map;
  if (!m) return `<section class="vr-report-section vr-break" data-section="map"><h2>${t('s.map')}</h2><p>${t('map.none')}</p></section>`;
  const legend = [...m.legend]
    .sort((a, b) => GAP_ORDER.indexOf(a.gap) - GAP_ORDER.indexOf(b.gap))
    .map((l) => `<li><span class="vr-swatch" style="background:${h(l.colour)}"></span>${t(`gap.${l.gap}`)}</li>`)
    .join('');
  const scale = scaleBar(m.scale, m.width, lang);
  return `<section class="vr-report-section vr-break" data-section="map">
<h2>${t('s.map')}</h2>
<figure class="vr-map-figure">
<img src="${h(m.image)}" width="${m.width}" height="${m.height}" alt="${t('s.map')}">
<figcaption>
<ul class="vr-map-legend">${legend}</ul>
${scale}
<p>${t('map.caption', { date: formatDate(model.created, lang) })} ${t('map.attribution', { text: h(m.attribution) })}</p>
</figcaption>
</figure>
</section>`;
}

/** A scale bar of a round length, drawn as a share of the figure's width (the image scales to the page). */
function scaleBar(scale: { metres: number; px: number }, imageWidth: number, lang: ReportLang): string {
  if (!(scale.metres > 0 && scale.px > 0 && imageWidth > 0)) return '';
  const metresPerPx = scale.metres / scale.px;
  // The longest 1-2-5 length that fits in a quarter of the image.
  const max = (imageWidth / 4) * metresPerPx;
  let nice = 1;
  for (const step of [1, 2, 5]) for (let e = 0; e < 8; e++) if (step * 10 ** e <= max) nice = Math.max(nice, step * 10 ** e);
  const share = (100 * nice) / metresPerPx / imageWidth;
  const label = nice >= 1000 ? `${formatNumber(nice / 1000, lang)} km` : `${formatNumber(nice, lang)} m`;
  return `<div class="vr-scale-bar" data-metres="${nice}"><span class="vr-scale-line" style="width:${share.toFixed(2)}%"></span><span class="vr-scale-label">${label}</span></div>`;
}

function unitTableHtml(rows: readonly UnitRow[], t: T, lang: ReportLang, options: { unitKey: ReportKey; district: boolean }): string {
  const head = [t(options.unitKey), t('col.villages'), t('col.mobile'), t('col.ftth'), t('col.trang'), t('col.lom'), t('col.share'), t('col.build'), t('col.vtf')];
  if (options.district) head.splice(1, 0, t('col.district'));
  const body = rows.map((u) => {
    const cells = [
      text(u.unit),
      formatNumber(u.villages, lang),
      `${formatNumber(u.mobile, lang)} (${formatPct(u.mobilePct, lang)})`,
      `${formatNumber(u.ftth, lang)} (${formatPct(u.ftthPct, lang)})`,
      formatNumber(u.trangSong, lang),
      formatNumber(u.lomSong, lang),
      ...ROUTES.map((r) => formatNumber(u.routes[r], lang)),
    ];
    if (options.district) cells.splice(1, 0, text(u.district));
    return cells;
  });
  const first = options.district ? 2 : 1;
  return table(head, body, { numeric: new Set(Array.from({ length: 8 }, (_, i) => first + i)), className: 'vr-unit-table' });
}

function unitsSection(model: ReportModel, t: T, lang: ReportLang): string {
  const districts = model.districts.length > 0 ? `<h2>${t('s.districts')}</h2>${unitTableHtml(model.districts, t, lang, { unitKey: 'col.district', district: false })}` : '';
  return `<section class="vr-report-section vr-break" data-section="units">
${districts}
<h2>${t('s.communes')}</h2>
${unitTableHtml(model.communes, t, lang, { unitKey: 'col.commune', district: model.districtsKnown })}
</section>`;
}

/** A village's name with its id below it, small (ids are long and only for looking up). */
function villageCell(v: { name: string; id: string }): string {
  return `<span class="vr-name">${h(v.name)}</span><br><small>${h(v.id)}</small>`;
}

/** Site ids, at most three (the rest counted). */
function siteList(sites: readonly string[], lang: ReportLang): string {
  if (sites.length === 0) return '';
  const shown = sites.slice(0, 3).map(h).join(', ');
  return sites.length > 3 ? `${shown} +${formatNumber(sites.length - 3, lang)}` : shown;
}

function villageList(section: 'trang' | 'lom', rows: readonly ListRow[], model: ReportModel, t: T, lang: ReportLang): string {
  const head = [t('col.no'), t('col.village'), t('col.commune'), t('col.route'), t('col.operators'), t('col.sites')];
  if (model.districtsKnown) head.splice(3, 0, t('col.district'));
  const body = rows.map((r, i) => {
    const cells = [
      formatNumber(i + 1, lang),
      villageCell(r),
      text(r.commune),
      r.route ? t(`route.${r.route}`) : UNKNOWN,
      r.operators.length > 0 ? h(r.operators.join(', ')) : r.route === 'vtf' ? 'VTF' : UNKNOWN,
      siteList(r.sites, lang),
    ];
    if (model.districtsKnown) cells.splice(3, 0, text(r.district));
    return cells;
  });
  const content =
    rows.length > 0
      ? `<p>${t('list.count', { count: formatNumber(rows.length, lang) })}</p>${table(head, body, {
          numeric: new Set([0]),
          className: 'vr-village-list',
          rowAttrs: rows.map((r) => ` data-village-id="${h(r.id)}" data-route="${r.route ?? ''}"`),
        })}`
      : `<p>${t('list.none')}</p>`;
  return `<section class="vr-report-section${section === 'trang' ? ' vr-break' : ''}" data-section="${section}">
<h2>${t(section === 'trang' ? 's.trang' : 's.lom')}</h2>
${content}
</section>`;
}

function changedVillages(model: ReportModel, t: T): string {
  const c = model.comparison;
  if (!c) return '';
  const lines: { kind: ReportKey; v: ChangedVillage }[] = [
    ...c.mobile.gained.map((v) => ({ kind: 'changes.mobile-gained' as const, v })),
    ...c.mobile.lost.map((v) => ({ kind: 'changes.mobile-lost' as const, v })),
    ...c.ftth.gained.map((v) => ({ kind: 'changes.ftth-gained' as const, v })),
    ...c.ftth.lost.map((v) => ({ kind: 'changes.ftth-lost' as const, v })),
  ];
  const cls = (k: string | null): string => t(k ? (`class.${k}` as ReportKey) : 'class.unknown');
  const head = [t('col.change-kind'), t('col.village'), t('col.commune'), t('col.class-before'), t('col.class-now')];
  if (model.districtsKnown) head.splice(3, 0, t('col.district'));
  const body = lines.map(({ kind, v }) => {
    const cells = [t(kind), villageCell(v), text(v.commune), cls(v.classBefore), cls(v.classNow)];
    if (model.districtsKnown) cells.splice(3, 0, text(v.district));
    return cells;
  });
  const content =
    lines.length > 0
      ? table(head, body, { className: 'vr-village-list', rowAttrs: lines.map(({ kind, v }) => ` data-change="${kind.slice('changes.'.length)}" data-village-id="${h(v.id)}"`) })
      : `<p>${t('changes.list-none')}</p>`;
  return `<section class="vr-report-section" data-section="changed">
<h2>${t('s.changed')}</h2>
${content}
</section>`;
}

function notes(model: ReportModel, t: T, lang: ReportLang): string {
  const items = [t('note.predicted'), t('note.classes'), t('note.routes', { km: formatNumber(model.routeRules.presenceM / 1000, lang) }), t('note.unknown')];
  if (model.coveredTrangSong > 0) items.push(t('note.covered-trang', { count: formatNumber(model.coveredTrangSong, lang) }));
  if (model.syntheticLayers.length > 0) {
    items.unshift(
      `<strong>${t('note.synthetic')}</strong> ${t('note.synthetic-layers', { layers: model.syntheticLayers.map((r) => (isRole(r) ? t(`role.${r}`) : h(r))).join(', ') })}`,
    );
  }
  return `<section class="vr-report-section" data-section="notes">
<h2>${t('s.notes')}</h2>
<ol class="vr-notes">${items.map((i) => `<li>${i}</li>`).join('')}</ol>
</section>`;
}

function stylesheet(model: ReportModel, t: T): string {
  const region = model.region ?? t('doc.province-unknown');
  const quarter = quarterText(model, t);
  const footer = cssString(`Vùng Lõm · ${region}${quarter ? ` · ${quarter}` : ''}`);
  return `@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-left { content: ${footer}; font: 8pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #555; }
  @bottom-right { content: ${cssString(`${t('doc.page')} `)} counter(page) " / " counter(pages); font: 8pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #555; } }
.vl-report { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.35; color: #111; background: #fff; }
.vl-report h1 { font-size: 17pt; margin: 0 0 4pt; color: #123f73; }
.vl-report h2 { font-size: 13pt; margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid #1f5fa8; color: #123f73; break-after: avoid; }
.vl-report h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
.vl-report p { margin: 3pt 0; }
.vl-report .vr-report-head { border-bottom: 2pt solid #123f73; padding-bottom: 6pt; margin-bottom: 8pt; }
.vl-report .vr-report-sub { margin: 2pt 0; }
/* A collapsed table's outer border lies half outside its box, and Chromium's print clips at the page's content edge: 1pt narrower keeps the right border. */
.vl-report table { width: calc(100% - 1pt); border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9pt; }
.vl-report thead { display: table-header-group; }
.vl-report tr { break-inside: avoid; }
.vl-report th, .vl-report td { border: 0.5pt solid #9aa5b1; padding: 2pt 4pt; text-align: left; vertical-align: top; }
.vl-report th { background: #e6edf5; font-weight: 600; }
.vl-report .vr-num { text-align: right; font-variant-numeric: tabular-nums; }
.vl-report td.vr-num { white-space: nowrap; }
.vl-report .vr-assumptions th:first-child { width: 55%; }
.vl-report .vr-met { color: #1e7b34; font-weight: 600; }
.vl-report .vr-not-met { color: #b03a2e; font-weight: 600; }
.vl-report .vr-warnings { border: 1pt solid #c0392b; background: #fdf0ee; padding: 2pt 8pt; margin: 6pt 0; break-inside: avoid; }
.vl-report .vr-warnings ul { margin: 2pt 0; padding-left: 14pt; }
.vl-report figure { margin: 4pt 0; break-inside: avoid; }
.vl-report .vr-map-figure img { display: block; width: 100%; height: auto; border: 0.5pt solid #9aa5b1; }
.vl-report .vr-map-legend, .vl-report .vr-trend-legend { list-style: none; padding: 0; margin: 4pt 0; display: flex; flex-wrap: wrap; gap: 4pt 14pt; }
.vl-report .vr-swatch { display: inline-block; width: 10pt; height: 10pt; margin-right: 4pt; vertical-align: -1pt; border: 0.5pt solid #555; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.vl-report .vr-scale-bar { display: flex; align-items: center; gap: 6pt; margin: 4pt 0; }
.vl-report .vr-scale-line { display: inline-block; height: 4pt; border: 1pt solid #111; border-top: none; }
.vl-report .vr-trend-chart { width: 100%; height: auto; font-family: inherit; }
.vl-report .vr-notes li { margin: 2pt 0; }
.vl-report .vr-break { break-before: page; }
.vl-report small { color: #555; }
.vl-report th, .vl-report .vr-warnings { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
@media screen { .vl-report { max-width: 186mm; margin: 0 auto; padding: 12mm; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.2); }
  .vl-report .vr-break { margin-top: 24pt; } }`;
}

/** The report's parts (title, stylesheet, body) in `lang`. */
export function renderReportParts(model: ReportModel, lang: ReportLang): ReportHtmlParts {
  const t: T = (key, params) => reportText(lang, key, params);
  const region = model.region ?? t('doc.province-unknown');
  const quarter = quarterText(model, t);
  const body = `<article class="vl-report" lang="${lang}">
${header(model, t, lang)}
${sources(model, t, lang)}
${kpiSection(model, t, lang)}
${changesSection(model, t, lang)}
${mapSection(model, t, lang)}
${unitsSection(model, t, lang)}
${villageList('trang', model.trangSong, model, t, lang)}
${villageList('lom', model.lomSong, model, t, lang)}
${changedVillages(model, t)}
${notes(model, t, lang)}
</article>`;
  return { title: `${t('doc.title')} — ${region}${quarter ? ` — ${quarter}` : ''}`, css: stylesheet(model, t), body };
}

/** The whole report as one self-contained HTML document in `lang`. */
export function renderReportHtml(model: ReportModel, lang: ReportLang): string {
  const parts = renderReportParts(model, lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Vùng Lõm ${h(model.version ?? '')}">
<title>${h(parts.title)}</title>
<style>
${parts.css}
body { margin: 0; background: #f2f4f7; }
@media print { body { background: #fff; } }
</style>
</head>
<body>
${parts.body}
</body>
</html>
`;
}
