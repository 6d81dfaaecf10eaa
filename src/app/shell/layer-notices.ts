import { errorMessage } from '../../core/error-message.ts';
import { InputError, type InputErrorParams } from '../../core/io/input-error.ts';
import type { LayerKind } from '../../core/io/read-layer.ts';
import type { LayerSlot, OpenedLayer } from '../../../workers/protocol.ts';
import type { LayerOrigin } from '../analysis/analysis-inputs.ts';
import { LayerLoadError, fileNameOf } from '../own-data/load-layer.ts';
import { askCrs } from '../own-data/crs-question.ts';
import { describeInputError } from '../own-data/own-data-messages.ts';
import { t, type MessageKey } from './i18n.ts';
import { showNotice } from './notices.ts';

/**
 * Notices for input layers that could not be read: by the page (its own copy for the map) or by
 * the coverage worker (the analysis runs without the layer, and says so).
 */

/** Each input slot's name in the notices. */
export const SLOT_NAMES: Record<LayerSlot, MessageKey> = {
  villages: 'layer.villages',
  bts: 'layer.bts',
  fibreRoutes: 'layer.fibre-routes',
  fibrePoints: 'layer.fibre-points',
  settlements: 'layer.settlements',
};

const SLOT_KINDS: Record<LayerSlot, LayerKind> = { villages: 'villages', bts: 'bts', fibreRoutes: 'fibre', fibrePoints: 'fibre', settlements: 'settlements' };

/** A translated, actionable message for a layer the page could not read. */
export function describeLayerError(err: unknown): string {
  if (err instanceof LayerLoadError) {
    const params = { file: err.file, status: err.status ?? '', detail: err.detail, crs: err.detail };
    return t(`error.${err.code}`, params);
  }
  return t('error.unexpected', { detail: errorMessage(err) });
}

/**
 * Shows (under `key`, replacing any earlier one) why `layer` could not be read; a file in metres
 * that declares no coordinate system brings the question (once per page).
 */
export function reportLayerError(layer: MessageKey, key: string, err: unknown): void {
  showNotice(key, () => t('notice.layer', { layer: t(layer), message: describeLayerError(err) }));
  if (err instanceof LayerLoadError && err.code === 'needs-crs') askCrsOnce(err.file, err.params);
}

/** Whether the page has asked for a coordinate system already (it opens again with the answer). */
let crsAsked = false;

/** Asks for the coordinate system of `file` unless the page asked already. */
function askCrsOnce(file: string, params: InputErrorParams): void {
  if (crsAsked) return;
  crsAsked = true;
  askUrlCrs(file, params).catch((failure: unknown) => showNotice('crs', () => t('error.unexpected', { detail: errorMessage(failure) })));
}

/**
 * A file given by URL is in metres and declares no coordinate system: the user is asked (the likely
 * zone preselected) and the page opens again with `crs=` in its address, so the link keeps the answer.
 */
async function askUrlCrs(file: string, params: InputErrorParams): Promise<void> {
  const crs = await askCrs(file, params);
  if (crs === null) return;
  const url = new URL(location.href);
  url.searchParams.set('crs', crs);
  location.assign(url.href);
}

/** The layers the coverage worker could not read (among those `report` picks), each in a notice: the analysis runs without them. */
export function reportOpenErrors(
  opened: Record<LayerSlot, OpenedLayer | null>,
  origins: Record<LayerSlot, LayerOrigin | null>,
  report: (slot: LayerSlot) => boolean,
): void {
  for (const slot of Object.keys(opened) as LayerSlot[]) {
    const o = opened[slot];
    if (!o || !('error' in o) || !report(slot)) continue;
    const file = fileNameOf(origins[slot]?.url ?? slot);
    const code = o.error.code;
    const error = code === 'unexpected' ? new Error(o.error.message) : new InputError(code, o.error.message, o.error.params);
    showNotice(`layer-${slot}`, () => t('notice.layer', { layer: t(SLOT_NAMES[slot]), message: describeInputError(error, file, SLOT_KINDS[slot]) }));
    // A file in metres that does not say in which system: the user is asked.
    if (code === 'needs-crs') askCrsOnce(file, o.error.params);
  }
}
