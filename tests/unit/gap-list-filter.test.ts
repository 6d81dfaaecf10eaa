import { describe, expect, test } from 'vitest';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import { GAP_CLASSES, buildSearchText, countGaps, filterRows, sortRows, type GapListFilter } from '../../src/app/planner/gap-list-filter.ts';

function row(name: string, commune: string, district: string, gap: GapRow['gap'], extra: Partial<GapRow> = {}): GapRow {
  return {
    id: name, name, commune, district, province: 'Kon Tum', population: 10, households: 2, status: 'ok', gap,
    mobile_covered: gap === 'none' || gap === 'ftth', mobile_area_fraction: 0.5, mobile_pop_fraction: 0.5,
    mobile_centre_covered: true, mobile_operators: [], mobile_by_operator: {}, nearest_bts_m: 100,
    ftth_covered: gap === 'none' || gap === 'mobile', ftth_fraction: 0.5, nearest_fibre_m: 100, reasons: [], sharing_sites: [],
    signal_class: null, route: null, route_operators: [], route_sites: [], mobile_source: 'predicted: disk', mobile_shadow_fraction: null, ...extra,
  };
}

const rows = [
  row('Thôn 1', 'Xã Hà Mòn', 'Huyện Đắk Hà', 'mobile', { mobile_operators: ['VinaPhone'], mobile_pop_fraction: 0.2 }),
  row('Làng Kon Rờ', 'Xã Đắk Long', 'Huyện Đắk Hà', 'none', { mobile_operators: ['Viettel', 'VinaPhone'], mobile_pop_fraction: 1 }),
  row('Thôn Đắk Hà', 'Xã Sa Bình', 'Huyện Sa Thầy', 'both', { nearest_bts_m: null, mobile_pop_fraction: 0 }),
  row('<img src=x onerror=alert(1)>', 'Xã Rờ Kơi', 'Huyện Sa Thầy', 'ftth', { mobile_operators: ['Viettel'], mobile_pop_fraction: 0.95 }),
];
const text = buildSearchText(rows);
const all: GapListFilter = { query: '', province: null, district: null, commune: null, gaps: new Set(GAP_CLASSES), operator: null, operatorMode: 'covered' };

describe('filterRows', () => {
  test('"dak ha" without diacritics finds every village of Huyện Đắk Hà and a village named so', () => {
    expect([...filterRows(rows, text, { ...all, query: 'dak ha' })]).toEqual([0, 1, 2]);
    expect([...filterRows(rows, text, { ...all, query: '  ĐẮK   hà ' })]).toEqual([0, 1, 2]);
    expect([...filterRows(rows, text, { ...all, query: 'kon ro' })]).toEqual([1]);
    // Words match at word starts: "ha" is inside "Thầy" but starts no word of row 3.
    expect([...filterRows(rows, text, { ...all, query: 'ha', district: 'Huyện Sa Thầy' })]).toEqual([2]);
    expect([...filterRows(rows, text, { ...all, query: 'img' })]).toEqual([3]);
  });

  test('district, commune, gap classes and operator (covered / not covered) narrow the list', () => {
    expect([...filterRows(rows, text, { ...all, district: 'Huyện Sa Thầy' })]).toEqual([2, 3]);
    expect([...filterRows(rows, text, { ...all, commune: 'Xã Đắk Long' })]).toEqual([1]);
    expect([...filterRows(rows, text, { ...all, gaps: new Set(['mobile', 'both'] as const) })]).toEqual([0, 2]);
    expect([...filterRows(rows, text, { ...all, gaps: new Set() })]).toEqual([]);
    expect([...filterRows(rows, text, { ...all, operator: 'Viettel' })]).toEqual([1, 3]);
    expect([...filterRows(rows, text, { ...all, operator: 'Viettel', operatorMode: 'not-covered' })]).toEqual([0, 2]);
  });
});

describe('sortRows', () => {
  test('by mobile share both ways, missing values last; by gap, worst first', () => {
    const idx = () => Int32Array.from([0, 1, 2, 3]);
    expect([...sortRows(rows, idx(), 'mobile', 'asc', 'population')]).toEqual([2, 0, 3, 1]);
    expect([...sortRows(rows, idx(), 'mobile', 'desc', 'population')]).toEqual([1, 3, 0, 2]);
    expect([...sortRows(rows, idx(), 'nearest-bts', 'asc', 'population')].at(-1)).toBe(2);
    expect([...sortRows(rows, idx(), 'nearest-bts', 'desc', 'population')].at(-1)).toBe(2);
    expect([...sortRows(rows, idx(), 'gap', 'asc', 'population')]).toEqual([2, 0, 3, 1]);
  });

  test('by name, diacritics folded (Đ sorts with D)', () => {
    expect([...sortRows(rows, Int32Array.from([0, 1, 2, 3]), 'name', 'asc', 'population')]).toEqual([3, 1, 0, 2]);
  });

  test('counts of each class', () => {
    expect(countGaps(rows)).toEqual({ none: 1, mobile: 1, ftth: 1, both: 1 });
  });
});
