import type { ReasonCode } from '../../core/classify.ts';
import type { BtsRecord } from '../../core/model.ts';
import { villageHouseholds } from '../../core/households.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import type { AnalysisParams } from '../../core/params.ts';
import { DEFAULT_ROUTE_RULES } from '../../core/report/route.ts';
import { GAP_COLOURS, OPERATOR_COLOURS, OTHER_OPERATOR } from '../../map/palette.ts';
import { formatDistance, formatFraction } from './gap-list.ts';
import { formatNumber, t, type MessageKey } from '../shell/i18n.ts';
import type { UncoveredArea } from '../../core/coverage/uncovered-area.ts';
import { terrainFacts, type Provenance } from './village-details-facts.ts';
import { el } from '../ui/dom.ts';

/**
 * The village details panel: area, population and centre measures side by side, coverage by
 * operator, nearest site and fibre, the reasons in plain words, population, and where the result
 * came from. Built with DOM nodes and `textContent` only: names are user data.
 */

/** For an operator's gap: the existing sites of other operators that would close it if shared. */
export interface VillageClosing {
  operator: string;
  /** Site ids for village `index` (best first). */
  sitesOf(index: number): readonly string[];
  hostsOf(siteId: string): readonly string[];
  /** Whether the proposal already shares this site for the operator. */
  added(siteId: string): boolean;
  /** Adds the share of this site to the proposal. */
  share(siteId: string): void;
}

export interface VillageDetailsInput {
  row: GapRow;
  params: AnalysisParams;
  synthetic: boolean;
  uncovered: UncoveredArea | null;
  nearestSite: BtsRecord | null;
  provenance: Provenance | null;
  /** "What would close it" for the operator in view (absent: no operator view, or not its gap). */
  closing?: (VillageClosing & { index: number }) | null;
}

export interface VillageDetailsView {
  show(input: VillageDetailsInput): void;
  hide(): void;
  /** Re-renders in the current language. */
  refresh(): void;
}

function section(title: string, ...children: HTMLElement[]): HTMLElement {
  const s = el('section', 'details-section');
  s.append(el('h4', undefined, title), ...children);
  return s;
}

function area(m2: number): string {
  return m2 >= 1e6 ? `${formatNumber(m2 / 1e6, { maximumFractionDigits: 2 })} km²` : `${formatNumber(Math.round(m2 / 100) * 100)} m²`;
}

/** Declared households, "about N (estimated …)" from the population, or "—". */
function householdsText(row: GapRow, personsPerHousehold: number): string {
  const h = villageHouseholds(row, personsPerHousehold);
  if (h === null) return '—';
  if (!h.estimated) return formatNumber(h.value);
  return t('details.households-estimated', { count: formatNumber(h.value, { maximumFractionDigits: 0 }), pph: formatNumber(personsPerHousehold) });
}

function measureCell(label: string, value: string, ok: boolean | null, decides: boolean): HTMLElement {
  const cell = el('div', `measure${decides ? ' decides' : ''}`);
  if (ok !== null) cell.classList.add(ok ? 'ok' : 'bad');
  cell.append(el('span', 'measure-value', value), el('span', 'measure-label', label));
  return cell;
}

