import type { Gap } from '../../core/classify.ts';
import type { CoverageMeasure } from '../../core/defaults.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import { ROUTES, type Route } from '../../core/report/route.ts';
import { SIGNAL_CLASSES, type SignalClass } from '../../core/report/signal-class.ts';
import { GAP_COLOURS } from '../../map/palette.ts';
import {
  GAP_CLASSES,
  SORT_KEYS,
  buildSearchText,
  distinctValues,
  filterRows,
  mobileShare,
  operatorsOf,
  sortRows,
  type GapListFilter,
  type SortKey,
} from './gap-list-filter.ts';
import { formatNumber, t, type MessageKey } from '../shell/i18n.ts';
import { el } from '../ui/dom.ts';

/**
 * The gap list: a table of villages with sorting, filters and a diacritic-free search. Rows are
 * virtualised: only the rows in view (plus a margin) exist in the DOM, so 90,000 villages cost
 * the same as 90. Names are user data and are only ever set with `textContent`.
 */

export interface GapListData {
  rows: readonly GapRow[];
  measure: CoverageMeasure;
  /** Villages whose gap a proposal closes: their rows are marked (`data-closed`). */
  closed?: ReadonlySet<number>;
}

export interface GapListView {
  setData(data: GapListData | null): void;
  /** Re-renders localised text (after a language switch). */
  refresh(): void;
  /** Marks the row of village `index` as selected (null: none). */
  select(index: number | null): void;
  /** Opens or collapses the list. */
  setOpen(open: boolean): void;
}

/** Row height in pixels (fixed, so the scroll position gives the first row). */
const ROW_H = 28;
const OVERSCAN = 8;
/** "Every gap class" and "every class but covered" choices of the class filter. */
const GAP_ALL = '';
const GAP_ANY_GAP = 'gaps';

const COLUMN_KEYS: Readonly<Record<SortKey, MessageKey>> = {
  name: 'gaplist.col.name',
  commune: 'gaplist.col.commune',
  district: 'gaplist.col.district',
  gap: 'gaplist.col.gap',
  signal: 'gaplist.col.signal',
  route: 'gaplist.col.route',
  mobile: 'gaplist.col.mobile',
  ftth: 'gaplist.col.ftth',
  'nearest-bts': 'gaplist.col.nearest-bts',
  'nearest-fibre': 'gaplist.col.nearest-fibre',
};

/** "85 %" for a fraction, "—" when missing. */
export function formatFraction(value: number | null): string {
  return value === null ? '—' : `${formatNumber(value * 100, { maximumFractionDigits: 0 })} %`;
}

/** "850 m" below a kilometre, "4,2 km" above, "—" when missing. */
export function formatDistance(metres: number | null): string {
  if (metres === null || !Number.isFinite(metres)) return '—';
  return metres < 1000
    ? `${formatNumber(Math.round(metres))} m`
    : `${formatNumber(metres / 1000, { maximumFractionDigits: metres < 10_000 ? 1 : 0 })} km`;
}

/** Communes listed before a district is chosen, at most. */
const MAX_COMMUNE_OPTIONS = 500;

