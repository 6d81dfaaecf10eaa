import { BOUNDS } from '../../core/bounds.ts';
import { resolveParams, type AnalysisParams } from '../../core/params.ts';
import { TECHS, type Tech } from '../../core/model.ts';
import type { CoverageMeasure } from '../../core/defaults.ts';
import { applyTranslations } from '../shell/i18n.ts';
import { errorMessage } from '../../core/error-message.ts';
import { terrainFields } from './terrain-assumptions.ts';

/**
 * The assumptions panel: every field of `AnalysisParams` as a form control (`data-param="…"`),
 * validated through `resolveParams` (its sentence is shown on a bad value and nothing re-runs),
 * debounced while typing, and a "reset to defaults" button (`data-action="reset-assumptions"`).
 */

export interface AssumptionsPanel {
  /** Shows `params` in the form (after a reset, or a value read from the link). */
  set(params: AnalysisParams): void;
  /** The form's values, validated; throws `resolveParams`'s sentence. */
  read(): AnalysisParams;
}

export interface AssumptionsPanelOptions {
  initial: AnalysisParams;
  /** Called with valid parameters after the user changed something (debounced while typing). */
  onChange(params: AnalysisParams): void;
  onReset(): void;
  /** Quiet time after the last keystroke before `onChange` (ms). */
  debounceMs?: number;
}

const MEASURES: readonly CoverageMeasure[] = ['area', 'population', 'centre'];

/** Builds the form inside `container` (emptied first). */
export function renderAssumptions(container: HTMLElement, options: AssumptionsPanelOptions): AssumptionsPanel {
  const debounceMs = options.debounceMs ?? 250;
  container.replaceChildren();
  const form = document.createElement('form');
  form.className = 'assumptions';
  form.noValidate = true;
  form.addEventListener('submit', (event) => event.preventDefault());

  const radius = group('assumptions.radius');
  const radiusInputs = new Map<Tech, HTMLInputElement>();
  for (const tech of TECHS) {
    const input = numberInput(`radiusM.${tech}`, { min: BOUNDS.radiusM.min, max: BOUNDS.radiusM.max, step: 100 });
    radiusInputs.set(tech, input);
    radius.body.append(labelled(tech, input, 'm'));
  }

  const broadband = group('assumptions.broadband');
  const techBoxes = new Map<Tech, HTMLInputElement>();
  for (const tech of TECHS) {
    const box = checkbox(`broadbandTechs.${tech}`);
    techBoxes.set(tech, box);
    broadband.body.append(checkLabel(box, tech));
  }

  const model = group('assumptions.model');
  const sectors = checkbox('sectors');
  const sectorLabel = checkLabel(sectors, '');
  sectorLabel.querySelector('span')!.dataset.i18n = 'assumptions.sectors';
  const merge = numberInput('siteMergeM', { min: BOUNDS.siteMergeM.min, max: BOUNDS.siteMergeM.max, step: 10 });
  model.body.append(sectorLabel, labelled('', merge, 'm', 'assumptions.site-merge'));

  const rule = group('assumptions.rule');
  const measure = document.createElement('select');
  measure.dataset.param = 'coverageMeasure';
  for (const m of MEASURES) {
    const option = document.createElement('option');
    option.value = m;
    option.dataset.i18n = `assumptions.measure-${m}`;
    measure.append(option);
  }
  const coverageThreshold = numberInput('coverageThreshold', { min: 0, max: 1, step: 0.05 });
  rule.body.append(labelled('', measure, '', 'assumptions.measure'), labelled('', coverageThreshold, '0–1', 'assumptions.threshold'));

  const ftth = group('assumptions.ftth');
  const reach = numberInput('ftthReachM', { min: BOUNDS.ftthReachM.min, max: BOUNDS.ftthReachM.max, step: 100 });
  const ftthThreshold = numberInput('ftthThreshold', { min: 0, max: 1, step: 0.05 });
  ftth.body.append(labelled('', reach, 'm', 'assumptions.ftth-reach'), labelled('', ftthThreshold, '0–1', 'assumptions.ftth-threshold'));

  const households = group('assumptions.households');
  const pph = numberInput('personsPerHousehold', { min: BOUNDS.personsPerHousehold.min, max: BOUNDS.personsPerHousehold.max, step: 0.1 });
  households.body.append(labelled('', pph, '', 'assumptions.pph'));
  const terrain = terrainFields({ group, numberInput, labelled, numberOf });

  const error = document.createElement('p');
  error.className = 'assumptions-error';
  error.hidden = true;

  const reset = document.createElement('button');
  reset.type = 'button';
  reset.dataset.action = 'reset-assumptions';
  reset.dataset.i18n = 'assumptions.reset';
  reset.addEventListener('click', () => {
    clearTimeout(timer);
    options.onReset();
  });

  form.append(radius.root, broadband.root, rule.root, ftth.root, households.root, model.root, terrain.root, error, reset);
  container.append(form);
  applyTranslations(container);

  const raw = (): Record<string, unknown> => ({
    radiusM: Object.fromEntries(TECHS.map((tech) => [tech, numberOf(radiusInputs.get(tech)!)])),
    broadbandTechs: TECHS.filter((tech) => techBoxes.get(tech)!.checked),
    sectors: sectors.checked,
    ftthReachM: numberOf(reach),
    ftthThreshold: numberOf(ftthThreshold),
    coverageMeasure: measure.value,
    coverageThreshold: numberOf(coverageThreshold),
    siteMergeM: numberOf(merge),
    personsPerHousehold: numberOf(pph),
    terrain: terrain.raw(),
  });

  const panel: AssumptionsPanel = {
    set(params) {
      for (const tech of TECHS) {
        radiusInputs.get(tech)!.value = String(params.radiusM[tech]);
        techBoxes.get(tech)!.checked = params.broadbandTechs.includes(tech);
      }
      sectors.checked = params.sectors;
      merge.value = String(params.siteMergeM);
      measure.value = params.coverageMeasure;
      coverageThreshold.value = String(params.coverageThreshold);
      reach.value = String(params.ftthReachM);
      ftthThreshold.value = String(params.ftthThreshold);
      pph.value = String(params.personsPerHousehold);
      terrain.set(params.terrain);
      showError(null);
    },
    read: () => resolveParams(raw()),
  };

  const showError = (message: string | null, field?: string): void => {
    error.hidden = message === null;
    error.textContent = message ?? '';
    // Only a shown message is an alert (an empty one would still count as one for scripts and readers).
    if (message === null) error.removeAttribute('role');
    else error.setAttribute('role', 'alert');
    for (const el of form.querySelectorAll<HTMLElement>('[data-param]')) {
      el.toggleAttribute('aria-invalid', message !== null && field !== undefined && el.dataset.param?.startsWith(field) === true);
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const commit = (): void => {
    clearTimeout(timer);
    let params: AnalysisParams;
    try {
      params = panel.read();
    } catch (err) {
      const message = errorMessage(err);
      showError(message, /"([\w.]+)"/.exec(message)?.[1]);
      return;
    }
    showError(null);
    options.onChange(params);
  };
  form.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type === 'number') {
      clearTimeout(timer);
      timer = setTimeout(commit, debounceMs);
    }
  });
  form.addEventListener('change', commit);

  panel.set(options.initial);
  return panel;
}

