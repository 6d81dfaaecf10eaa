import { describe, expect, test } from 'vitest';
import { computeKpis } from '../../src/core/kpis.ts';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import { adminUnits, kpiRowOf, placeSites } from '../../src/core/unit-kpis.ts';
import {
  CUSTOM_PLAN_ID,
  DEFAULT_PLAN_ID,
  PLAN_PRESETS,
  findPreset,
  loadCustomPlan,
  loadSelectedPlanId,
  parseTargets,
  planProgress,
  saveCustomPlan,
  saveSelectedPlanId,
  targetsOf,
  type PlanStorage,
} from '../../src/app/planner/plan-presets.ts';

function memoryStorage(): PlanStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function row(gap: GapRow['gap'], district: string | null, households = 10, ftth = gap === 'none' || gap === 'mobile' ? 1 : 0): GapRow {
  return {
    id: `v${Math.random()}`, name: 'x', commune: null, district, province: null, population: households * 4, households,
    status: 'ok', gap, mobile_covered: gap === 'none' || gap === 'ftth', mobile_area_fraction: 1, mobile_pop_fraction: 1,
    mobile_centre_covered: true, mobile_operators: [], mobile_by_operator: {}, nearest_bts_m: 0,
    ftth_covered: gap === 'none' || gap === 'mobile', ftth_fraction: ftth, nearest_fibre_m: 0, reasons: [], sharing_sites: [],
    signal_class: null, route: null, route_operators: [], route_sites: [], mobile_source: 'predicted: disk', mobile_shadow_fraction: null,
  };
}

describe('plan presets', () => {
  test('the product table: Kon Tum 2025 is 100 / 95 / 20 / 80 and absent targets are null', () => {
    expect(findPreset('kon-tum-2025')?.targets).toEqual({
      'mobile-villages-pct': 100, 'ftth-villages-pct': 95, 'shared-sites-pct': 20, 'households-fibre-pct': 80,
    });
    expect(findPreset('quang-ninh-09')?.targets['mobile-villages-pct']).toBeNull();
    expect(findPreset('quang-tri-195')?.targets['shared-sites-pct']).toBe(25);
    expect(findPreset('dak-lak-148')?.targets['ftth-villages-pct']).toBe(85);
    expect(findPreset('kon-plong')?.district).toBe('Kon Plông');
    expect(PLAN_PRESETS.map((p) => p.id)).toEqual(['kon-tum-2025', 'kon-tum-2030', 'kon-plong', 'dak-lak-148', 'quang-tri-195', 'quang-ninh-09']);
    for (const p of PLAN_PRESETS) expect(parseTargets(p.targets)).toEqual(p.targets);
  });

  test('targets from storage are validated with a sentence naming the bad value', () => {
    expect(() => parseTargets({ 'mobile-villages-pct': 120 })).toThrow(/mobile-villages-pct.*0 to 100.*120/);
    expect(() => parseTargets({ 'ftth-villages-pct': '95' })).toThrow(/"95"/);
    expect(() => parseTargets([])).toThrow(/object/);
    expect(parseTargets({})).toEqual({ 'mobile-villages-pct': null, 'ftth-villages-pct': null, 'shared-sites-pct': null, 'households-fibre-pct': null });
  });

  test('the user’s plan and choice are kept in storage; broken storage falls back to the default', () => {
    const storage = memoryStorage();
    expect(loadSelectedPlanId(storage)).toBe(DEFAULT_PLAN_ID);
    expect(loadCustomPlan(storage)).toBeNull();
    const mine = { 'mobile-villages-pct': 98, 'ftth-villages-pct': 60, 'shared-sites-pct': null, 'households-fibre-pct': 50 };
    expect(saveCustomPlan(storage, mine)).toBe(true);
    saveSelectedPlanId(storage, CUSTOM_PLAN_ID);
    expect(loadSelectedPlanId(storage)).toBe(CUSTOM_PLAN_ID);
    expect(targetsOf(CUSTOM_PLAN_ID, storage)).toEqual(mine);
    storage.data.set('vunglom.plan.custom', '{"mobile-villages-pct": "lots"}');
    expect(loadCustomPlan(storage)).toBeNull();
    expect(loadSelectedPlanId(storage)).toBe(DEFAULT_PLAN_ID);
    saveSelectedPlanId(storage, 'no-such-plan');
    expect(loadSelectedPlanId(storage)).toBe(DEFAULT_PLAN_ID);
    const failing: PlanStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(loadSelectedPlanId(failing)).toBe(DEFAULT_PLAN_ID);
    expect(saveCustomPlan(failing, mine)).toBe(false);
  });
});

