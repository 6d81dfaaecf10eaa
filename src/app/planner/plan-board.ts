import type { Kpis as CoreKpis } from '../../core/kpis.ts';
import { foldDiacritics } from '../../core/io/normalize-text.ts';
import { NO_UNIT, type AdminLevel, type AdminUnits, type UnitKpis } from '../../core/unit-kpis.ts';
import type { LayerPresence } from '../../core/analysis/input-layers.ts';
import { describeLayers } from '../analysis/layer-notice.ts';
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
  type PlanStorage,
  type TargetName,
  type TargetProgress,
} from './plan-presets.ts';
import { el, field } from '../ui/dom.ts';

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
  'trang-song',
  'lom-song',
] as const;

export type KpiName = (typeof KPI_NAMES)[number];

/** A KPI the analysis could not know: its input layer was not given (shown as "— (no fibre layer)"). */
export const NO_FIBRE = 'no-fibre';

/** KPI values: counts, or percentages (0–100) for names ending in `-pct`; null = not computed; NO_FIBRE = unknown. */
export type Kpis = Partial<Record<KpiName, number | null | typeof NO_FIBRE>>;

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
    const given = beforeValues?.[name];
    const value = given === NO_FIBRE ? null : given;
    el.hidden = value === null || value === undefined;
    el.textContent = el.hidden ? '' : `${formatKpi(name, value as number)} →`;
    el.title = el.hidden ? '' : t('kpi.before');
    if (el.hidden) delete el.dataset.value;
    else el.dataset.value = String(value);
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-kpi]')) {
    const name = el.dataset.kpi as KpiName;
    const value = values[name];
    if (value === NO_FIBRE) {
      const why = document.createElement('span');
      why.className = 'kpi-unknown';
      why.textContent = ` ${t('kpi.no-fibre')}`;
      el.replaceChildren(PLACEHOLDER, why);
      el.title = t('kpi.no-fibre-hint');
      el.dataset.unknown = NO_FIBRE;
      delete el.dataset.value;
      continue;
    }
    delete el.dataset.unknown;
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

/** Actions of the automation contract (`data-action="…"` buttons) that wait for a result. */
export type ExportAction =
  | 'export-gaps-geojson'
  | 'export-gaps-csv'
  | 'export-gaps-fgb'
  | 'export-gaps-shp'
  | 'export-proposals-geojson'
  | 'export-proposals-fgb'
  | 'export-proposals-shp'
  | 'open-report';

/** The actions a finished analysis enables (and a result forgotten disables): its gap list in every format, and the report. */
export const RESULT_ACTIONS = ['export-gaps-geojson', 'export-gaps-csv', 'export-gaps-fgb', 'export-gaps-shp', 'open-report'] as const satisfies readonly ExportAction[];

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
  /** KPIs of the whole set (the `data-kpi` values). */
  kpis: CoreKpis;
  /** The same per administrative unit, at the levels the villages carry. */
  units: AdminUnits;
  /** The layers the analysis ran on. */
  layers: LayerPresence;
  /** Persons per household behind estimated household counts. */
  personsPerHousehold: number;
  /** The same before the proposal, shown as "before → after" (absent: no proposal). */
  before?: { kpis: CoreKpis; units: AdminUnits };
}

