import { applyTranslations, type MessageKey } from '../shell/i18n.ts';

/**
 * The frame every question of the own-data import shares (field mapping, import step, choice of
 * coordinate system or layer): a modal `<dialog>` with a title, the question and a
 * `<form method="dialog">` the caller fills; once open, it resolves with the caller's reading of the
 * answer when the dialog closes, and is then removed.
 */

export interface ModalStepOptions {
  /** The dialog's id (`#field-mapping`, `#import-step`, …); a dialog left open with it is replaced. */
  id: string;
  /** Class names besides `field-mapping`, which every step's styling starts from. */
  className?: string;
  title: MessageKey;
  /** The question, already filled in. */
  intro: string;
}

/** The dialog (not yet on the page) and its form, for the caller to fill. */
export interface ModalStep {
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
}

/** Builds the frame of a step; nothing is shown until {@link openModalStep}. */
export function modalStep(options: ModalStepOptions): ModalStep {
  document.getElementById(options.id)?.remove();
  const dialog = document.createElement('dialog');
  dialog.id = options.id;
  dialog.className = options.className ? `field-mapping ${options.className}` : 'field-mapping';
  dialog.setAttribute('aria-labelledby', `${options.id}-title`);
  const title = document.createElement('h2');
  title.id = `${options.id}-title`;
  title.dataset.i18n = options.title;
  const intro = document.createElement('p');
  intro.className = 'field-mapping-intro';
  intro.textContent = options.intro;
  const form = document.createElement('form');
  form.method = 'dialog';
  dialog.append(title, intro, form);
  return { dialog, form };
}

/**
 * Puts the step on the page, translated, as a modal dialog; resolves with `answer(returnValue)` (the
 * value of the button that closed it, `''` on Escape) once it closes, and removes it.
 */
export function openModalStep<T>(step: ModalStep, answer: (returnValue: string) => T): Promise<T> {
  const { dialog } = step;
  document.body.append(dialog);
  applyTranslations(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const result = answer(dialog.returnValue);
      dialog.remove();
      resolve(result);
    });
    dialog.showModal();
  });
}