/** Builds the panel in `container` (hidden until `show`); `onClose` runs when the user closes it. */
export function renderVillageDetails(container: HTMLElement, onClose: () => void): VillageDetailsView {
  let current: VillageDetailsInput | null = null;
  container.hidden = true;

  function draw(input: VillageDetailsInput): void {
    const { row, params } = input;
    const header = el('header', 'details-header');
    const kind = el('div', 'details-kind', t('details.heading'));
    if (input.synthetic) {
      const badge = el('span', 'badge-synthetic', t('popup.synthetic'));
      badge.title = t('details.synthetic');
      kind.append(' ', badge);
    }
    const close = el('button', 'details-close', '×');
    close.type = 'button';
    close.dataset.action = 'close-village-details';
    close.title = t('details.close');
    close.setAttribute('aria-label', t('details.close'));
    close.addEventListener('click', () => {
      hide();
      onClose();
    });
    const name = el('h3', 'details-name', row.name);
    const place = el('p', 'details-place', [row.commune, row.district, row.province].filter(Boolean).join(', '));
    // In an operator's view the class is that operator's own: say whose it is.
    const closingFor = input.closing?.operator;
    const chip = el('span', 'gap-chip', closingFor ? `${t(`gap.${row.gap}`)} (${closingFor})` : t(`gap.${row.gap}`));
    chip.dataset.gap = row.gap;
    chip.style.setProperty('--gap', GAP_COLOURS[row.gap]);
    header.append(kind, close, name, place, chip);

    const parts: HTMLElement[] = [header];
    if (row.status === 'invalid') parts.push(el('p', 'details-warning', t('details.invalid')));

    // Mobile: the three measures side by side, the one that decides marked.
    const measures = el('div', 'measures');
    const th = params.coverageThreshold;
    measures.append(
      measureCell(t('details.area'), formatFraction(row.mobile_area_fraction), row.mobile_area_fraction === null ? null : row.mobile_area_fraction >= th, params.coverageMeasure === 'area'),
      measureCell(t('details.population'), formatFraction(row.mobile_pop_fraction), row.mobile_pop_fraction === null ? null : row.mobile_pop_fraction >= th, params.coverageMeasure === 'population'),
      measureCell(t('details.centre'), t(row.mobile_centre_covered ? 'details.centre-yes' : 'details.centre-no'), row.mobile_centre_covered, params.coverageMeasure === 'centre'),
    );
    const rule = el(
      'p',
      'hint',
      params.coverageMeasure === 'centre'
        ? t('details.rule-centre')
        : t('details.rule', { measure: t(`measure.${params.coverageMeasure}`), threshold: formatFraction(th) }),
    );
    const mobileParts: HTMLElement[] = [measures, rule];
    const shadow = row.mobile_shadow_fraction;
    if (shadow !== null && shadow > 0) {
      const line = el('p', 'details-terrain-shadow', t('details.terrain-shadow', { pct: formatFraction(shadow) }));
      line.dataset.shadow = String(shadow);
      mobileParts.push(line);
    } else if (input.uncovered) {
      mobileParts.push(
        el(
          'p',
          'details-uncovered',
          input.uncovered.geometry === null || input.uncovered.uncoveredFraction < 1e-6
            ? t('details.uncovered-none')
            : t('details.uncovered', { area: area(input.uncovered.uncoveredM2), pct: formatFraction(input.uncovered.uncoveredFraction) }),
        ),
      );
    }
    parts.push(section(t('details.mobile'), ...mobileParts));

    // The provincial reports' class, and who closes the gap (routes exist for mobile gaps only).
    if (row.signal_class) {
      const signal = el('p', 'details-signal');
      signal.dataset.signal = row.signal_class;
      const cls = el('strong', undefined, t(`signal.${row.signal_class}`));
      signal.append(cls);
      if (row.signal_class !== 'phu-song') signal.append(` — ${t(`signal.${row.signal_class}-hint`)}`);
      const reportParts: HTMLElement[] = [signal];
      if (row.route) {
        const km = formatNumber(DEFAULT_ROUTE_RULES.presenceM / 1000);
        const operators = row.route_operators.join(', ') || '—';
        const sentence =
          row.route === 'share'
            ? t('details.route-share', { sites: row.route_sites.slice(0, 3).join(', '), operators })
            : row.route === 'build'
              ? t('details.route-build', { km, operators })
              : t('details.route-vtf', { km });
        const route = el('p', 'details-route');
        route.dataset.route = row.route;
        route.append(el('strong', undefined, `${t('details.route')}: ${t(`route.${row.route}`)}`), el('br'), sentence);
        reportParts.push(route);
      }
      parts.push(section(t('details.signal'), ...reportParts));
    }

    // Operators: bars of each one's share, by the measure in use (area for the centre rule).
    const ops = Object.entries(row.mobile_by_operator).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const opList = el('ul', 'operator-bars');
    for (const [op, fraction] of ops) {
      const item = el('li');
      item.dataset.operator = op;
      const label = el('span', 'operator-name', op);
      const bar = el('span', 'operator-bar');
      const fill = el('span', 'operator-bar-fill');
      fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
      fill.style.background = OPERATOR_COLOURS[op] ?? OTHER_OPERATOR;
      bar.append(fill);
      const value = el('span', 'operator-value', formatFraction(fraction));
      if (row.mobile_operators.includes(op)) value.append(' ✓');
      value.title = row.mobile_operators.includes(op) ? t('details.operator-enough') : '';
      item.append(label, bar, value);
      opList.append(item);
    }
    const opMeasure = t(params.coverageMeasure === 'area' ? 'measure.area' : 'measure.population');
    parts.push(
      section(
        t('details.operators', { measure: opMeasure }),
        ops.some(([, f]) => f > 0) ? opList : el('p', 'hint', t('details.operators-none')),
      ),
    );

    // What would close it: existing sites of other operators, shared.
    const closing = input.closing;
    if (closing) {
      const sites = closing.sitesOf(closing.index);
      const body: HTMLElement[] = [];
      if (sites.length === 0) body.push(el('p', 'hint', t('details.closing-none')));
      else {
        body.push(el('p', undefined, t('details.closing-sites')));
        const list = el('ul', 'closing-sites');
        for (const id of sites) {
          const item = el('li');
          item.dataset.sharingSite = id;
          const hosts = closing.hostsOf(id);
          item.append(el('span', undefined, hosts.length > 0 ? `${id} (${hosts.join(', ')})` : id));
          const added = closing.added(id);
          const add = el('button', 'small-button', t(added ? 'details.closing-added' : 'details.closing-add'));
          add.type = 'button';
          add.dataset.action = 'add-sharing';
          add.dataset.siteId = id;
          add.disabled = added;
          add.addEventListener('click', () => closing.share(id));
          item.append(' ', add);
          list.append(item);
        }
        body.push(list);
      }
      parts.push(section(t('details.closing', { op: closing.operator }), ...body));
    }

    // FTTH.
    const ftth = el('div', 'measures');
    const ftthShare = row.ftth_covered === null && row.status === 'ok' ? `— ${t('kpi.no-fibre')}` : formatFraction(row.ftth_fraction);
    ftth.append(measureCell(t('details.ftth-share'), ftthShare, row.ftth_covered, true));
    parts.push(section(`${t('details.ftth')} (${formatDistance(params.ftthReachM)})`, ftth));

    // Distances.
    const dl = el('dl', 'details-facts');
    const fact = (key: MessageKey, value: string): void => {
      dl.append(el('dt', undefined, t(key)), el('dd', undefined, value));
    };
    const site = input.nearestSite;
    fact(
      'details.nearest-site',
      row.nearest_bts_m === null || site === null
        ? t('details.nearest-site-none')
        : `${formatDistance(row.nearest_bts_m)} — ${site.siteId} (${site.operator}, ${site.tech})`,
    );
    fact(
      'details.nearest-fibre',
      row.ftth_covered === null ? `— ${t('kpi.no-fibre')}` : row.nearest_fibre_m === null ? t('details.nearest-fibre-none') : formatDistance(row.nearest_fibre_m),
    );
    parts.push(section(t('details.nearest'), dl));

    // Reasons, one sentence each.
    const reasons = el('ul', 'details-reasons');
    for (const code of row.reasons) {
      const item = el('li', undefined, t(`reason.${code}` as `reason.${ReasonCode}`));
      item.dataset.reason = code;
      reasons.append(item);
    }
    parts.push(section(t('details.reasons'), row.reasons.length > 0 ? reasons : el('p', 'hint', t('details.reasons-none'))));

    // People and provenance.
    const people = el(
      'p',
      undefined,
      t('details.people', {
        population: row.population === null ? '—' : formatNumber(row.population),
        households: householdsText(row, params.personsPerHousehold),
      }),
    );
    const source: HTMLElement[] = [people];
    const p = input.provenance;
    if (p) {
      if (p.footprints === 0) source.push(el('p', 'hint', t('details.source-none')));
      if (p.bySource.predicted > 0 && p.model) {
        source.push(el('p', undefined, t('details.source-predicted', { model: t(`details.model-${p.model}`), count: p.bySource.predicted })));
      }
      const terrain = terrainFacts(row.mobile_source);
      if (terrain.model === 'terrain' || terrain.model === 'mixed') source.push(el('p', undefined, t('details.terrain-source', { dem: terrain.dem ?? '' })));
      if (terrain.model === 'mixed') source.push(el('p', 'hint', t('details.terrain-fallback')));
      if (terrain.model === 'outside') source.push(el('p', 'hint', t('details.terrain-outside', { dem: terrain.dem ?? '' })));
      if (p.bySource.declared > 0) source.push(el('p', undefined, t('details.source-declared', { count: p.bySource.declared })));
      if (p.bySource.measured > 0) source.push(el('p', undefined, t('details.source-measured', { count: p.bySource.measured })));
    }
    if (input.synthetic) source.push(el('p', 'details-synthetic', t('details.synthetic')));
    parts.push(section(t('details.source'), ...source));

    container.replaceChildren(...parts);
    container.dataset.villageId = row.id;
  }

  function hide(): void {
    current = null;
    container.hidden = true;
    container.replaceChildren();
    delete container.dataset.villageId;
  }

  return {
    show(input) {
      current = input;
      draw(input);
      container.hidden = false;
      container.scrollTop = 0;
    },
    hide,
    refresh() {
      if (current) draw(current);
    },
  };
}
