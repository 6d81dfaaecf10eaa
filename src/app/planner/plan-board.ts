import type { Kpis as CoreKpis } from '../../core/kpis.ts';
import { foldDiacritics } from '../../core/io/normalize-text.ts';
import { NO_DISTRICT, type DistrictKpis } from '../../core/district-kpis.ts';
import { formatNumber, getLang, t, type MessageKey } from '../shell/i18n.ts';
import {
  CUSTOM_PLAN_ID,
  PLAN_PRESETS,
  TARGET_NAMES,
  findPreset,
  loadSelectedPlanId,
  planProgress,
  saveCustomPlan,
  saveSelectedPlanId,
  targetsOf,
  type HouseholdTotals,
  type PlanStorage,
  type TargetName,
  type TargetProgress,
} from './plan-presets.ts';

/**
 * The plan board: KPI values readable by people and by scripts (`data-kpi="…"`).
 * Until the coverage engine fills them, values show "—". A computed value is also written raw to
 * `data-value` so scripts need not parse localised numbers.
 */

/** KPI names of the automation contract, in display order. */
export const KPI_NAMES = [
  'villages',
  'mobile-villages-pct',
  'ftth-villages-pct',
  'shared-sites-pct',
  'households-fibre-pct',
  'gap-mobile',
  'gap-ftth',
  'gap-both',
] as const;

export type KpiName = (typeof KPI_NAMES)[number];

/** KPI values: counts, or percentages (0–100) for names ending in `-pct`; null = not computed. */
export type Kpis = Partial<Record<KpiName, number | null>>;

const PLACEHOLDER = '—';
let values: Kpis = {};
/** Values before the proposal (null: no proposal, nothing to compare). */
let beforeValues: Kpis | null = null;

/** Builds the KPI grid inside `container` (all values "—"). */
export function renderPlanBoard(container: HTMLElement): void {
  container.replaceChildren();
  for (const name of KPI_NAMES) {
    const card = document.createElement('div');
    card.className = 'kpi';
    const label = document.createElement('span');
    label.className = 'kpi-label';
    label.dataset.i18n = `kpi.${name}`;
    const value = document.createElement('span');
    value.className = 'kpi-value';
    value.dataset.kpi = name;
    const before = document.createElement('span');
    before.className = 'kpi-before';
    before.dataset.kpiBefore = name;
    before.hidden = true;
    card.append(before, value, label);
    container.append(card);
  }
  refreshKpis();
}

/** Shows `kpis` on the board; names not given keep their value. */
export function setKpis(kpis: Kpis): void {
  values = { ...values, ...kpis };
  refreshKpis();
}

/**
 * Shows the values before the proposal next to the current ones ("96,1 % → 100 %"), in
 * `[data-kpi-before]` with the raw number in `data-value`; null hides them.
 */
export function setKpisBefore(kpis: Kpis | null): void {
  beforeValues = kpis;
  refreshKpis();
}

function formatKpi(name: KpiName, value: number): string {
  return name.endsWith('-pct') ? `${formatNumber(value, { maximumFractionDigits: 1 })} %` : formatNumber(value);
}

/** Re-renders the values (after a language switch the number format changes). */
export function refreshKpis(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-kpi-before]')) {
    const name = el.dataset.kpiBefore as KpiName;
    const value = beforeValues?.[name];
    el.hidden = value === null || value === undefined;
    el.textContent = el.hidden ? '' : `${formatKpi(name, value as number)} →`;
    el.title = el.hidden ? '' : t('kpi.before');
    if (el.hidden) delete el.dataset.value;
    else el.dataset.value = String(value);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-kpi]')) {
    const name = el.dataset.kpi as KpiName;
    const value = values[name];
    if (value === null || value === undefined) {
      el.textContent = PLACEHOLDER;
      el.title = t('kpi.pending');
      delete el.dataset.value;
      continue;
    }
    el.textContent = name.endsWith('-pct')
      ? `${formatNumber(value, { maximumFractionDigits: 1 })} %`
      : formatNumber(value);
    el.removeAttribute('title');
    el.dataset.value = String(value);
  }
}

/** Export actions of the automation contract (`data-action="…"` buttons). */
export type ExportAction =
  | 'export-gaps-geojson'
  | 'export-gaps-csv'
  | 'export-gaps-fgb'
  | 'export-gaps-shp'
  | 'export-proposals-geojson'
  | 'export-proposals-fgb'
  | 'export-proposals-shp';

/**
 * Enables or disables an export button; a disabled one keeps the tooltip saying why
 * ("available once coverage is computed").
 */
export function setActionEnabled(action: ExportAction, enabled: boolean): void {
  const button = document.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  if (!button) throw new Error(`no button with data-action="${action}" in index.html`);
  button.disabled = !enabled;
  if (enabled) {
    delete button.dataset.i18nTitle;
    button.removeAttribute('title');
  } else {
    button.dataset.i18nTitle = 'action.disabled';
    button.title = t('action.disabled');
  }
}

