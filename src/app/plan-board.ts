import { formatNumber, t } from './i18n.ts';

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
    card.append(value, label);
    container.append(card);
  }
  refreshKpis();
}

/** Shows `kpis` on the board; names not given keep their value. */
export function setKpis(kpis: Kpis): void {
  values = { ...values, ...kpis };
  refreshKpis();
}

/** Re-renders the values (after a language switch the number format changes). */
export function refreshKpis(): void {
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
export type ExportAction = 'export-gaps-geojson' | 'export-gaps-csv' | 'export-proposals-geojson';

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
