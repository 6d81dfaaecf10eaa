import type { SharingOpportunity } from '../../core/sharing/sharing-opportunities.ts';
import { ANY, type OperatorShare } from '../planner/before-after.ts';
import { formatNumber, t } from '../shell/i18n.ts';
import { el, field } from '../ui/dom.ts';

/**
 * The operator view's panel: which operator (or any), its coverage before → after the proposal
 * (`[data-operator-kpi]`, raw `data-value` and `data-before`), and its ranked sharing
 * opportunities, each added to the proposal with one click (`data-action="add-sharing"`).
 */

export interface OperatorPanelState {
  operators: readonly string[];
  operator: string;
  busy: boolean;
  before: OperatorShare | null;
  after: OperatorShare | null;
  opportunities: readonly SharingOpportunity[] | null;
  /** Site ids already shared by this operator in the proposal. */
  added: ReadonlySet<string>;
  sharingRatio: number | null;
}

export interface OperatorPanel {
  render(state: OperatorPanelState): void;
}

/** Opportunities listed before "show more". */
const PAGE = 12;

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${formatNumber(v, { maximumFractionDigits: 1 })} %`;
}

/** Builds the panel in `container`; the callbacks act on the workflow. */
export function renderOperatorPanel(container: HTMLElement, on: { choose(operator: string): void; share(o: SharingOpportunity): void }): OperatorPanel {
  let shown = PAGE;
  let last: OperatorPanelState | null = null;
  const select = el('select');
  select.dataset.operatorView = '';
  const { label: label, text: labelText } = field(select);
  const kpis = el('div', 'operator-kpis');
  const heading = el('h4', 'operator-subheading');
  const hint = el('p', 'hint');
  const list = el('ol', 'opportunity-list');
  const more = el('button', 'link-button');
  more.type = 'button';
  container.replaceChildren(label, kpis, heading, hint, list, more);
  select.addEventListener('change', () => {
    shown = PAGE;
    on.choose(select.value);
  });
  more.addEventListener('click', () => {
    shown += PAGE * 2;
    if (last) render(last);
  });

  function kpi(name: 'villages-pct' | 'population-pct', before: number | null | undefined, after: number | null | undefined, text: string): HTMLElement {
    const card = el('div', 'kpi');
    const value = el('span', 'kpi-value', before !== undefined && before !== after ? `${pct(before)} → ${pct(after)}` : pct(after));
    value.dataset.operatorKpi = name;
    if (after !== null && after !== undefined) value.dataset.value = String(after);
    if (before !== null && before !== undefined) value.dataset.before = String(before);
    card.append(value, el('span', 'kpi-label', text));
    return card;
  }

  function render(state: OperatorPanelState): void {
    last = state;
    const op = state.operator === ANY ? t('ops.any-short') : state.operator;
    labelText.textContent = t('ops.operator');
    select.replaceChildren(new Option(t('ops.any'), ANY), ...state.operators.map((o) => new Option(o, o)));
    select.value = state.operator;
    const changed = state.before !== null && state.after !== null;
    kpis.replaceChildren(
      kpi('villages-pct', changed ? state.before?.coveredVillagesPct : undefined, (state.after ?? state.before)?.coveredVillagesPct, t('ops.villages', { op })),
      kpi('population-pct', changed ? state.before?.coveredPopulationPct : undefined, (state.after ?? state.before)?.coveredPopulationPct, t('ops.population', { op })),
    );
    kpis.setAttribute('aria-busy', String(state.busy));
    heading.textContent = t('ops.opportunities');
    list.replaceChildren();
    more.hidden = true;
    if (state.operator === ANY) {
      hint.textContent = t('ops.pick-operator');
      return;
    }
    if (state.busy || !state.opportunities) {
      hint.textContent = t('ops.loading');
      return;
    }
    const opps = state.opportunities;
    hint.textContent = opps.length === 0 ? t('ops.no-opportunities', { op }) : t('ops.opportunities-hint', { op, ratio: pct(state.sharingRatio === null ? null : 100 * state.sharingRatio) });
    for (const o of opps.slice(0, shown)) {
      const item = el('li', 'opportunity');
      item.dataset.siteId = o.siteId;
      item.dataset.villages = o.villagesGained.join(' ');
      const text = el(
        'span',
        'opportunity-text',
        t('ops.opportunity', {
          site: o.siteId,
          hosts: o.hostOperators.join(', '),
          villages: formatNumber(o.villagesGained.length),
          people: o.populationGained === null ? '—' : formatNumber(o.populationGained),
          ratio: pct(o.sharingRatioIfAdded === null ? null : 100 * o.sharingRatioIfAdded),
        }),
      );
      if (o.district) text.title = o.district;
      const added = state.added.has(o.siteId);
      const button = el('button', 'small-button', t(added ? 'ops.added' : 'ops.add'));
      button.type = 'button';
      button.dataset.action = 'add-sharing';
      button.dataset.siteId = o.siteId;
      button.disabled = added;
      button.addEventListener('click', () => on.share(o));
      item.append(text, button);
      list.append(item);
    }
    if (opps.length > shown) {
      more.hidden = false;
      more.textContent = t('ops.more', { count: formatNumber(opps.length - shown) });
    }
  }

  return { render };
}
