import type { MessageKey } from '../shell/i18n.ts';
import { dialogButtons } from '../ui/dom.ts';
import { modalStep, openModalStep } from './modal-step.ts';

/**
 * A question with one answer from a list, as a modal dialog: which coordinate system a file in
 * metres is in, which layer of an archive to read. Resolves with the chosen value, or null when the
 * user cancels (the file is then not loaded).
 */

export interface ChoiceRequest {
  /** The dialog's id (`#crs-question`, `#layer-question`), for tests and styling. */
  id: string;
  title: MessageKey;
  /** The question, already filled in. */
  intro: string;
  label: MessageKey;
  options: readonly { value: string; label: string }[];
  /** The value selected at first. */
  selected?: string;
  /** The apply button's label and `data-action`. */
  apply: { label: MessageKey; action: string };
}

/** Opens the dialog and waits for the answer. */
export function askChoice(request: ChoiceRequest): Promise<string | null> {
  const step = modalStep({ id: request.id, title: request.title, intro: request.intro });
  const row = document.createElement('label');
  row.className = 'field-mapping-row';
  const name = document.createElement('span');
  name.className = 'field-mapping-field';
  name.dataset.i18n = request.label;
  const select = document.createElement('select');
  select.name = 'choice';
  for (const o of request.options) {
    const option = document.createElement('option');
    option.value = o.value;
    option.textContent = o.label;
    option.selected = o.value === request.selected;
    select.append(option);
  }
  row.append(name, select);
  const { box: buttons } = dialogButtons([
    { value: 'cancel', action: `cancel-${request.apply.action}`, i18n: 'mapping.cancel' },
    { value: 'apply', action: request.apply.action, i18n: request.apply.label },
  ]);
  step.form.append(row, buttons);
  return openModalStep(step, (returnValue) => (returnValue === 'apply' ? select.value : null));
}