/** The targets part of the plan board: plan choice, scope, progress per target, per-unit table. */
export interface PlanTargetsView {
  setData(data: PlanBoardData | null): void;
  /** Re-renders localised text (after a language switch). */
  refresh(): void;
  /** Chooses the plan `id` (a preset's or the user's own), as the plan choice on the board does. */
  choosePlan(id: string): void;
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

/** A unit's name as shown ("(none given)" for villages without one). */
function unitName(unit: { name: string }): string {
  return unit.name === NO_UNIT ? t('plan.no-unit') : unit.name;
}

const LEVEL_NAMES: Readonly<Record<AdminLevel, { one: MessageKey; by: MessageKey; all: MessageKey }>> = {
  province: { one: 'level.province', by: 'plan.by.province', all: 'plan.all.province' },
  district: { one: 'level.district', by: 'plan.by.district', all: 'plan.all.district' },
  commune: { one: 'level.commune', by: 'plan.by.commune', all: 'plan.all.commune' },
};

/**
 * Builds the plan choice (`select[data-plan]`), the scope (one `select[data-scope="<level>"]` per
 * administrative level the data has, each narrowing the next), one row per target with its
 * progress bar, editable target (`input[data-target="…"]`) and what is still to close
 * (`[data-to-close="…"]`, raw `data-value`), the layers the analysis ran on (`[data-layers]`), and a
 * table of the units one level below the scope (`tr[data-unit-row]`, click to narrow to one).
 * Edited targets become the user's own plan, kept in `storage` (null: not kept).
 */
export function renderPlanTargets(container: HTMLElement, storage: PlanStorage | null): PlanTargetsView {
  const store: PlanStorage = storage ?? { getItem: () => null, setItem: () => undefined };
  let planId = loadSelectedPlanId(store);
  let targets = targetsOf(planId, store);
  let data: PlanBoardData | null = null;
  /** The chosen unit, as names down the levels ([]: the whole set). */
  let scope: string[] = [];
  const planSelect = el('select');
  planSelect.dataset.plan = '';
  const { label: planLabel, text: planText } = field(planSelect);
  const note = el('p', 'hint plan-note');
  const layersLine = el('p', 'hint plan-layers');
  layersLine.dataset.layers = '';
  const scopeBox = el('div', 'plan-scope');
  const list = el('div', 'plan-targets');
  const rows = new Map<TargetName, { label: HTMLElement; value: HTMLElement; fill: HTMLElement; marker: HTMLElement; input: HTMLInputElement; toClose: HTMLElement }>();
  for (const name of TARGET_NAMES) {
    const row = el('div', 'plan-target');
    row.dataset.targetRow = name;
    const head = el('div', 'plan-target-head');
    const label = el('span', 'plan-target-label');
    const value = el('span', 'plan-target-value');
    head.append(label, value);
    const bar = el('div', 'plan-bar');
    const fill = el('div', 'plan-bar-fill');
    const marker = el('div', 'plan-bar-target');
    bar.append(fill, marker);
    const foot = el('div', 'plan-target-foot');
    const input = el('input');
    input.type = 'number';
    input.min = '0';
    input.max = '100';
    input.step = 'any';
    input.dataset.target = name;
    input.addEventListener('change', () => editTarget(name, input));
    const toClose = el('span', 'plan-to-close');
    toClose.dataset.toClose = name;
    foot.append(input, toClose);
    row.append(head, bar, foot);
    list.append(row);
    rows.set(name, { label, value, fill, marker, input, toClose });
  }
  const unitsHeading = el('h4', 'plan-districts-heading');
  const table = el('table', 'district-table');
  container.replaceChildren(planLabel, note, layersLine, scopeBox, list, unitsHeading, table);

  planSelect.addEventListener('change', () => choosePlan(planSelect.value));

  function choosePlan(id: string): void {
    planId = id;
    saveSelectedPlanId(store, planId);
    targets = targetsOf(planId, store);
    const preset = findPreset(planId);
    if (preset?.district && data) {
      const match = findDistrict(data.units, foldDiacritics(preset.district));
      if (match) scope = match;
    }
    refresh();
  }

  /** The path of the first district whose folded name contains `wanted` (searching down to the district level). */
  function findDistrict(units: AdminUnits, wanted: string): string[] | null {
    const depth = units.levels.indexOf('district');
    if (depth < 0) return null;
    const search = (path: string[]): string[] | null => {
      for (const u of units.children(path)) {
        if (path.length === depth) {
          if (foldDiacritics(u.name).includes(wanted)) return u.path;
        } else {
          const found = search(u.path);
          if (found) return found;
        }
      }
      return null;
    };
    return search([]);
  }

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

  function scopeKpis(units: AdminUnits | undefined, whole: CoreKpis | undefined): CoreKpis | null {
    if (!units || !whole) return null;
    if (scope.length === 0) return whole;
    return units.unit(scope)?.kpis ?? null;
  }

  function fillPlanSelect(): void {
    const lang = getLang();
    planSelect.replaceChildren(
      ...PLAN_PRESETS.map((p) => new Option(p.name[lang], p.id)),
      new Option(t('plan.custom'), CUSTOM_PLAN_ID),
    );
    planSelect.value = planId;
  }

  /** One select per level down to one below the scope, each listing the units within the levels above. */
  function fillScope(): void {
    scopeBox.replaceChildren();
    const units = data?.units;
    const levels = units?.levels ?? [];
    const shown = Math.min(levels.length, scope.length + 1);
    for (let k = 0; k < Math.max(1, shown); k++) {
      const level = levels[k] as AdminLevel | undefined;
      const select = el('select');
      select.dataset.scope = level ?? '';
      const choices = level && units ? units.children(scope.slice(0, k)) : [];
      // The whole set is "the province" unless the data spans several.
      const whole = levels[0] === 'province' ? t('plan.whole') : t('plan.province');
      select.append(new Option(k === 0 || !level ? whole : t(LEVEL_NAMES[level].all), ''), ...choices.map((u) => new Option(unitName(u), u.name)));
      select.value = scope[k] ?? '';
      if (select.value !== (scope[k] ?? '')) select.value = '';
      select.disabled = choices.length === 0;
      if (level) select.setAttribute('aria-label', t(LEVEL_NAMES[level].one));
      select.addEventListener('change', () => {
        const chosen = choices.find((u) => u.name === select.value);
        scope = chosen ? chosen.path : scope.slice(0, k);
        refresh();
      });
      scopeBox.append(field(select, k === 0 ? t('plan.scope') : '').label);
    }
  }

  function fillTargets(): void {
    const scoped = scopeKpis(data?.units, data?.kpis);
    const progress = scoped ? planProgress(scoped, targets) : null;
    const was = scopeKpis(data?.before?.units, data?.before?.kpis);
    const before = was ? planProgress(was, targets) : null;
    for (const name of TARGET_NAMES) {
      const r = rows.get(name) as NonNullable<ReturnType<typeof rows.get>>;
      const p = progress?.find((x) => x.name === name) ?? null;
      const target = targets[name];
      r.label.textContent = t(`kpi.${name}`);
      const b = before?.find((x) => x.name === name) ?? null;
      const unknown = scoped !== null && !scoped.ftthKnown && (name === 'ftth-villages-pct' || name === 'households-fibre-pct');
      const shown = unknown
        ? `${PLACEHOLDER} ${t('kpi.no-fibre')}`
        : b && b.value !== (p?.value ?? null) ? `${pct(b.value)} → ${pct(p?.value ?? null)}` : pct(p?.value ?? null);
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
      delete r.toClose.dataset.estimated;
      if (unknown) {
        r.toClose.textContent = t('kpi.no-fibre-hint');
        delete r.toClose.dataset.value;
      } else if (!p || target === null || p.toClose === null) {
        r.toClose.textContent = target === null ? t('plan.no-target') : scoped ? PLACEHOLDER : t('plan.pending');
        delete r.toClose.dataset.value;
      } else {
        const count = formatNumber(p.toClose);
        r.toClose.textContent = p.met
          ? t('plan.met')
          : p.estimated
            ? t('plan.to-close.households-estimated', { count, pph: formatNumber(data?.personsPerHousehold ?? 0) })
            : t(TARGET_UNITS[p.unit], { count });
        r.toClose.dataset.value = String(p.toClose);
        if (p.estimated) r.toClose.dataset.estimated = 'true';
      }
      r.toClose.classList.toggle('met', p?.met === true);
    }
    const preset = findPreset(planId);
    note.textContent = preset?.note?.[getLang()] ?? '';
    note.hidden = !preset?.note;
    layersLine.hidden = !data;
    layersLine.textContent = data ? describeLayers(data.layers) : '';
  }

  /** The units listed: those below the scope, or the scope's siblings once the deepest level is chosen. */
  function tableUnits(): UnitKpis[] {
    const units = data?.units;
    if (!units || units.levels.length === 0) return [];
    const below = units.children(scope);
    return below.length > 0 || scope.length === 0 ? below : units.children(scope.slice(0, -1));
  }

  function fillTable(): void {
    table.replaceChildren();
    const shown = tableUnits();
    unitsHeading.hidden = shown.length === 0;
    if (shown.length === 0) return;
    const level = shown[0].level;
    unitsHeading.textContent = t(LEVEL_NAMES[level].by);
    const head = el('tr');
    for (const [key, title] of [
      [LEVEL_NAMES[level].one, null],
      ['plan.col.villages', null],
      ['plan.col.mobile', null],
      ['plan.col.ftth', null],
      ['plan.col.households', null],
      ['plan.col.gaps', 'plan.col.gaps-hint'],
    ] as [MessageKey, MessageKey | null][]) {
      const th = el('th');
      th.textContent = t(key);
      if (title) th.title = t(title);
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    const chosen = JSON.stringify(scope);
    for (const u of shown) {
      const tr = el('tr');
      tr.dataset.unitRow = u.name;
      tr.dataset.level = u.level;
      tr.tabIndex = 0;
      const selected = JSON.stringify(u.path) === chosen;
      tr.classList.toggle('selected', selected);
      const k = u.kpis;
      // Unknown FTTH (no fibre layer) is "—" with the reason on hover, never 0.
      const ftthGaps = k.gapFtth === null || k.gapBoth === null ? PLACEHOLDER : formatNumber(k.gapFtth + k.gapBoth);
      const cells: [string, boolean][] = [
        [unitName(u), false],
        [formatNumber(k.villages), false],
        [bare(k.mobileVillagesPct), false],
        [bare(k.ftthVillagesPct), !k.ftthKnown],
        [bare(k.householdsFibrePct), !k.ftthKnown],
        [`${formatNumber(k.gapMobile + (k.gapBoth ?? 0))} / ${ftthGaps}`, !k.ftthKnown],
      ];
      for (const [text, unknown] of cells) {
        const td = el('td');
        td.textContent = text;
        if (unknown) td.title = t('kpi.no-fibre-hint');
        tr.append(td);
      }
      const choose = (): void => {
        scope = selected ? u.path.slice(0, -1) : u.path;
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
    fillPlanSelect();
    fillScope();
    fillTargets();
    fillTable();
  }

  refresh();
  return {
    setData(next) {
      data = next;
      if (scope.length > 0 && !next?.units.unit(scope)) scope = [];
      refresh();
    },
    refresh,
    choosePlan,
  };
}
