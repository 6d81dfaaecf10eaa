import { formatNumber, onLangChange, t, type MessageKey } from './i18n.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * The offline copy of the app: registers the service worker (workers/service-worker.ts, built app
 * only) once the first analysis is drawn, so storing the files never competes with it; shows whether
 * the app is stored, how much this browser holds for it, and removes it on request.
 *
 * Automation: the container's `data-offline` is `ready`, `pending`, `none`, `unsupported` or
 * `cleared`; the button is `[data-action="clear-offline"]`.
 */

type OfflineState = 'ready' | 'pending' | 'none' | 'unsupported' | 'cleared';

const STATE_TEXT: Record<OfflineState, MessageKey> = {
  ready: 'offline.ready',
  pending: 'offline.pending',
  none: 'offline.none',
  unsupported: 'offline.unsupported',
  cleared: 'offline.cleared',
};

/** The service worker's file in the build, next to index.html. */
const SERVICE_WORKER = './service-worker.js';

/** Builds the offline section in `container` and registers the service worker (in a built app). */
export function mountOfflineStorage(container: HTMLElement): void {
  const status = document.createElement('p');
  status.className = 'hint offline-status';
  const usage = document.createElement('p');
  usage.className = 'hint offline-usage';
  const own = document.createElement('p');
  own.className = 'hint';
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.dataset.action = 'clear-offline';
  container.replaceChildren(status, usage, own, clear);

  const supported = 'serviceWorker' in navigator && window.isSecureContext;
  let state: OfflineState = supported ? 'none' : 'unsupported';
  let usageText: () => string = () => '';
  let failure: string | null = null;

  const render = (): void => {
    container.dataset.offline = state;
    status.textContent = failure ?? t(STATE_TEXT[state]);
    usage.textContent = usageText();
    own.textContent = t('offline.own-files');
    clear.textContent = t('offline.clear');
    clear.disabled = state === 'unsupported' || state === 'none' || state === 'cleared';
  };
  const measure = async (): Promise<void> => {
    let bytes: number | undefined;
    try {
      bytes = (await navigator.storage?.estimate?.())?.usage;
    } catch {
      // Some browsers refuse the estimate (private windows): the sentence says it cannot be measured.
      bytes = undefined;
    }
    usageText = () =>
      typeof bytes === 'number' ? t('offline.usage', { size: `${formatNumber(bytes / 1048576, { maximumFractionDigits: 1 })} MB` }) : t('offline.usage-unknown');
    render();
  };
  const set = (next: OfflineState): void => {
    state = next;
    failure = null;
    render();
    void measure();
  };
  onLangChange(render);
  render();
  if (!supported) return;

  clear.addEventListener('click', () => {
    clearOfflineCopy().then(
      () => set('cleared'),
      (err: unknown) => {
        failure = t('offline.clear-failed', { detail: errorMessage(err) });
        render();
      },
    );
  });
  // Only the built app has a service worker; the dev server shows the state of whatever is stored.
  if (!import.meta.env.PROD) {
    void measure();
    return;
  }
  navigator.serviceWorker.register(SERVICE_WORKER, { scope: './' }).then(
    (registration: ServiceWorkerRegistration | undefined) => {
      // A browser that blocks service workers may answer with nothing instead of refusing.
      if (!registration) return set('unsupported');
      set(registration.active ? 'ready' : 'pending');
      void navigator.serviceWorker.ready.then(() => set('ready'));
    },
    (err: unknown) => {
      state = 'none';
      failure = `${t('offline.none')} (${errorMessage(err)})`;
      render();
    },
  );
}

/** Unregisters this app's service workers and deletes everything they stored. */
export async function clearOfflineCopy(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((r) => r.unregister()));
  const names = await caches.keys();
  await Promise.all(names.map((name) => caches.delete(name)));
}