describe('planProgress', () => {
  // 20 villages: 12 covered, 3 without mobile, 4 without FTTH, 1 neither.
  const rows = [
    ...Array.from({ length: 12 }, () => row('none', 'A')),
    ...Array.from({ length: 3 }, () => row('mobile', 'A')),
    ...Array.from({ length: 4 }, () => row('ftth', 'B')),
    row('both', 'B'),
  ];
  const kpis = computeKpis(rows.map(kpiRowOf), { physical: 40, shared: 6 }, { personsPerHousehold: 4 });

  test('villages to close: 100 % mobile → every village without; 95 % FTTH → the shortfall', () => {
    const progress = planProgress(kpis, findPreset('kon-tum-2025')!.targets);
    const by = Object.fromEntries(progress.map((p) => [p.name, p]));
    expect(by['mobile-villages-pct'].toClose).toBe(kpis.gapMobile + (kpis.gapBoth ?? NaN));
    expect(by['mobile-villages-pct'].toClose).toBe(4);
    // 95 % of 20 = 19 villages with FTTH; 15 have it.
    expect(by['ftth-villages-pct'].toClose).toBe(4);
    // 20 % of 40 sites = 8 shared; 6 are.
    expect(by['shared-sites-pct'].toClose).toBe(2);
    expect(by['shared-sites-pct'].unit).toBe('sites');
    // 200 households, 150 reached; 80 % = 160.
    expect(by['households-fibre-pct'].toClose).toBe(10);
    expect(by['households-fibre-pct'].met).toBe(false);
  });

  test('a target the plan does not set has no progress; a met target has nothing to close', () => {
    const progress = planProgress(kpis, { 'mobile-villages-pct': 50, 'ftth-villages-pct': null, 'shared-sites-pct': 10, 'households-fibre-pct': 75 });
    expect(progress[0]).toMatchObject({ met: true, toClose: 0 });
    expect(progress[1]).toMatchObject({ target: null, met: null, toClose: null });
    expect(progress[2]).toMatchObject({ met: true, toClose: 0 });
    expect(progress[3]).toMatchObject({ met: true, toClose: 0 });
  });
});

describe('adminUnits', () => {
  test('each district’s KPIs are computeKpis over its villages, sites counted where they stand', () => {
    const rows = [row('none', 'Huyện Đắk Hà'), row('mobile', 'Huyện Đắk Hà'), row('both', 'Huyện Sa Thầy'), row('ftth', null)];
    const square = (x: number): [number, number][][][] => [[[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]];
    const geometries = [square(0), square(1), square(2), square(3)];
    const sites = [
      { id: 's1', lon: 0.5, lat: 0.5, operators: ['MobiFone', 'Viettel'] },
      { id: 's2', lon: 1.5, lat: 0.5, operators: ['Viettel'] },
      { id: 's3', lon: 2.5, lat: 0.5, operators: ['Viettel'] },
      { id: 's4', lon: 9, lat: 9, operators: ['Viettel', 'VinaPhone'] },
    ];
    const placement = placeSites(sites, geometries);
    expect([...placement.village]).toEqual([0, 1, 2, -1]);
    expect([...placement.shared]).toEqual([1, 0, 0, 1]);
    const units = adminUnits(rows, { sites: placement, personsPerHousehold: 4 });
    expect(units.levels).toEqual(['district']);
    const result = units.children([]);
    expect(result.map((d) => d.name)).toEqual(['', 'Huyện Đắk Hà', 'Huyện Sa Thầy']);
    const dakHa = result[1];
    expect(dakHa.villages).toEqual([0, 1]);
    expect(dakHa.path).toEqual(['Huyện Đắk Hà']);
    expect(dakHa.kpis).toEqual(computeKpis([rows[0], rows[1]].map(kpiRowOf), { physical: 2, shared: 1 }, { personsPerHousehold: 4 }));
    expect(dakHa.kpis.sharedSitesPct).toBe(50);
    expect(result[2].kpis.gapBoth).toBe(1);
    expect(result.reduce((n, d) => n + d.kpis.villages, 0)).toBe(rows.length);
    expect(units.unit(['Huyện Sa Thầy'])?.villages).toEqual([2]);
    expect(units.children(['Huyện Sa Thầy'])).toEqual([]);
  });
});
