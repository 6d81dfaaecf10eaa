import type { Gap } from '../../core/classify.ts';
import type { CoverageMeasure } from '../../core/defaults.ts';
import { foldDiacritics } from '../../core/io/normalize-text.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import type { Route } from '../../core/report/route.ts';
import type { SignalClass } from '../../core/report/signal-class.ts';

/**
 * Filtering, searching and sorting of the gap list, on row indexes (typed arrays) so that 90,000
 * villages stay fast. Pure (no DOM).
 */

export const GAP_CLASSES: readonly Gap[] = ['none', 'mobile', 'ftth', 'both'];

export interface GapListFilter {
  /** Free text, matched without diacritics against village, commune and district names. */
  query: string;
  /** Administrative units (null: any); only the levels the data has are offered. */
  province: string | null;
  district: string | null;
  commune: string | null;
  /** Gap classes shown; an empty set shows none. */
  gaps: ReadonlySet<Gap>;
  operator: string | null;
  /** With `operator`: villages it covers on its own, or villages it does not. */
  operatorMode: 'covered' | 'not-covered';
  /** Only villages of this reporting class (trắng sóng, lõm sóng, phủ sóng); null or absent: any. */
  signal?: SignalClass | null;
  /** Only gap villages with this route; null or absent: any. */
  route?: Route | null;
}

export const SORT_KEYS = ['name', 'commune', 'district', 'gap', 'signal', 'route', 'mobile', 'ftth', 'nearest-bts', 'nearest-fibre'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const ASCII = /^[\x00-\x7f]*$/;

/** Folded words only, with a space before each, so a query word can be matched at a word start. */
function searchWords(text: string): string {
  const folded = foldDiacritics(text);
  // Vietnamese folds to ASCII: a plain class then (a Unicode property class is ~5× slower).
  const words = ASCII.test(folded) ? folded.replace(/[^a-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return ` ${words.trim()}`;
}

/** Folded text of each row (village, commune and district names), built once per analysis, on the first search. */
export function buildSearchText(rows: readonly GapRow[]): string[] {
  return rows.map((r) => searchWords(`${r.name} ${r.commune ?? ''} ${r.district ?? ''}`));
}

/** Each row's folded name (the sort's tie-break and name key), made once per rows array. */
const foldedNames = new WeakMap<readonly GapRow[], string[]>();
function namesOf(rows: readonly GapRow[]): string[] {
  let names = foldedNames.get(rows);
  if (!names) foldedNames.set(rows, (names = rows.map((r) => foldDiacritics(r.name))));
  return names;
}

/** The mobile share shown for a row: the fraction the chosen measure uses (area for the centre rule). */
export function mobileShare(row: GapRow, measure: CoverageMeasure): number | null {
  return measure === 'population' ? row.mobile_pop_fraction : row.mobile_area_fraction;
}

/**
 * Indexes of the rows that pass `filter`, in input order. Every word of the query must start a
 * word of the village, commune or district name ("dak ha" finds "Đắk Hà", not "Sa Thầy").
 */
export function filterRows(rows: readonly GapRow[], searchText: readonly string[], filter: GapListFilter): Int32Array {
  const words = searchWords(filter.query).split(' ').filter((w) => w !== '').map((w) => ` ${w}`);
  const out = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!filter.gaps.has(r.gap)) continue;
    if (filter.province !== null && r.province !== filter.province) continue;
    if (filter.district !== null && r.district !== filter.district) continue;
    if (filter.commune !== null && r.commune !== filter.commune) continue;
    if (filter.signal && r.signal_class !== filter.signal) continue;
    if (filter.route && r.route !== filter.route) continue;
    if (filter.operator !== null) {
      const covers = r.mobile_operators.includes(filter.operator);
      if (covers !== (filter.operatorMode === 'covered')) continue;
    }
    if (words.length > 0) {
      const text = searchText[i];
      if (!words.every((w) => text.includes(w))) continue;
    }
    out[n++] = i;
  }
  return out.slice(0, n);
}

const GAP_ORDER: Readonly<Record<Gap, number>> = { both: 0, mobile: 1, ftth: 2, none: 3 };
const SIGNAL_ORDER: Readonly<Record<SignalClass, number>> = { 'trang-song': 0, 'lom-song': 1, 'phu-song': 2 };
const ROUTE_ORDER: Readonly<Record<Route, number>> = { share: 0, build: 1, vtf: 2 };

/**
 * Sorts `indexes` in place by `key` (ties by name, then input order); missing values go last in
 * both directions. Text is compared folded (without diacritics, ordinal), which keeps 90,000 rows
 * well under a frame's worth of work per thousand. Returns `indexes`.
 */
export function sortRows(
  rows: readonly GapRow[],
  indexes: Int32Array,
  key: SortKey,
  direction: 'asc' | 'desc',
  measure: CoverageMeasure,
): Int32Array {
  const sign = direction === 'asc' ? 1 : -1;
  const text = (v: string | null): string | null => (v === null || v === '' ? null : foldDiacritics(v));
  const value = (r: GapRow): string | number | null => {
    switch (key) {
      case 'name':
        return null;
      case 'commune':
        return text(r.commune);
      case 'district':
        return text(r.district);
      case 'gap':
        return GAP_ORDER[r.gap];
      case 'signal':
        return r.signal_class === null ? null : SIGNAL_ORDER[r.signal_class];
      case 'route':
        return r.route === null ? null : ROUTE_ORDER[r.route];
      case 'mobile':
        return mobileShare(r, measure);
      case 'ftth':
        return r.ftth_fraction;
      case 'nearest-bts':
        return r.nearest_bts_m;
      case 'nearest-fibre':
        return r.nearest_fibre_m;
    }
  };
  const names = namesOf(rows);
  const keys: (string | number | null)[] = new Array(rows.length);
  for (const i of indexes) keys[i] = key === 'name' ? names[i] || null : value(rows[i]);
  const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  indexes.sort((a, b) => {
    const va = keys[a];
    const vb = keys[b];
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const c = compare(va, vb);
      if (c !== 0) return sign * c;
    }
    return compare(names[a], names[b]) || a - b;
  });
  return indexes;
}

/** Distinct non-empty values of a column, sorted in Vietnamese order. */
export function distinctValues(values: Iterable<string | null>): string[] {
  const set = new Set<string>();
  for (const v of values) if (v) set.add(v);
  return [...set].sort(new Intl.Collator('vi').compare);
}

/** Operators that appear in the rows' coverage, sorted. */
export function operatorsOf(rows: readonly GapRow[]): string[] {
  const set = new Set<string>();
  for (const r of rows) for (const op of Object.keys(r.mobile_by_operator)) set.add(op);
  return [...set].sort();
}

/** Counts of the reporting classes (villages without one are not counted). */
export function countSignals(rows: readonly GapRow[]): Record<SignalClass, number> {
  const counts: Record<SignalClass, number> = { 'trang-song': 0, 'lom-song': 0, 'phu-song': 0 };
  for (const r of rows) if (r.signal_class) counts[r.signal_class]++;
  return counts;
}

/** Counts of each gap class. */
export function countGaps(rows: readonly GapRow[]): Record<Gap, number> {
  const counts: Record<Gap, number> = { none: 0, mobile: 0, ftth: 0, both: 0 };
  for (const r of rows) counts[r.gap]++;
  return counts;
}
