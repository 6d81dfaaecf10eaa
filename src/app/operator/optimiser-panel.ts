import type { OptimiseProgress } from '../../core/planning/optimise-sites.ts';
import type { PlanResult, PlanTarget } from '../../core/planning/plan-operator.ts';
import { ANY } from '../planner/before-after.ts';
import { formatNumber, t } from '../shell/i18n.ts';
import { el, field } from '../ui/dom.ts';

/**
 * The optimiser's panel: target (share of villages or of population) for the operator chosen in
 * the operator view, an optional site budget, run with a progress bar and cancel, and the outcome
 * (`[data-optimiser-result]` with `data-reached`, `data-after`).
 */

export interface OptimiserRequest {
  target: PlanTarget;
  maxSites: number | null;
}

export interface OptimiserPanelState {
  operator: string;
  running: boolean;
  progress: OptimiseProgress | null;
  result: PlanResult | null;
  /** "cancelled", or an error message. */
  message: string | null;
}

export interface OptimiserPanel {
  render(state: OptimiserPanelState): void;
}

function pct(v: number | null): string {
  return v === null ? '—' : `${formatNumber(v, { maximumFractionDigits: 1 })} %`;
}

/** Builds the panel in `container`; `run` starts the optimiser, `cancel` stops it. */
export function renderOptimiserPanel(container: HTMLElement, on: { run(request: OptimiserRequest): void; cancel(): void }): OptimiserPanel {
  const forLine = el('p', 'optimiser-for');
  const measure = el('select');
  measure.dataset.optimiser = 'measure';
  const { label: measureLabel, text: measureText } = field(measure);
  const target = el('input');
  target.type = 'number';
  target.min = '0';
  target.max = '100';
  target.step = 'any';
  target.value = '100';
  target.dataset.optimiser = 'target';
  const { label: targetLabel, text: targetText } = field(target);
  const budget = el('input');
  budget.type = 'number';
  budget.min = '0';
  budget.step = '1';
  budget.dataset.optimiser = 'max-sites';
  const { label: budgetLabel, text: budgetText } = field(budget);
  const actions = el('div', 'actions');
  const run = el('button');
  run.type = 'button';
  run.dataset.action = 'run-optimiser';
  const cancel = el('button');
  cancel.type = 'button';
  cancel.dataset.action = 'cancel-optimiser';
  actions.append(run, cancel);
  const progressBox = el('div', 'progress');
  const bar = el('progress');
  bar.max = 1;
  progressBox.append(bar);
  const status = el('p', 'hint optimiser-status');
  status.setAttribute('aria-live', 'polite');
  const result = el('p', 'optimiser-result');
  result.dataset.optimiserResult = '';
  container.replaceChildren(forLine, measureLabel, targetLabel, budgetLabel, actions, progressBox, status, result);

  run.addEventListener('click', () => {
    const share = Number(target.value);
    if (!(target.value.trim() !== '' && share >= 0 && share <= 100)) {
      target.setCustomValidity(t('opt.target-bad'));
      target.reportValidity();
      return;
    }
    target.setCustomValidity('');
    const raw = budget.value.trim();
    const maxSites = raw === '' ? null : Number(raw);
    if (maxSites !== null && !(Number.isInteger(maxSites) && maxSites >= 0)) {
      budget.setCustomValidity(t('opt.budget-bad'));
      budget.reportValidity();
      return;
    }
    budget.setCustomValidity('');
    on.run({ target: { measure: measure.value === 'population' ? 'population' : 'villages', share: share / 100 }, maxSites });
  });
  cancel.addEventListener('click', () => on.cancel());

  function render(state: OptimiserPanelState): void {
    forLine.textContent = t('opt.for', { op: state.operator === ANY ? t('ops.any-short') : state.operator });
    measureText.textContent = t('opt.measure');
    const keep = measure.value || 'villages';
    measure.replaceChildren(new Option(t('opt.measure.villages'), 'villages'), new Option(t('opt.measure.population'), 'population'));
    measure.value = keep;
    targetText.textContent = t('opt.target');
    budgetText.textContent = t('opt.max-sites');
    budget.placeholder = t('opt.max-sites-none');
    run.textContent = t('opt.run');
    run.disabled = state.running;
    cancel.textContent = t('opt.cancel');
    cancel.disabled = !state.running;
    progressBox.hidden = !state.running;
    const p = state.progress;
    bar.value = p && p.targetWeight > 0 && Number.isFinite(p.targetWeight) ? Math.min(1, p.coveredWeight / p.targetWeight) : 0;
    status.textContent = state.running
      ? !p || p.phase === 'evaluate'
        ? t('opt.evaluating')
        : t('opt.running', { selected: formatNumber(p.selected), pct: pct(p.targetWeight > 0 ? (100 * p.coveredWeight) / p.targetWeight : 100) })
      : (state.message ?? '');
    const r = state.result;
    result.hidden = r === null;
    if (!r) return;
    const key = r.target.measure === 'villages' ? 'coveredVillagesPct' : 'coveredPopulationPct';
    const shares = r.proposals.filter((x) => x.candidate.kind === 'share').length;
    const outcome = r.reached
      ? t('opt.reached')
      : r.stoppedBy === 'unreachable'
        ? t('opt.unreachable', { max: pct(100 * r.maxReachableShare), count: formatNumber(r.unreachable.length) })
        : t('opt.budget');
    result.textContent = `${t('opt.result', {
      op: r.operator === ANY ? t('ops.any-short') : r.operator,
      before: pct(r.before[key]),
      after: pct(r.after[key]),
      measure: t(r.target.measure === 'villages' ? 'opt.of-villages' : 'opt.of-population'),
      share: formatNumber(shares),
      new: formatNumber(r.proposals.length - shares),
      ratioBefore: pct(r.sharing.before === null ? null : 100 * r.sharing.before),
      ratioAfter: pct(r.sharing.after === null ? null : 100 * r.sharing.after),
    })} ${outcome}`;
    result.dataset.reached = String(r.reached);
    result.dataset.after = String(r.after[key]);
    result.dataset.before = String(r.before[key]);
    result.dataset.proposals = String(r.proposals.length);
  }

  return { render };
}