/** A number input's value for `resolveParams`: the number, or the text when it is not one. */
function numberOf(input: HTMLInputElement): unknown {
  const text = input.value.trim();
  if (text === '') return '';
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

function group(titleKey: string): { root: HTMLFieldSetElement; body: HTMLElement } {
  const root = document.createElement('fieldset');
  root.className = 'assumptions-group';
  const legend = document.createElement('legend');
  legend.dataset.i18n = titleKey;
  const body = document.createElement('div');
  body.className = 'assumptions-fields';
  root.append(legend, body);
  return { root, body };
}

function numberInput(param: string, attrs: { min?: number; max?: number; step: number }): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'number';
  input.dataset.param = param;
  input.step = String(attrs.step);
  if (attrs.min !== undefined) input.min = String(attrs.min);
  if (attrs.max !== undefined) input.max = String(attrs.max);
  input.inputMode = 'decimal';
  return input;
}

function checkbox(param: string): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.dataset.param = param;
  return input;
}

function checkLabel(box: HTMLInputElement, text: string): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'toggle';
  const span = document.createElement('span');
  span.textContent = text;
  label.append(box, span);
  return label;
}

/** `<label>text <control> unit</label>`; `i18nKey` names the label text when it is translated. */
function labelled(text: string, control: HTMLElement, unit: string, i18nKey?: string): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'assumptions-field';
  const name = document.createElement('span');
  name.className = 'assumptions-name';
  name.textContent = text;
  if (i18nKey) name.dataset.i18n = i18nKey;
  label.append(name, control);
  if (unit) {
    const u = document.createElement('span');
    u.className = 'assumptions-unit';
    u.textContent = unit;
    label.append(u);
  }
  return label;
}
