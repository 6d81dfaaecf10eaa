/**
 * The automation contract's URL parameters: `?villages=…&bts=…&fibre=…&settlements=…&config=…`
 * (and `lean=1`, see `InputUrls.lean`; `crs=EPSG:NNNN` and `encoding=NAME` for files that do not
 * say, as the CLI's --crs and --encoding; `dem=…`, repeatable, elevation files).
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
  /** `lean=1`: draw the set the way a country is drawn (the worker keeps the layers), whatever its size. */
  lean: boolean;
  /** `crs=EPSG:NNNN`: the coordinate system of the given files that declare none (the CLI's --crs). */
  crs?: string;
  /** `encoding=NAME`: the text encoding of the given CSV and shapefiles (the CLI's --encoding). */
  encoding?: string;
  /** Absolute URLs of elevation files (`dem=`, repeatable: SRTM .hgt tiles, zips of them, GeoTIFFs). */
  dem: string[];
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
  const crs = params.get('crs') || undefined;
  const encoding = params.get('encoding') || undefined;
  const dem = params.getAll('dem').filter(Boolean).map((u) => new URL(u, base).href);
  return { data, config: config ? new URL(config, base).href : null, lean: params.get('lean') === '1', ...(crs ? { crs } : {}), ...(encoding ? { encoding } : {}), dem };
}
