import { isInputError } from '../../core/io/input-error.ts';
import type { LayerKind } from '../../core/io/read-layer.ts';
import type { InputIssue } from '../../core/model.ts';
import { askFieldMapping } from './field-mapping-step.ts';
import { applyTranslations, formatNumber, onLangChange, t } from '../shell/i18n.ts';
import { clearNotice, showNotice } from '../shell/notices.ts';
import { describeInputError } from './own-data-messages.ts';
import { askCrs, askLayer } from './crs-question.ts';
import { askImport, needsReview } from './import-step.ts';
import { guessKind, readFileBytes, readOwnLayer, type FileLike, type OwnLayer, type OwnReadOptions } from './own-data.ts';

/**
 * "Your data": a file picker per layer (`input[type=file][data-input="villages|bts|fibre|settlements"]`)
 * and drag-and-drop onto the map (the user says which layer the file is). A file is read with a
 * progress bar and a cancel button, column names are mapped when ours are missing, and the
 * accepted layer is handed to `onLayer`; a refused file leaves the data as it was and says why.
 */

export const OWN_KINDS: readonly LayerKind[] = ['villages', 'bts', 'fibre', 'settlements'];

/** How many issue lines the expandable notice lists (the rest are counted). */
const ISSUES_SHOWN = 200;
/**
 * How many times one file may be read again after a question (the columns, once for the
 * coordinates and once for the layer's fields; the coordinate system; the layer; the import step).
 */
const QUESTION_ROUNDS = 8;

export interface OwnDataOptions {
  /** Receives an accepted layer; may be async (the analysis re-runs). */
  onLayer(layer: OwnLayer): void | Promise<void>;
  /** Where files may be dropped (the map). */
  dropTarget: HTMLElement;
  /** Size limit override (tests use the default). */
  maxBytes?: number;
}

/** Builds the section inside `container` and wires the drop target. */
export function renderOwnData(container: HTMLElement, options: OwnDataOptions): void {
  container.replaceChildren();
  const list = document.createElement('ul');
  list.className = 'own-data-list';
  for (const kind of OWN_KINDS) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.className = 'own-data-pick';
    const name = document.createElement('span');
    name.dataset.i18n = `own.kind.${kind}`;
    const input = document.createElement('input');
    input.type = 'file';
    input.dataset.input = kind;
    input.accept = '.geojson,.json,.fgb,.csv,.tsv,.txt,.zip,.kml,.kmz,.xlsx';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) void loadFile(kind, file, options);
    });
    const button = document.createElement('span');
    button.className = 'own-data-button';
    button.dataset.i18n = 'own.choose';
    label.append(name, input, button);
    item.append(label);
    list.append(item);
  }
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.dataset.i18n = 'own.hint';
  const progress = document.createElement('div');
  progress.className = 'progress';
  progress.id = 'load-progress';
  progress.hidden = true;
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.dataset.i18nAria = 'own.progress';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.dataset.action = 'cancel-load';
  cancel.dataset.i18n = 'action.cancel-analysis';
  cancel.addEventListener('click', () => current?.abort());
  progress.append(bar, cancel);
  container.append(list, hint, progress);
  applyTranslations(container);
  wireDrop(options);
}

let current: AbortController | null = null;

function progressBar(): { show(fraction: number): void; hide(): void } {
  const box = document.getElementById('load-progress');
  const bar = box?.querySelector('progress');
  return {
    show(fraction) {
      if (!box || !bar) return;
      box.hidden = false;
      bar.value = fraction;
    },
    hide() {
      if (box) box.hidden = true;
    },
  };
}

/**
 * Reads `file` as a layer of `kind`: size guard, bytes with progress, `readLayer`, the questions a
 * file may need (columns, coordinate system, layer) and the import step; then `onLayer`. Every
 * failure is a notice keyed `own-<kind>`.
 */
async function loadFile(kind: LayerKind, file: FileLike, options: OwnDataOptions): Promise<OwnLayer | null> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const bar = progressBar();
  const key = `own-${kind}`;
  bar.show(0);
  try {
    const bytes = await readFileBytes(file, { signal: controller.signal, onProgress: (f) => bar.show(f), maxBytes: options.maxBytes });
    const layer = await readWithAnswers(kind, file.name, bytes, controller.signal);
    // A question the user cancelled leaves the data as it was, like the cancel button.
    if (layer === null) controller.abort();
    controller.signal.throwIfAborted();
    if (layer === null) return null;
    clearNotice(key);
    showIssues({ ...layer, issueCount: layer.issues.length });
    await options.onLayer(layer);
    return layer;
  } catch (err) {
    if (controller.signal.aborted) {
      showNotice(key, () => t('own.cancelled', { file: file.name }), { kind: 'info' });
    } else {
      showNotice(key, () => t('own.refused', { file: file.name, layer: t(`own.kind.${kind}`), message: describeInputError(err, file.name, kind) }));
    }
    return null;
  } finally {
    if (current === controller) {
      current = null;
      bar.hide();
    }
  }
}

/**
 * Reads the file, asking what the file does not say: the columns (field mapping), the coordinate
 * system of metres without one, the layer of an archive; then, when there is something to check,
 * the import step (CRS, encoding with a preview of the names, layer or sheet). Null when the user
 * cancels a question.
 */
