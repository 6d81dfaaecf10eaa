import { FIELD_ALIASES, type FieldMapping, type FieldName } from '../../core/io/field-mapping.ts';
import { t } from '../shell/i18n.ts';
import { dialogButtons } from '../ui/dom.ts';
import { modalStep, openModalStep } from './modal-step.ts';

/**
 * The field-mapping step: a file lacks columns we need under any name we know (`missing-columns`),
 * so the user picks, for each missing field, which of the file's columns holds it. Resolves with
 * the chosen mapping, or null when the user cancels (the file is then not loaded).
 */

export interface MappingRequest {
  /** The file's name, for the question. */
  file: string;
  /** Our fields with no column. */
  missing: readonly string[];
  /** The file's columns. */
  found: readonly string[];
}

/** Opens the step as a modal dialog (`#field-mapping`) and waits for the user's answer. */
export function askFieldMapping(request: MappingRequest): Promise<FieldMapping | null> {
  const step = modalStep({
    id: 'field-mapping',
    title: 'mapping.title',
    intro: t('mapping.intro', { file: request.file, fields: request.missing.join(', ') }),
  });
  const { form } = step;
  const selects = new Map<string, HTMLSelectElement>();
  for (const field of request.missing) {
    const label = document.createElement('label');
    label.className = 'field-mapping-row';
    const name = document.createElement('span');
    name.className = 'field-mapping-field';
    name.textContent = field;
    const hint = document.createElement('span');
    hint.className = 'hint';
    const aliases = FIELD_ALIASES[field as FieldName];
    hint.textContent = aliases ? t('mapping.example', { aliases: aliases.slice(0, 4).join(', ') }) : '';
    const select = document.createElement('select');
    select.dataset.field = field;
    const none = document.createElement('option');
    none.value = '';
    none.dataset.i18n = 'mapping.none';
    select.append(none);
    for (const column of request.found) {
      const option = document.createElement('option');
      option.value = column;
      option.textContent = column;
      select.append(option);
    }
    selects.set(field, select);
    label.append(name, select, hint);
    form.append(label);
  }
  const error = document.createElement('p');
  error.className = 'field-mapping-error';
  error.hidden = true;
  const { box: buttons, buttons: [, apply] } = dialogButtons([
    { value: 'cancel', action: 'cancel-mapping', i18n: 'mapping.cancel' },
    { value: 'apply', action: 'apply-mapping', i18n: 'mapping.apply' },
  ]);
  form.append(error, buttons);

  apply.addEventListener('click', (event) => {
    const unset = [...selects].filter(([, s]) => s.value === '').map(([f]) => f);
    if (unset.length > 0) {
      event.preventDefault();
      error.hidden = false;
      error.setAttribute('role', 'alert');
      error.textContent = t('mapping.unset', { fields: unset.join(', ') });
    }
  });

  return openModalStep(step, (returnValue) => {
    if (returnValue !== 'apply') return null;
    const mapping: FieldMapping = {};
    for (const [field, select] of selects) mapping[field as FieldName] = select.value;
    return mapping;
  });
}
