import { describe, expect, test } from 'vitest';
import { chosenPlan, planChoice, proposedSiteCount } from '../../src/app/report/report-inputs.ts';
import { saveCustomPlan, saveSelectedPlanId, type PlanStorage } from '../../src/app/planner/plan-presets.ts';

/** A Web Storage stand-in over a Map. */
function memoryStorage(): PlanStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

describe('the plan the report compares with', () => {
  test('is the board’s choice, named in the report’s language, with its targets under the report’s KPI names', () => {
    const storage = memoryStorage();
    saveSelectedPlanId(storage, 'quang-tri-195');
    expect(chosenPlan(storage, 'en', 'My plan')).toEqual({
      name: 'Quảng Trị: plan 195/KH-UBND, 2023–2025',
      targets: { mobileVillagesPct: 100, ftthVillagesPct: 100, sharedSitesPct: 25, householdsFibrePct: null },
    });
    expect(chosenPlan(null, 'vi', 'Kế hoạch của tôi')).toBeNull();
  });

  test('offers the user’s own plan only once one is saved, and shows the chosen one', () => {
    const storage = memoryStorage();
    const before = planChoice(storage, 'vi', 'Kế hoạch của tôi');
    expect(before.options.map((o) => o.id)).not.toContain('custom');
    expect(before.chosen).toBe('kon-tum-2025');
    expect(before.options[0]).toEqual({ id: 'kon-tum-2025', name: 'Kon Tum: hạ tầng số đến 2025' });

    saveCustomPlan(storage, { 'mobile-villages-pct': 97, 'ftth-villages-pct': null, 'shared-sites-pct': null, 'households-fibre-pct': 60 });
    saveSelectedPlanId(storage, 'custom');
    const after = planChoice(storage, 'en', 'My plan');
    expect(after.options.at(-1)).toEqual({ id: 'custom', name: 'My plan' });
    expect(after.chosen).toBe('custom');
    expect(chosenPlan(storage, 'en', 'My plan')?.targets.mobileVillagesPct).toBe(97);
    expect(planChoice(null, 'vi', 'x').chosen).toBeNull();
  });
});

describe('proposed sites in a result with proposals', () => {
  test('are counted as distinct physical sites of its proposals file', () => {
    const file = {
      type: 'FeatureCollection',
      features: [{ properties: { site_id: 'P1' } }, { properties: { site_id: 'P1' } }, { properties: { site_id: 'P2' } }],
    };
    const bytes = new TextEncoder().encode(JSON.stringify(file));
    expect(proposedSiteCount([{ role: 'bts', name: 'proposals.geojson', bytes }])).toBe(2);
    expect(proposedSiteCount([{ role: 'bts', url: 'https://example.org/bts.fgb' }])).toBe(0);
  });
});