/** Builds the list in `container`; `onOpen` is called with a village index when a row is chosen. */
export function renderGapList(container: HTMLElement, onOpen: (index: number) => void): GapListView {
  let data: GapListData | null = null;
  let searchText: string[] | null = null;
  /** Whether `shown` is in the chosen order (false while the list is closed). */
  let sorted = false;
  let shown: Int32Array = new Int32Array(0);
  let sortKey: SortKey = 'gap';
  let sortDir: 'asc' | 'desc' = 'asc';
  let selected: number | null = null;
  let open = false;

  const header = el('div', 'gap-list-bar');
  const title = el('h3');
  const count = el('span', 'gap-list-count');
  count.setAttribute('aria-live', 'polite');
  const toggle = el('button');
  toggle.type = 'button';
  toggle.dataset.action = 'toggle-gap-list';
  header.append(title, count, toggle);

  const body = el('div', 'gap-list-body');
  const filters = el('div', 'gap-list-filters');
  const search = el('input');
  search.type = 'search';
  search.dataset.gapSearch = '';
  const province = el('select');
  province.dataset.filter = 'province';
  const district = el('select');
  district.dataset.filter = 'district';
  const commune = el('select');
  commune.dataset.filter = 'commune';
  const gapSelect = el('select');
  gapSelect.dataset.filter = 'gap';
  const operator = el('select');
  operator.dataset.filter = 'operator';
  const operatorMode = el('select');
  operatorMode.dataset.filter = 'operator-mode';
  const signalSelect = el('select');
  signalSelect.dataset.filter = 'signal';
  const routeSelect = el('select');
  routeSelect.dataset.filter = 'route';
  filters.append(search, province, district, commune, gapSelect, signalSelect, routeSelect, operator, operatorMode);

  const table = el('div', 'gap-table');
  table.setAttribute('role', 'table');
  const head = el('div', 'gap-row gap-head');
  head.setAttribute('role', 'row');
  const headButtons = new Map<SortKey, HTMLButtonElement>();
  for (const key of SORT_KEYS) {
    const cell = el('span', `gap-cell gap-cell-${key}`);
    cell.setAttribute('role', 'columnheader');
    const button = el('button');
    button.type = 'button';
    button.dataset.sort = key;
    button.addEventListener('click', () => {
      if (sortKey === key) sortDir = sortDir === 'asc' ? 'desc' : 'asc';
      else {
        sortKey = key;
        sortDir = key === 'nearest-bts' || key === 'nearest-fibre' ? 'desc' : 'asc';
      }
      update();
    });
    cell.append(button);
    head.append(cell);
    headButtons.set(key, button);
  }
  const viewport = el('div', 'gap-list-viewport');
  viewport.tabIndex = -1;
  const sizer = el('div', 'gap-list-sizer');
  sizer.setAttribute('role', 'rowgroup');
  viewport.append(sizer);
  const empty = el('p', 'hint gap-list-empty');
  table.append(head, viewport);
  body.append(filters, table, empty);
  container.replaceChildren(header, body);

  toggle.addEventListener('click', () => setOpen(!open));
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    // Wait for a pause in typing so 90,000 rows are filtered once per word, not per key.
    searchTimer = setTimeout(update, 120);
  });
  province.addEventListener('change', () => {
    fillDistricts();
    fillCommunes();
    update();
  });
  district.addEventListener('change', () => {
    fillCommunes();
    update();
  });
  for (const select of [commune, gapSelect, signalSelect, routeSelect, operator, operatorMode]) select.addEventListener('change', update);
  viewport.addEventListener('scroll', () => drawRows());

  function setOpen(next: boolean): void {
    open = next;
    container.classList.toggle('open', open);
    body.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = t(open ? 'gaplist.hide' : 'gaplist.show');
    if (open && !sorted) update();
    else if (open) drawRows();
  }

  function currentFilter(): GapListFilter {
    const g = gapSelect.value;
    const gaps = new Set<Gap>(
      g === GAP_ALL ? GAP_CLASSES : g === GAP_ANY_GAP ? GAP_CLASSES.filter((c) => c !== 'none') : [g as Gap],
    );
    return {
      query: search.value,
      province: province.value === '' ? null : province.value,
      district: district.value === '' ? null : district.value,
      commune: commune.value === '' ? null : commune.value,
      gaps,
      operator: operator.value === '' ? null : operator.value,
      operatorMode: operatorMode.value === 'not-covered' ? 'not-covered' : 'covered',
      signal: SIGNAL_CLASSES.includes(signalSelect.value as SignalClass) ? (signalSelect.value as SignalClass) : null,
      route: ROUTES.includes(routeSelect.value as Route) ? (routeSelect.value as Route) : null,
    };
  }

  function fillSelect(select: HTMLSelectElement, allKey: MessageKey, values: readonly string[], label = (v: string) => v): void {
    const keep = select.value;
    select.replaceChildren(new Option(t(allKey), ''), ...values.map((v) => new Option(label(v), v)));
    select.value = values.includes(keep) ? keep : '';
  }

  /** The rows within the chosen province and district (the units above a filter's own level). */
  function rowsWithin(levels: { district: boolean }): readonly GapRow[] {
    const rows = data?.rows ?? [];
    const p = province.value;
    const d = levels.district ? district.value : '';
    return p === '' && d === '' ? rows : rows.filter((r) => (p === '' || r.province === p) && (d === '' || r.district === d));
  }

  function fillDistricts(): void {
    fillSelect(district, 'gaplist.all-districts', distinctValues(rowsWithin({ district: false }).map((r) => r.district)));
  }

  function fillCommunes(): void {
    const narrowed = district.value !== '' || (district.hidden && province.value !== '');
    const communes = distinctValues(rowsWithin({ district: true }).map((r) => r.commune));
    // A country has ~10,000 communes: too many to pick from (and to build) before a district (or,
    // without districts since 2025, a province) is chosen.
    const tooMany = communes.length > MAX_COMMUNE_OPTIONS && !narrowed;
    fillSelect(commune, 'gaplist.all-communes', tooMany ? [] : communes);
    commune.title = tooMany ? t(district.hidden ? 'gaplist.choose-province' : 'gaplist.choose-district') : '';
  }

  function fillFilters(): void {
    const rows = data?.rows ?? [];
    // Only the levels the data has: one province is no choice; districts are gone since July 2025.
    const provinces = distinctValues(rows.map((r) => r.province));
    fillSelect(province, 'gaplist.all-provinces', provinces);
    province.hidden = provinces.length <= 1;
    if (province.hidden) province.value = '';
    district.hidden = !rows.some((r) => r.district);
    commune.hidden = !rows.some((r) => r.commune);
    fillDistricts();
    fillCommunes();
    const keepGap = gapSelect.value;
    gapSelect.replaceChildren(
      new Option(t('gaplist.all-gaps'), GAP_ALL),
      new Option(`${t('gap.short.mobile')} / ${t('gap.short.ftth')} / ${t('gap.short.both')}`, GAP_ANY_GAP),
      ...GAP_CLASSES.map((g) => new Option(t(`gap.${g}`), g)),
    );
    gapSelect.value = keepGap;
    const keepSignal = signalSelect.value;
    signalSelect.replaceChildren(new Option(t('gaplist.all-signals'), ''), ...SIGNAL_CLASSES.map((c) => new Option(t(`signal.${c}`), c)));
    signalSelect.value = keepSignal;
    const keepRoute = routeSelect.value;
    routeSelect.replaceChildren(new Option(t('gaplist.all-routes'), ''), ...ROUTES.map((r) => new Option(t(`route.${r}`), r)));
    routeSelect.value = keepRoute;
    fillSelect(operator, 'gaplist.all-operators', operatorsOf(rows));
    const keepMode = operatorMode.value || 'covered';
    const op = operator.value || '…';
    operatorMode.replaceChildren(
      new Option(t('gaplist.op-covered', { op }), 'covered'),
      new Option(t('gaplist.op-not-covered', { op }), 'not-covered'),
    );
    operatorMode.value = keepMode;
    operatorMode.disabled = operator.value === '';
  }

  function update(): void {
    if (!data) {
      shown = new Int32Array(0);
    } else {
      const filter = currentFilter();
      // The search text is made on the first search (a country's 100,000 names take ~0.3 s).
      if (filter.query.trim() !== '' && searchText === null) searchText = buildSearchText(data.rows);
      shown = filterRows(data.rows, searchText ?? [], filter);
      // A closed list only counts; it sorts when opened (a country's 100,000 rows take ~0.25 s).
      sorted = open;
      if (open) shown = sortRows(data.rows, shown, sortKey, sortDir, data.measure);
    }
    operatorMode.disabled = operator.value === '';
    const op = operator.value || '…';
    operatorMode.options[0].text = t('gaplist.op-covered', { op });
    operatorMode.options[1].text = t('gaplist.op-not-covered', { op });
    count.textContent = data ? t('gaplist.count', { shown: formatNumber(shown.length), total: formatNumber(data.rows.length) }) : '';
    count.dataset.value = String(shown.length);
    empty.textContent = data ? t('gaplist.empty') : t('gaplist.pending');
    empty.hidden = data !== null && shown.length > 0;
    sizer.style.height = `${shown.length * ROW_H}px`;
    for (const [key, button] of headButtons) {
      const cell = button.parentElement as HTMLElement;
      cell.setAttribute('aria-sort', key === sortKey ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    viewport.scrollTop = 0;
    drawRows();
  }

  /** Draws the rows in view; the others do not exist. */
  function drawRows(): void {
    if (!open || !data) {
      sizer.replaceChildren();
      return;
    }
    const rows = data.rows;
    const height = viewport.clientHeight || 10 * ROW_H;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_H) - OVERSCAN);
    const last = Math.min(shown.length, Math.ceil((viewport.scrollTop + height) / ROW_H) + OVERSCAN);
    const fragment = document.createDocumentFragment();
    for (let k = first; k < last; k++) {
      const index = shown[k];
      const r = rows[index];
      const row = el('div', 'gap-row');
      row.setAttribute('role', 'row');
      row.style.transform = `translateY(${k * ROW_H}px)`;
      row.dataset.index = String(index);
      row.dataset.villageId = r.id;
      row.dataset.gap = r.gap;
      if (r.signal_class) row.dataset.signal = r.signal_class;
      if (r.route) row.dataset.route = r.route;
      row.tabIndex = 0;
      if (index === selected) row.classList.add('selected');
      const cells: [SortKey, string][] = [
        ['name', r.name],
        ['commune', r.commune ?? '—'],
        ['district', r.district ?? '—'],
        ['gap', t(`gap.short.${r.gap}`)],
        ['signal', r.signal_class ? t(`signal.${r.signal_class}`) : '—'],
        ['route', r.route ? t(`route.${r.route}`) : '—'],
        ['mobile', formatFraction(mobileShare(r, data.measure))],
        ['ftth', formatFraction(r.ftth_fraction)],
        ['nearest-bts', formatDistance(r.nearest_bts_m)],
        ['nearest-fibre', formatDistance(r.nearest_fibre_m)],
      ];
      for (const [key, text] of cells) {
        const cell = el('span', `gap-cell gap-cell-${key}`);
        cell.setAttribute('role', 'cell');
        if (key === 'gap') {
          const dot = el('span', 'gap-dot');
          dot.style.background = GAP_COLOURS[r.gap];
          cell.append(dot);
        }
        cell.append(text);
        if (key === 'gap' && data.closed?.has(index)) {
          row.dataset.closed = 'true';
          const badge = el('span', 'closed-badge');
          badge.textContent = t('prop.closed');
          cell.append(' ', badge);
        }
        if (key === 'name') cell.title = text;
        if (key === 'route' && r.route) cell.title = [text, r.route_operators.join(', '), r.route_sites.join(', ')].filter((x) => x !== '').join(' · ');
        row.append(cell);
      }
      fragment.append(row);
    }
    sizer.replaceChildren(fragment);
  }

  sizer.addEventListener('click', (event) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.gap-row');
    if (row?.dataset.index) onOpen(Number(row.dataset.index));
  });
  sizer.addEventListener('keydown', (event) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.gap-row');
    if (!row?.dataset.index) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(Number(row.dataset.index));
    }
  });

  function refresh(): void {
    title.textContent = t('gaplist.heading');
    search.placeholder = t('gaplist.search');
    search.setAttribute('aria-label', t('gaplist.search'));
    operatorMode.setAttribute('aria-label', t('gaplist.op-mode'));
    for (const [key, button] of headButtons) {
      button.textContent = t(COLUMN_KEYS[key]);
      button.title = key === 'mobile' && data ? `${t(`measure.${data.measure}`)} — ${t('gaplist.sort')}` : t('gaplist.sort');
    }
    toggle.textContent = t(open ? 'gaplist.hide' : 'gaplist.show');
    fillFilters();
    update();
  }

  setOpen(false);
  refresh();
  return {
    setData(next) {
      data = next;
      searchText = null;
      refresh();
    },
    refresh,
    select(index) {
      selected = index;
      for (const row of sizer.querySelectorAll<HTMLElement>('.gap-row')) {
        row.classList.toggle('selected', Number(row.dataset.index) === index);
      }
    },
    setOpen,
  };
}
