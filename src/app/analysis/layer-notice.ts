import { absentLayers, INPUT_LAYERS, type LayerPresence } from '../../core/analysis/input-layers.ts';
import { formatNumber, onLangChange, t } from '../shell/i18n.ts';
import { outsideIdList, type SettlementsOutside } from '../../core/populated-points.ts';
import type { UnreachedLayer } from '../../core/analysis/unreached-layers.ts';
import { formatDistance } from '../planner/gap-list.ts';
import type { Manifest, SampleLayer } from '../shell/manifest.ts';
import { clearNotice, showNotice } from '../shell/notices.ts';

/**
 * What the page says about its inputs: the layers an analysis ran on (a notice when some are
 * absent, and a line on the plan board), and the note on the sample's synthetic layers, shown
 * exactly while sample data is on screen.
 */

/** "Analysed with: villages, BTS sites. Without: fibre (FTTH unknown …), settlements (…)". */
export function describeLayers(layers: LayerPresence): string {
  const given = INPUT_LAYERS.filter((l) => layers[l]).map((l) => t(`layers.${l}`));
  const absent = absentLayers(layers).map((l) => t(`layers.${l}-absent`));
  return absent.length === 0
    ? t('layers.ran-on', { layers: given.join(', ') })
    : t('layers.ran-on-without', { layers: given.join(', '), absent: absent.join('; ') });
}

/** Shows which layers the analysis ran on as an info notice when one is absent; clears it when all were given. */
export function announceLayers(layers: LayerPresence): void {
  if (absentLayers(layers).length === 0) clearNotice('layers');
  else showNotice('layers', () => describeLayers(layers), { kind: 'info' });
}

/** "12 settlement points lie in no village … (first: s-1, s-9, …)"; empty when every point lies in one. */
export function describeOutsideSettlements(outside: SettlementsOutside): string {
  if (outside.count === 0) return '';
  return t('layers.settlements-outside', { count: formatNumber(outside.count), first: outsideIdList(outside) });
}

/** Says, as an info notice, how many settlement points lie in no village; clears it when none does. */
export function announceOutsideSettlements(outside: SettlementsOutside): void {
  if (outside.count === 0) clearNotice('settlements-outside');
  else showNotice('settlements-outside', () => describeOutsideSettlements(outside), { kind: 'info' });
}

/** What to say of a BTS or fibre layer that reaches no village: how far its nearest site or fibre lies, or that it has no broadband site. */
export function describeUnreached({ layer, reason, nearestM, beyondM }: UnreachedLayer, params: { ftthReachM: number; broadbandTechs: readonly string[] }): string {
  if (reason === 'no-broadband-site') return t('layers.bts-no-broadband', { techs: params.broadbandTechs.join(', ') });
  // Far: the nearest site or fibre, or (fibre) how far none was found.
  const far = nearestM !== null ? t(`layers.${layer}-nearest`, { distance: formatDistance(nearestM) }) : t('layers.fibre-beyond', { distance: formatDistance(beyondM) });
  return t(`layers.${layer}-unreached`, { far, reach: formatDistance(params.ftthReachM) });
}

/**
 * Says when the BTS layer reaches no village (an alert: a wrong file or coordinate system, most
 * likely; information when it has no broadband site, which the assumptions decide) or no village
 * lies within the fibre's FTTH reach (information: a remote province may be so); clears what no
 * longer holds.
 */
export function announceUnreached(unreached: readonly UnreachedLayer[], params: { ftthReachM: number; broadbandTechs: readonly string[] }): void {
  for (const layer of ['bts', 'fibre'] as const) {
    const found = unreached.find((u) => u.layer === layer);
    const key = `${layer}-unreached`;
    if (!found) clearNotice(key);
    else showNotice(key, () => describeUnreached(found, params), { kind: found.layer === 'bts' && found.reason === 'far' ? 'error' : 'info' });
  }
}

/** The sample's analysis layers and the name each is listed under in the note. */
const NOTE_LAYERS: readonly [SampleLayer, 'villages' | 'bts' | 'fibre' | 'settlements'][] = [
  ['villages', 'villages'],
  ['settlements', 'settlements'],
  ['bts', 'bts'],
  ['fibre-routes', 'fibre'],
  ['fibre-points', 'fibre'],
];

/** The synthetic layers of the sample, named in the current language ("villages, settlements, BTS sites, fibre"). */
export function syntheticLayerNames(manifest: Manifest | null): string {
  const names = new Set<string>();
  for (const [layer, name] of NOTE_LAYERS) if (manifest?.layers[layer]?.real === false) names.add(t(`layers.${name}`));
  return [...names].join(', ');
}

let noteElement: HTMLElement | null = null;
let noteManifest: Manifest | null = null;

/**
 * Shows the note on the sample's simulated layers in `element` while sample data is on screen
 * (`shown`), naming the layers the manifest marks synthetic; it follows language switches.
 */
export function showSyntheticNote(element: HTMLElement, manifest: Manifest | null, shown: boolean): void {
  if (!noteElement) onLangChange(() => writeNote());
  noteElement = element;
  noteManifest = manifest;
  // The text is written here (it names layers), not by the generic translation pass.
  delete element.dataset.i18n;
  element.hidden = !shown || syntheticLayerNames(manifest) === '';
  writeNote();
}

function writeNote(): void {
  if (noteElement) noteElement.textContent = t('synthetic.layers', { layers: syntheticLayerNames(noteManifest) });
}