/** What the targets part of the board needs from a finished analysis. */
export interface PlanBoardData {
  /** Province-wide KPIs (the `data-kpi` values). */
  kpis: CoreKpis;
  households: HouseholdTotals;
  districts: DistrictKpis[];
  /** The same before the proposal, shown as "before → after" (absent: no proposal). */
  before?: { kpis: CoreKpis; households: HouseholdTotals; districts: DistrictKpis[] };
}

/** The targets part of the plan board: plan choice, scope, progress per target, district table. */
export interface PlanTargetsView {
  setData(data: PlanBoardData | null): void;
  /** Re-renders localised text (after a language switch). */
  refresh(): void;
}

const TARGET_UNITS: Readonly<Record<TargetProgress['unit'], MessageKey>> = {
  villages: 'plan.to-close.villages',
  sites: 'plan.to-close.sites',
  households: 'plan.to-close.households',
};

function pct(value: number | null): string {
  return value === null ? PLACEHOLDER : `${formatNumber(value, { maximumFractionDigits: 1 })} %`;
}

/** A percentage without its sign, for table cells whose header says "%". */
function bare(value: number | null): string {
  return value === null ? PLACEHOLDER : formatNumber(value, { maximumFractionDigits: 1 });
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  return el;
}

/**
 * Builds the plan choice (`select[data-plan]`), the scope (`select[data-district]`), one row per
 * target with its progress bar, editable target (`input[data-target="…"]`) and what is still to
 * close (`[data-to-close="…"]`, raw `data-value`), and a table of districts. Edited targets become
 * the user's own plan, kept in `storage` (null: not kept).
 */