async function readWithAnswers(kind: LayerKind, name: string, bytes: Uint8Array, signal: AbortSignal): Promise<OwnLayer | null> {
  let read: OwnReadOptions = { signal };
  let reviewed = false;
  for (let round = 0; round < QUESTION_ROUNDS; round++) {
    let layer: OwnLayer;
    try {
      layer = await readOwnLayer(kind, name, bytes, read);
    } catch (err) {
      if (!isInputError(err) || round === QUESTION_ROUNDS - 1) throw err;
      if (err.code === 'missing-columns' && err.params.layer !== 'OpenCelliD') {
        const answer = await askFieldMapping({
          file: name,
          missing: (err.params.missing as readonly string[]) ?? [],
          found: (err.params.found as readonly string[]) ?? [],
        });
        if (answer === null) throw err;
        read = { ...read, mapping: { ...read.mapping, ...answer } };
      } else if (err.code === 'needs-crs') {
        const crs = await askCrs(name, err.params);
        if (crs === null) return null;
        read = { ...read, crs };
      } else if (err.code === 'choose-layer' && Array.isArray(err.params.layers)) {
        const chosen = await askLayer(name, t(`own.kind.${kind}`), err.params);
        if (chosen === null) return null;
        read = { ...read, layer: chosen };
      } else {
        throw err;
      }
      continue;
    }
    if (reviewed || !needsReview(layer.source)) return layer;
    const answer = await askImport(name, layer.source);
    if (answer === null) return null;
    reviewed = true;
    const encodingChanged = answer.encoding !== null && answer.encoding !== layer.source.encoding?.encoding;
    const layerChanged = answer.layer !== null && answer.layer !== layer.source.layers?.chosen;
    if (!encodingChanged && !layerChanged) return layer;
    read = { ...read, encoding: answer.encoding ?? read.encoding, layer: answer.layer ?? read.layer };
  }
  return null;
}

/** Language listeners of the issue notices, by notice key. */
const unsubscribe = new Map<string, () => void>();

/** What a notice of a read layer says: its file, how many records, repairs, and the rows skipped or changed. */
export interface ReadSummary {
  kind: LayerKind;
  /** The file's name, as the user knows it. */
  name: string;
  count: number;
  repaired: number;
  invalid: number;
  /** The first issues (at most all of them). */
  issues: readonly InputIssue[];
  /** How many issues there are in all. */
  issueCount: number;
}

/**
 * A notice the user can expand: what was read, how many polygons were repaired, and every row
 * skipped or changed (with its line or feature number). Built with textContent only. Used for a
 * picked file and for a layer read by URL.
 */
export function showIssues(layer: ReadSummary): void {
  const container = document.getElementById('notices');
  if (!container) return;
  const key = `own-issues-${layer.kind}`;
  container.querySelector(`[data-notice="${key}"]`)?.remove();
  unsubscribe.get(key)?.();
  const notice = document.createElement('div');
  notice.className = 'notice notice-info own-issues';
  notice.dataset.notice = key;
  notice.setAttribute('role', 'status');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  const render = (): void => {
    summary.textContent = t(layer.kind === 'villages' ? 'own.summary-villages' : 'own.summary', {
      file: layer.name,
      layer: t(`own.kind.${layer.kind}`),
      count: formatNumber(layer.count),
      repaired: formatNumber(layer.repaired),
      invalid: formatNumber(layer.invalid),
      issues: formatNumber(layer.issueCount),
    });
  };
  render();
  unsubscribe.set(key, onLangChange(render));
  details.append(summary);
  if (layer.issues.length > 0) {
    const list = document.createElement('ul');
    for (const issue of layer.issues.slice(0, ISSUES_SHOWN)) {
      const li = document.createElement('li');
      li.textContent = issue.message;
      list.append(li);
    }
    const shown = Math.min(layer.issues.length, ISSUES_SHOWN);
    if (layer.issueCount > shown) {
      const more = document.createElement('li');
      more.textContent = t('own.more', { count: formatNumber(layer.issueCount - shown) });
      list.append(more);
    }
    details.append(list);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.textContent = '×';
  close.setAttribute('aria-label', t('notice.dismiss'));
  close.addEventListener('click', () => {
    notice.remove();
    unsubscribe.get(key)?.();
    unsubscribe.delete(key);
  });
  notice.append(details, close);
  container.append(notice);
}

/** Files dropped on the map: the user says which layer each is (a guess from its name is pre-selected). */
function wireDrop(options: OwnDataOptions): void {
  const target = options.dropTarget;
  const hasFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
  target.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    target.classList.add('drop-active');
  });
  target.addEventListener('dragleave', () => target.classList.remove('drop-active'));
  target.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    target.classList.remove('drop-active');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    void askKind(file.name).then((kind) => {
      if (kind) return loadFile(kind, file, options);
      return null;
    });
  });
}

/** Asks which layer a dropped file is; null when the user cancels. */
function askKind(fileName: string): Promise<LayerKind | null> {
  document.getElementById('drop-kind')?.remove();
  const dialog = document.createElement('dialog');
  dialog.id = 'drop-kind';
  dialog.className = 'field-mapping';
  const title = document.createElement('h2');
  title.textContent = t('own.drop-title', { file: fileName });
  const form = document.createElement('form');
  form.method = 'dialog';
  const buttons = document.createElement('div');
  buttons.className = 'field-mapping-buttons';
  const guess = guessKind(fileName);
  for (const kind of OWN_KINDS) {
    const b = document.createElement('button');
    b.type = 'submit';
    b.value = kind;
    b.dataset.kind = kind;
    b.textContent = t(`own.kind.${kind}`);
    if (kind === guess) b.autofocus = true;
    buttons.append(b);
  }
  const cancel = document.createElement('button');
  cancel.type = 'submit';
  cancel.value = '';
  cancel.textContent = t('mapping.cancel');
  buttons.append(cancel);
  form.append(buttons);
  dialog.append(title, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const value = dialog.returnValue;
      dialog.remove();
      resolve((OWN_KINDS as readonly string[]).includes(value) ? (value as LayerKind) : null);
    });
    dialog.showModal();
  });
}
