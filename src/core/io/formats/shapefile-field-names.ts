import { foldDiacritics } from '../normalize-text.ts';

/**
 * dBASE field names are at most 10 ASCII characters, so a shapefile cannot carry `mobile_area_fraction`.
 * One rule makes the short names, used by the writer (which documents them in a sidecar file) and by
 * the field mapping (which recognises them on the way back in): a name of 10 characters or fewer is
 * kept; otherwise its longest `_`-separated part loses its last letter until the name fits
 * (`mobile_area_fraction` → `mo_are_fra`, `nearest_bts_m` → `near_bts_m`); a name already taken
 * (case-insensitively) gets a number at its end.
 */

/** The dBASE limit. */
export const DBF_NAME_LENGTH = 10;

/** The short name of one column, before making it unique. */
export function shortFieldName(column: string): string {
  const ascii = foldDiacritics(column).replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'field';
  if (ascii.length <= DBF_NAME_LENGTH) return ascii;
  let parts = ascii.split('_').filter((p) => p !== '');
  while (parts.join('_').length > DBF_NAME_LENGTH) {
    let longest = 0;
    for (let k = 1; k < parts.length; k++) if (parts[k].length > parts[longest].length) longest = k;
    if (parts[longest].length <= 1) {
      parts = [parts.join('').slice(0, DBF_NAME_LENGTH)];
      break;
    }
    parts[longest] = parts[longest].slice(0, -1);
  }
  return parts.join('_');
}

/** Short names for `columns`, unique, in the same order. */
export function shortFieldNames(columns: readonly string[]): string[] {
  const taken = new Set<string>();
  return columns.map((c) => {
    const base = shortFieldName(c);
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = base.slice(0, DBF_NAME_LENGTH - String(k).length) + String(k);
    taken.add(name.toLowerCase());
    return name;
  });
}
