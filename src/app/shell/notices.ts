import { t } from './i18n.ts';

/**
 * Visible, dismissable messages over the map (`role="alert"`, information `role="status"`), so a failing layer is never a silent
 * blank map. One notice per key: showing the same key again replaces it. Messages are kept as
 * functions so they follow a language switch.
 */

let container: HTMLElement | null = null;
const renderers = new Map<string, () => string>();

/** Where notices go; call once with the element over the map. */
export function mountNotices(element: HTMLElement): void {
  container = element;
}

/** Shows the message `render()` returns (in the current language); `key` lets it be replaced or cleared. */
export function showNotice(key: string, render: () => string, options: { kind?: 'error' | 'info' } = {}): void {
  if (!container) throw new Error('showNotice called before mountNotices(element)');
  let notice = findNotice(key);
  if (!notice) {
    notice = document.createElement('div');
    notice.dataset.notice = key;
    const text = document.createElement('p');
    text.className = 'notice-text';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'notice-close';
    close.textContent = '×';
    close.dataset.i18nAria = 'notice.dismiss';
    close.setAttribute('aria-label', t('notice.dismiss'));
    close.addEventListener('click', () => clearNotice(key));
    notice.append(text, close);
    container.append(notice);
  }
  notice.className = `notice notice-${options.kind ?? 'error'}`;
  // An error interrupts (alert); information waits its turn (status).
  notice.setAttribute('role', options.kind === 'info' ? 'status' : 'alert');
  renderers.set(key, render);
  writeText(notice, render);
}

/** Removes the notice with `key`, if any. */
export function clearNotice(key: string): void {
  findNotice(key)?.remove();
  renderers.delete(key);
}

/** Re-renders every notice in the current language. */
export function refreshNotices(): void {
  for (const [key, render] of renderers) {
    const notice = findNotice(key);
    if (notice) writeText(notice, render);
  }
}

function findNotice(key: string): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`[data-notice="${CSS.escape(key)}"]`) ?? null;
}

function writeText(notice: HTMLElement, render: () => string): void {
  const text = notice.querySelector('.notice-text');
  if (text) text.textContent = render();
}
