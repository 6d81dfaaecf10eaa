/**
 * The DOM helpers every panel uses: one way to make an element and one way to find the page's own.
 */

/** A new `<tag>` with an optional class name and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The element of index.html with `id`, checked to be a `type` (any element when not given); throws
 * when the page lacks it or it is of another kind (a broken page, not user input).
 */
export function byId(id: string): HTMLElement;
export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T;
export function byId(id: string, type: { new (): HTMLElement; prototype: HTMLElement } = HTMLElement): HTMLElement {
  const found = document.getElementById(id);
  if (!(found instanceof type)) {
    throw new Error(`index.html lacks the element #${id} (${type.name}): restore it or rename the id here.`);
  }
  return found;
}

/**
 * A form field: `<label class="plan-field">` holding its text (a span: `text` now, or filled later
 * in the current language) and `control`.
 */
export function field(control: HTMLElement, text?: string): { label: HTMLLabelElement; text: HTMLSpanElement } {
  const label = el('label', 'plan-field');
  const span = el('span', undefined, text);
  label.append(span, control);
  return { label, text: span };
}

/**
 * The buttons of a `<form method="dialog">`: each closes the dialog with its `value` as the
 * dialog's return value; `action` is its `data-action`, `i18n` its label's message key. The
 * buttons come back in order, for a caller that listens to one.
 */
export function dialogButtons(buttons: readonly { value: string; action: string; i18n: string }[]): { box: HTMLDivElement; buttons: HTMLButtonElement[] } {
  const box = el('div', 'field-mapping-buttons');
  const made = buttons.map((b) => {
    const button = el('button');
    button.type = 'submit';
    button.value = b.value;
    button.dataset.action = b.action;
    button.dataset.i18n = b.i18n;
    return button;
  });
  box.append(...made);
  return { box, buttons: made };
}
