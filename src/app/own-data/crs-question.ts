import { crsFromEpsg } from '../../core/io/crs/crs-registry.ts';
import { epsgCodeInName } from '../../core/io/crs/resolve-crs.ts';
import type { InputErrorParams } from '../../core/io/input-error.ts';
import { t } from '../shell/i18n.ts';
import { askChoice } from './choice-dialog.ts';

/**
 * The question asked when a file has coordinates in metres and declares no coordinate system
 * (`needs-crs`): every VN-2000 zone and UTM, best first, the likely zone of the province the data
 * would fall in preselected. Resolves with "EPSG:NNNN", or null when the user cancels.
 */
export function askCrs(file: string, params: InputErrorParams): Promise<string | null> {
  const zones = Array.isArray(params.zones) ? params.zones.map(String) : [];
  const likely = Array.isArray(params.likely) ? params.likely.map(String) : [];
  const provinces = Array.isArray(params.provinces) ? params.provinces.map(String) : [];
  const options = zones.map((code) => {
    const code4 = epsgCodeInName(code);
    const name = `${code} — ${(code4 !== null ? crsFromEpsg(code4)?.name : null) ?? code}`;
    const at = likely.indexOf(code);
    return { value: code, label: at === -1 ? name : t('crs.likely', { name, province: provinces[at] ?? '' }) };
  });
  return askChoice({
    id: 'crs-question',
    title: 'crs.title',
    intro: t('crs.intro', { file, example: String(params.example ?? '') }),
    label: 'crs.label',
    options,
    selected: likely[0] ?? zones[0],
    apply: { label: 'crs.apply', action: 'apply-crs' },
  });
}

/** The question asked when an archive holds several layers (`choose-layer`). */
export function askLayer(file: string, layer: string, params: InputErrorParams): Promise<string | null> {
  const layers = Array.isArray(params.layers) ? params.layers.map(String) : [];
  return askChoice({
    id: 'layer-question',
    title: 'layer-choice.title',
    intro: t('layer-choice.intro', { file, layer }),
    label: 'layer-choice.label',
    options: layers.map((l) => ({ value: l, label: l })),
    selected: layers[0],
    apply: { label: 'layer-choice.apply', action: 'apply-layer' },
  });
}
