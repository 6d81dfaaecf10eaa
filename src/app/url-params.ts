/**
 * The automation contract's URL parameters: `?villages=…&bts=…&fibre=…&settlements=…&config=…`.
 * Each given URL replaces the sample layer of that kind; none given means the Kon Tum sample.
 */

/** Kinds of input data a URL can replace. */
export type InputKind = 'villages' | 'bts' | 'fibre' | 'settlements';
export const INPUT_KINDS: readonly InputKind[] = ['villages', 'bts', 'fibre', 'settlements'];

export interface InputUrls {
  /** Absolute URLs of user data, by kind; a missing kind uses the sample. */
  data: Partial<Record<InputKind, string>>;
  /** Absolute URL of a JSON configuration (assumptions), if given. */
  config: string | null;
}

/** Reads the data URLs from a query string, resolved against `base` (relative URLs allowed). */
export function readInputUrls(search: string = location.search, base: string = document.baseURI): InputUrls {
  const params = new URLSearchParams(search);
  const data: Partial<Record<InputKind, string>> = {};
  for (const kind of INPUT_KINDS) {
    const value = params.get(kind);
    if (value) data[kind] = new URL(value, base).href;
  }
  const config = params.get('config');
  return { data, config: config ? new URL(config, base).href : null };
}
