import { TECHS, type Tech } from '../../core/model.ts';
import type { AnalysisParams } from '../../core/params.ts';
import { TERRAIN_BOUNDS, type HataEnvironment, type PathLossModel, type TerrainCriterion } from '../../core/terrain/terrain-params.ts';
import { el } from '../ui/dom.ts';

/**
 * The terrain assumptions as form controls (`data-param="terrain.…"`), for the assumptions panel:
 * antenna height and band per technology, receiver height, Earth radius factor, the criterion
 * (line of sight with a Fresnel share, or path loss with its model, environment and threshold).
 * Values are validated by `resolveParams` with the rest of the form.
 */
export interface TerrainFields {
  root: HTMLFieldSetElement;
  /** The fields as `resolveParams` takes them (numbers, or the text when not a number). */
  raw(): Record<string, unknown>;
  set(params: AnalysisParams['terrain']): void;
}

const CRITERIA: readonly TerrainCriterion[] = ['line-of-sight', 'path-loss'];
const MODELS: readonly PathLossModel[] = ['free-space', 'hata'];
const ENVIRONMENTS: readonly HataEnvironment[] = ['rural', 'suburban', 'urban'];

export interface FieldMakers {
  group(titleKey: string): { root: HTMLFieldSetElement; body: HTMLElement };
  numberInput(param: string, attrs: { min?: number; max?: number; step: number }): HTMLInputElement;
  labelled(text: string, control: HTMLElement, unit: string, i18nKey?: string): HTMLLabelElement;
  numberOf(input: HTMLInputElement): unknown;
}

function select(param: string, values: readonly string[], keyPrefix: string): HTMLSelectElement {
  const menu = el('select');
  menu.dataset.param = param;
  for (const v of values) {
    const option = el('option');
    option.value = v;
    option.dataset.i18n = `${keyPrefix}${v}`;
    menu.append(option);
  }
  return menu;
}

/** Builds the terrain fieldset with the panel's own control makers (same look, same parsing). */
export function terrainFields(m: FieldMakers): TerrainFields {
  const g = m.group('assumptions.terrain');
  g.root.dataset.group = 'terrain';
  const antenna = new Map<Tech, HTMLInputElement>();
  const band = new Map<Tech, HTMLInputElement>();
  const perTech = (param: 'antennaHeightM' | 'bandMhz', into: Map<Tech, HTMLInputElement>, key: string, unit: string, step: number): void => {
    const [min, max] = TERRAIN_BOUNDS[param];
    for (const tech of TECHS) {
      const input = m.numberInput(`terrain.${param}.${tech}`, { min, max, step });
      into.set(tech, input);
      const label = m.labelled('', input, unit, key);
      label.querySelector<HTMLElement>('.assumptions-name')!.dataset.i18nParams = JSON.stringify({ tech });
      g.body.append(label);
    }
  };
  perTech('antennaHeightM', antenna, 'assumptions.antenna', 'm', 1);
  const receiver = m.numberInput('terrain.receiverHeightM', { min: TERRAIN_BOUNDS.receiverHeightM[0], max: TERRAIN_BOUNDS.receiverHeightM[1], step: 0.5 });
  const k = m.numberInput('terrain.kFactor', { min: TERRAIN_BOUNDS.kFactor[0], max: TERRAIN_BOUNDS.kFactor[1], step: 0.01 });
  const criterion = select('terrain.criterion', CRITERIA, 'assumptions.criterion-');
  const fresnel = m.numberInput('terrain.fresnelClearance', { min: 0, max: 1, step: 0.1 });
  const model = select('terrain.pathLossModel', MODELS, 'assumptions.model-');
  const environment = select('terrain.environment', ENVIRONMENTS, 'assumptions.env-');
  const maxLoss = m.numberInput('terrain.maxPathLossDb', { min: TERRAIN_BOUNDS.maxPathLossDb[0], max: TERRAIN_BOUNDS.maxPathLossDb[1], step: 1 });
  g.body.append(
    m.labelled('', receiver, 'm', 'assumptions.receiver'),
    m.labelled('', k, '', 'assumptions.k-factor'),
    m.labelled('', criterion, '', 'assumptions.criterion'),
    m.labelled('', fresnel, '0–1', 'assumptions.fresnel'),
    m.labelled('', model, '', 'assumptions.path-loss-model'),
    m.labelled('', environment, '', 'assumptions.environment'),
    m.labelled('', maxLoss, 'dB', 'assumptions.max-loss'),
  );
  perTech('bandMhz', band, 'assumptions.band', 'MHz', 100);
  // k is shown to four decimals; an untouched field keeps the exact value (4/3 is not 1.3333, and a
  // different k would compute every profile again).
  let exactK = 4 / 3;
  const shownK = (v: number): string => String(Math.round(v * 10_000) / 10_000);
  return {
    root: g.root,
    raw: () => ({
      antennaHeightM: Object.fromEntries(TECHS.map((tech) => [tech, m.numberOf(antenna.get(tech)!)])),
      receiverHeightM: m.numberOf(receiver),
      kFactor: k.value === shownK(exactK) ? exactK : m.numberOf(k),
      criterion: criterion.value,
      fresnelClearance: m.numberOf(fresnel),
      pathLossModel: model.value,
      environment: environment.value,
      maxPathLossDb: m.numberOf(maxLoss),
      bandMhz: Object.fromEntries(TECHS.map((tech) => [tech, m.numberOf(band.get(tech)!)])),
    }),
    set(t) {
      for (const tech of TECHS) {
        antenna.get(tech)!.value = String(t.antennaHeightM[tech]);
        band.get(tech)!.value = String(t.bandMhz[tech]);
      }
      receiver.value = String(t.receiverHeightM);
      exactK = t.kFactor;
      k.value = shownK(t.kFactor);
      criterion.value = t.criterion;
      fresnel.value = String(t.fresnelClearance);
      model.value = t.pathLossModel;
      environment.value = t.environment;
      maxLoss.value = String(t.maxPathLossDb);
    },
  };
}
