import { describe, expect, it } from 'vitest';
import { unreachedLayers } from '../../src/core/analysis/unreached-layers.ts';
import type { GapRow } from '../../src/core/output/gap-row.ts';

/** A measured village that nothing reaches, changed by `extra`. */
function row(extra: Partial<GapRow> = {}): GapRow {
  return {
    id: 'v', name: 'Thôn', commune: null, district: null, province: null, population: 10, households: 2, status: 'ok', gap: 'both',
    mobile_covered: false, mobile_area_fraction: 0, mobile_pop_fraction: 0, mobile_centre_covered: false, mobile_operators: [],
    mobile_by_operator: {}, nearest_bts_m: 9_000_000, ftth_covered: false, ftth_fraction: 0, nearest_fibre_m: null, reasons: [],
    sharing_sites: [], signal_class: 'trang-song', route: null, route_operators: [], route_sites: [], mobile_source: 'predicted: disk',
    mobile_shadow_fraction: null, ...extra,
  };
}

const BOTH = { bts: true, fibre: true };

describe('unreachedLayers', () => {
  it('names a BTS layer no footprint of which meets a village, with the nearest site over all villages', () => {
    const rows = [row({ nearest_bts_m: 9_100_000 }), row({ nearest_bts_m: 8_950_000 }), row({ status: 'invalid', nearest_bts_m: null, mobile_area_fraction: null })];
    expect(unreachedLayers(rows, { bts: true, fibre: false })).toEqual([{ layer: 'bts', reason: 'far', nearestM: 8_950_000, beyondM: null }]);
  });

  it('tells a BTS layer without a broadband site (no nearest one measured) from one whose sites are far', () => {
    const rows = [row({ nearest_bts_m: null }), row({ nearest_bts_m: null })];
    expect(unreachedLayers(rows, { bts: true, fibre: false })).toEqual([{ layer: 'bts', reason: 'no-broadband-site', nearestM: null, beyondM: null }]);
  });

  it('says nothing of BTS when one village is reached, even only at its centre or by a sliver', () => {
    expect(unreachedLayers([row(), row({ mobile_area_fraction: 0.001 })], { bts: true, fibre: false })).toEqual([]);
    expect(unreachedLayers([row(), row({ mobile_centre_covered: true })], { bts: true, fibre: false })).toEqual([]);
  });

  it('names a fibre layer within whose FTTH reach no village lies; beyond the search limit, with how far was looked', () => {
    expect(unreachedLayers([row({ nearest_fibre_m: 2_500 }), row({ nearest_fibre_m: 1_800 })], { bts: false, fibre: true }))
      .toEqual([{ layer: 'fibre', reason: 'far', nearestM: 1_800, beyondM: null }]);
    expect(unreachedLayers([row()], { bts: false, fibre: true })).toEqual([{ layer: 'fibre', reason: 'far', nearestM: null, beyondM: 100_000 }]);
    expect(unreachedLayers([row(), row({ ftth_covered: true, ftth_fraction: 1, nearest_fibre_m: 0 })], { bts: false, fibre: true })).toEqual([]);
  });

  it('says nothing of a layer not given, nor when no village could be measured', () => {
    expect(unreachedLayers([row()], { bts: false, fibre: false })).toEqual([]);
    expect(unreachedLayers([row({ status: 'invalid' })], BOTH)).toEqual([]);
    expect(unreachedLayers([], BOTH)).toEqual([]);
  });
});
