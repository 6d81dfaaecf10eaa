import { ENCODING_LABELS, parseEncodingLabel, TEXT_ENCODINGS, type TextEncoding } from '../../core/io/encoding/text-encodings.ts';
import type { SourceReport } from '../../core/io/read-features.ts';
import { t, type MessageKey } from '../shell/i18n.ts';
import { dialogButtons } from '../ui/dom.ts';
import { modalStep, openModalStep } from './modal-step.ts';

/**
 * The import step: how a file was read — format, layer or sheet, coordinate system (and where it
 * came from), text encoding with a preview of the names in it — shown before the layer is used
 * when there is something to check (see {@link needsReview}). The user may pick another encoding
 * (the preview follows at once) or another layer; the file is then read again.
 */

/** What the user decided: the encoding and layer to read with (as read, or changed). */
export interface ImportAnswer {
  encoding: TextEncoding | null;
  layer: string | null;
}

/**
 * Worth a look: a coordinate system other than WGS 84 (declared or given), axes swapped, a legacy
 * or uncertain text encoding, or a choice of layers or sheets. A plain UTF-8 CSV or GeoJSON in
 * WGS 84 is used at once, as before.
 */
export function needsReview(source: SourceReport): boolean {
  const crs = source.crs;
  if ((crs.from === 'declared' || crs.from === 'given') && crs.code !== 'EPSG:4326') return true;
  if (crs.axesSwapped) return true;
  const e = source.encoding;
  if (e !== null && (!e.certain || (e.from === 'detected' && e.encoding !== 'utf-8' && e.encoding !== 'utf-16le' && e.encoding !== 'utf-16be'))) return true;
  return source.layers !== null && source.layers.names.length > 1;
}

/** Opens the step (`#import-step`); resolves with the answer, or null when the user cancels. */
export function askImport(file: string, source: SourceReport): Promise<ImportAnswer | null> {
  const step = modalStep({ id: 'import-step', className: 'import-step', title: 'import.title', intro: t('import.intro', { file }) });
  const { form } = step;
  const row = (label: MessageKey, value: HTMLElement, key: string): void => {
    const r = document.createElement('div');
    r.className = 'field-mapping-row';
    r.dataset.import = key;
    const name = document.createElement('span');
    name.className = 'field-mapping-field';
    name.dataset.i18n = label;
    r.append(name, value);
    form.append(r);
  };
  const text = (s: string): HTMLElement => {
    const span = document.createElement('span');
    span.className = 'import-value';
    span.textContent = s;
    return span;
  };

  row('import.format', text(t(`format.${source.format}` as MessageKey)), 'format');
  let layerSelect: HTMLSelectElement | null = null;
  if (source.layers !== null && source.layers.names.length > 1) {
    layerSelect = document.createElement('select');
    layerSelect.name = 'layer';
    for (const name of source.layers.names) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.selected = name === source.layers.chosen;
      layerSelect.append(option);
    }
    row('import.layer', layerSelect, 'layer');
  }
  const crs = source.crs;
  const crsName = crs.code !== null && crs.code !== crs.name ? `${crs.name} (${crs.code})` : crs.name;
  row('import.crs', text(t(`import.crs-${crs.from}` as MessageKey, { name: crsName })), 'crs');
  if (crs.axesSwapped) form.lastElementChild?.append(text(t('import.axes-swapped')));

  let encodingSelect: HTMLSelectElement | null = null;
  const e = source.encoding;
  if (e !== null) {
    encodingSelect = document.createElement('select');
    encodingSelect.name = 'encoding';
    for (const enc of TEXT_ENCODINGS) {
      const option = document.createElement('option');
      option.value = enc;
      option.textContent = ENCODING_LABELS[enc];
      option.selected = enc === e.encoding;
      encodingSelect.append(option);
    }
    const how = !e.certain ? 'import.encoding-unsure' : (`import.encoding-${e.from}` as MessageKey);
    const box = document.createElement('span');
    box.className = 'import-encoding';
    box.append(encodingSelect, text(t(how, { declared: e.declared ?? '' })));
    row('import.encoding', box, 'encoding');
    const heading = document.createElement('p');
    heading.className = 'hint';
    heading.dataset.i18n = 'import.preview';
    const preview = document.createElement('ul');
    preview.className = 'import-preview';
    const showPreview = (): void => {
      const names = e.previews.find((p) => p.encoding === encodingSelect?.value)?.names ?? [];
      preview.replaceChildren(...names.map((n) => {
        const li = document.createElement('li');
        li.textContent = n;
        return li;
      }));
    };
    encodingSelect.addEventListener('change', showPreview);
    showPreview();
    form.append(heading, preview);
  }

  const { box: buttons } = dialogButtons([
    { value: 'cancel', action: 'cancel-import', i18n: 'import.cancel' },
    { value: 'accept', action: 'accept-import', i18n: 'import.accept' },
  ]);
  form.append(buttons);
  return openModalStep(step, (returnValue): ImportAnswer | null =>
    returnValue === 'accept'
      ? {
          encoding: encodingSelect !== null ? parseEncodingLabel(encodingSelect.value) : null,
          layer: layerSelect !== null ? layerSelect.value : null,
        }
      : null,
  );
}
