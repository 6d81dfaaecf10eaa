/**
 * The assumptions travel in the page's URL as `?params=<compact JSON of what differs from the
 * defaults>`, next to the data URLs (`?villages=…&config=…`), so a link opens the same view.
 * Written with `history.replaceState`: no reload, no new history entry per keystroke.
 */

export const PARAMS_KEY = 'params';

/** The raw `params` text of a query string, or null when absent. */
export function readParamsText(search: string = location.search): string | null {
  return new URLSearchParams(search).get(PARAMS_KEY);
}

/**
 * The URL `href` with `params` set to `encoded` (removed when empty); `dropConfig` also removes
 * `?config=` (after "reset to defaults" the configuration file no longer applies).
 */
export function withParams(href: string, encoded: string, options: { dropConfig?: boolean } = {}): string {
  const url = new URL(href);
  if (encoded === '') url.searchParams.delete(PARAMS_KEY);
  else url.searchParams.set(PARAMS_KEY, encoded);
  if (options.dropConfig) url.searchParams.delete('config');
  return url.href;
}

/** Puts `encoded` into the address bar without reloading. */
export function writeParamsToUrl(encoded: string, options: { dropConfig?: boolean } = {}): void {
  const next = withParams(location.href, encoded, options);
  if (next !== location.href) history.replaceState(history.state, '', next);
}