export function renderPlanTargets(container: HTMLElement, storage: PlanStorage | null): PlanTargetsView {
  const store: PlanStorage = storage ?? { getItem: () => null, setItem: () => undefined };
  let planId = loadSelectedPlanId(store);
  let targets = targetsOf(planId, store);
  let data: PlanBoardData | null = null;
  let district: string | null = null;

  const planLabel = element('label', 'plan-field');
  const planText = element('span');
  const planSelect = element('select');
  planSelect.dataset.plan = '';
  planLabel.append(planText, planSelect);
  const note = element('p', 'hint plan-note');
  const scopeLabel = element('label', 'plan-field');
  const scopeText = element('span');
  const scopeSelect = element('select');
  scopeSelect.dataset.district = '';
  scopeLabel.append(scopeText, scopeSelect);
  const list = element('div', 'plan-targets');
  const rows = new Map<TargetName, { label: HTMLElement; value: HTMLElement; fill: HTMLElement; marker: HTMLElement; input: HTMLInputElement; toClose: HTMLElement }>();
  for (const name of TARGET_NAMES) {
    const row = element('div', 'plan-target');
    row.dataset.targetRow = name;
    const head = element('div', 'plan-target-head');
    const label = element('span', 'plan-target-label');
    const value = element('span', 'plan-target-value');
    head.append(label, value);
    const bar = element('div', 'plan-bar');
    const fill = element('div', 'plan-bar-fill');
    const marker = element('div', 'plan-bar-target');
    bar.append(fill, marker);
    const foot = element('div', 'plan-target-foot');
    const input = element('input');
    input.type = 'number';
    input.min = '0';
    input.max = '100';
    input.step = 'any';
    input.dataset.target = name;
    input.addEventListener('change', () => editTarget(name, input));
    const toClose = element('span', 'plan-to-close');
    toClose.dataset.toClose = name;
    foot.append(input, toClose);
    row.append(head, bar, foot);
    list.append(row);
    rows.set(name, { label, value, fill, marker, input, toClose });
  }
  const districtHeading = element('h4', 'plan-districts-heading');
  const table = element('table', 'district-table');
  container.replaceChildren(planLabel, note, scopeLabel, list, districtHeading, table);

  planSelect.addEventListener('change', () => {
    planId = planSelect.value;
    saveSelectedPlanId(store, planId);
    targets = targetsOf(planId, store);
    const preset = findPreset(planId);
    if (preset?.district && data) {
      const wanted = foldDiacritics(preset.district);
      const match = data.districts.find((d) => foldDiacritics(d.district).includes(wanted));
      if (match) district = match.district;
    }
    refresh();
  });
  scopeSelect.addEventListener('change', () => {
    district = scopeSelect.value === '' ? null : scopeSelect.value;
    refresh();
  });

  function editTarget(name: TargetName, input: HTMLInputElement): void {
    const raw = input.value.trim();
    const n = raw === '' ? null : Number(raw);
    if (n !== null && !(Number.isFinite(n) && n >= 0 && n <= 100)) {
      input.setCustomValidity(t('plan.target-edit'));
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    targets = { ...targets, [name]: n };
    saveCustomPlan(store, targets);
    planId = CUSTOM_PLAN_ID;
    saveSelectedPlanId(store, planId);
    refresh();
  }

  function scopeData(): { kpis: CoreKpis; households: HouseholdTotals } | null {
    if (!data) return null;
    if (district === null) return data;
    return data.districts.find((d) => d.district === district) ?? data;
  }

  function fillSelects(): void {
    const lang = getLang();
    planSelect.replaceChildren(
      ...PLAN_PRESETS.map((p) => new Option(p.name[lang], p.id)),
      new Option(t('plan.custom'), CUSTOM_PLAN_ID),
    );
    planSelect.value = planId;
    const districts = data?.districts ?? [];
    scopeSelect.replaceChildren(
      new Option(t('plan.province'), ''),
      ...districts.map((d) => new Option(d.district === NO_DISTRICT ? t('plan.no-district') : d.district, d.district)),
    );
    scopeSelect.value = district ?? '';
    scopeSelect.disabled = districts.length === 0;
  }

  function beforeScope(): { kpis: CoreKpis; households: HouseholdTotals } | null {
    const b = data?.before;
    if (!b) return null;
    if (district === null) return b;
    return b.districts.find((d) => d.district === district) ?? null;
  }

  function fillTargets(): void {
    const scope = scopeData();
    const progress = scope ? planProgress(scope.kpis, targets, scope.households) : null;
    const was = beforeScope();
    const before = was ? planProgress(was.kpis, targets, was.households) : null;
    for (const name of TARGET_NAMES) {
      const r = rows.get(name) as NonNullable<ReturnType<typeof rows.get>>;
      const p = progress?.find((x) => x.name === name) ?? null;
      const target = targets[name];
      r.label.textContent = t(`kpi.${name}`);
      const b = before?.find((x) => x.name === name) ?? null;
      const shown = b && b.value !== (p?.value ?? null) ? `${pct(b.value)} → ${pct(p?.value ?? null)}` : pct(p?.value ?? null);
      r.value.textContent = target === null ? shown : t('plan.value', { value: shown, target: pct(target) });
      if (b) r.value.dataset.before = String(b.value);
      else delete r.value.dataset.before;
      r.fill.style.width = `${Math.min(100, Math.max(0, p?.value ?? 0))}%`;
      r.fill.classList.toggle('met', p?.met === true);
      r.marker.hidden = target === null;
      r.marker.style.left = `${target ?? 0}%`;
      if (document.activeElement !== r.input) r.input.value = target === null ? '' : String(target);
      r.input.placeholder = '–';
      r.input.title = t('plan.target-edit');
      r.input.setAttribute('aria-label', `${t(`kpi.${name}`)}: ${t('plan.target-edit')}`);
      if (!p || target === null || p.toClose === null) {
        r.toClose.textContent = target === null ? t('plan.no-target') : scope ? PLACEHOLDER : t('plan.pending');
        delete r.toClose.dataset.value;
      } else {
        r.toClose.textContent = p.met ? t('plan.met') : t(TARGET_UNITS[p.unit], { count: formatNumber(p.toClose) });
        r.toClose.dataset.value = String(p.toClose);
      }
      r.toClose.classList.toggle('met', p?.met === true);
    }
    const preset = findPreset(planId);
    note.textContent = preset?.note?.[getLang()] ?? '';
    note.hidden = !preset?.note;
  }

  function fillTable(): void {
    districtHeading.textContent = t('plan.districts');
    districtHeading.hidden = !data;
    table.replaceChildren();
    if (!data) return;
    const head = element('tr');
    for (const [key, title] of [
      ['plan.col.district', null],
      ['plan.col.villages', null],
      ['plan.col.mobile', null],
      ['plan.col.ftth', null],
      ['plan.col.households', null],
      ['plan.col.gaps', 'plan.col.gaps-hint'],
    ] as [MessageKey, MessageKey | null][]) {
      const th = element('th');
      th.textContent = t(key);
      if (title) th.title = t(title);
      head.append(th);
    }
    const thead = element('thead');
    thead.append(head);
    const body = element('tbody');
    for (const d of data.districts) {
      const tr = element('tr');
      tr.dataset.districtRow = d.district;
      tr.tabIndex = 0;
      tr.classList.toggle('selected', d.district === district);
      const k = d.kpis;
      const cells = [
        d.district === NO_DISTRICT ? t('plan.no-district') : d.district,
        formatNumber(k.villages),
        bare(k.mobileVillagesPct),
        bare(k.ftthVillagesPct),
        bare(k.householdsFibrePct),
        `${formatNumber(k.gapMobile + k.gapBoth)} / ${formatNumber(k.gapFtth + k.gapBoth)}`,
      ];
      for (const text of cells) {
        const td = element('td');
        td.textContent = text;
        tr.append(td);
      }
      const choose = (): void => {
        district = district === d.district ? null : d.district;
        refresh();
      };
      tr.addEventListener('click', choose);
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          choose();
        }
      });
      body.append(tr);
    }
    table.append(thead, body);
  }

  function refresh(): void {
    planText.textContent = t('plan.label');
    scopeText.textContent = t('plan.scope');
    fillSelects();
    fillTargets();
    fillTable();
  }

  refresh();
  return {
    setData(next) {
      data = next;
      if (district !== null && !next?.districts.some((d) => d.district === district)) district = null;
      refresh();
    },
    refresh,
  };
}
