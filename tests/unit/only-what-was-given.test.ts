import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import { absentLayers, layerPresence } from '../../src/core/analysis/input-layers.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { classifyVillage, gapOf, type VillageMeasures } from '../../src/core/classify.ts';
import { computeKpis } from '../../src/core/kpis.ts';
import { parseCsv } from '../../src/core/io/read-csv.ts';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';
import { writeGapCsv } from '../../src/core/output/write-gap-csv.ts';
import { defaultParams } from '../../src/core/params.ts';
import { planProgress } from '../../src/app/planner/plan-presets.ts';

/**
 * Only what the user gave: a layer not given is absent and what depends on it is unknown (null),
 * never zero; households are estimated from population only where they are not given, and say so;
 * a village declaring nobody is not "100 % covered by population".
 */

const K = 'public/data/kon-tum';
const read = async <L extends LayerKind>(kind: L, file: string) => readLayer(kind, { name: file, bytes: readFileSync(`${K}/${file}`) });

let full: AnalysisInput;
beforeAll(async () => {
  const routes = await read('fibre', 'fibre-routes.fgb');
  const points = await read('fibre', 'fibre-points.fgb');
  full = {
    villages: (await read('villages', 'villages.fgb')).records,
    bts: (await read('bts', 'bts.fgb')).records,
    fibreRoutes: routes.routes,
    fibrePoints: points.points,
    settlements: (await read('settlements', 'settlements.fgb')).columns,
  };
});

describe('without a fibre layer', () => {
  test('every FTTH measure is null, the gap class is mobile’s alone, and the reason says why', () => {
    const params = defaultParams();
    const withFibre = analyzeInThread(full, params);
    const without = analyzeInThread({ ...full, fibreRoutes: [], fibrePoints: [] }, params);
    expect(without.layers).toEqual({ villages: true, bts: true, fibre: false, settlements: true });
    expect(without.rows).toHaveLength(full.villages.length);
    without.rows.forEach((row, i) => {
      expect(row.ftth_covered, row.id).toBeNull();
      expect(row.ftth_fraction, row.id).toBeNull();
      expect(row.nearest_fibre_m, row.id).toBeNull();
      expect(row.reasons).toContain('ftth-unknown');
      expect(row.reasons).not.toContain('ftth-none');
      // Mobile is measured exactly as with fibre; the class is mobile's verdict alone.
      const other = withFibre.rows[i];
      expect(row.mobile_covered).toBe(other.mobile_covered);
      expect(row.mobile_area_fraction).toBe(other.mobile_area_fraction);
      expect(row.gap).toBe(row.mobile_covered ? 'none' : 'mobile');
    });
    // Some villages were FTTH gaps with fibre: none of them turns into a guessed class.
    expect(withFibre.rows.some((r) => r.gap === 'ftth' || r.gap === 'both')).toBe(true);
    expect(without.rows.some((r) => r.gap === 'ftth' || r.gap === 'both')).toBe(false);
  });

  test('the FTTH KPIs are unknown (null), the mobile ones unchanged, and nothing is left "to close"', () => {
    const params = defaultParams();
    const withFibre = analyzeInThread(full, params).kpis;
    const k = analyzeInThread({ ...full, fibreRoutes: [], fibrePoints: [] }, params).kpis;
    expect(k.ftthKnown).toBe(false);
    expect([k.ftthVillages, k.ftthVillagesPct, k.householdsFibrePct, k.gapFtth, k.gapBoth, k.households.reached]).toEqual([null, null, null, null, null, null]);
    expect(k.mobileVillagesPct).toBe(withFibre.mobileVillagesPct);
    expect(k.gapMobile).toBe(withFibre.gapMobile + (withFibre.gapBoth ?? NaN));
    const progress = planProgress(k, { 'mobile-villages-pct': 100, 'ftth-villages-pct': 95, 'shared-sites-pct': 20, 'households-fibre-pct': 80 });
    expect(progress.find((p) => p.name === 'ftth-villages-pct')).toMatchObject({ value: null, toClose: null, met: null });
    expect(progress.find((p) => p.name === 'households-fibre-pct')).toMatchObject({ value: null, toClose: null });
    expect(progress.find((p) => p.name === 'mobile-villages-pct')?.toClose).toBe(k.gapMobile);
  });

  test('the CSV leaves the unknown cells empty (not 0, not false)', () => {
    const { rows } = analyzeInThread({ ...full, fibreRoutes: [], fibrePoints: [] }, defaultParams());
    const [header, first] = parseCsv(writeGapCsv(rows.slice(0, 1), { gapsOnly: false })).rows;
    const cells = Object.fromEntries(header.map((c, i) => [c, first[i]]));
    expect(cells.gap).toMatch(/^(none|mobile)$/);
    expect(cells.ftth_covered).toBe('');
    expect(cells.ftth_fraction).toBe('');
    expect(cells.nearest_fibre_m).toBe('');
  });

  test('the layers present are what the input holds, in the contract’s order', () => {
    expect(layerPresence({ ...full, settlements: null, fibreRoutes: [], fibrePoints: [] })).toEqual({ villages: true, bts: true, fibre: false, settlements: false });
    expect(absentLayers({ villages: true, bts: true, fibre: false, settlements: false })).toEqual(['fibre', 'settlements']);
    expect(layerPresence({ ...full, fibreRoutes: [] }).fibre).toBe(true);
  });
});

describe('classification with unknown FTTH or nobody to count', () => {
  const base: VillageMeasures = { invalid: false, repaired: false, areaFraction: 1, popFraction: 1, centreCovered: true, ftthFraction: null, populationAssumed: false };

  test('FTTH unknown: "none" or "mobile", never "ftth" or "both"', () => {
    const p = defaultParams();
    expect(classifyVillage(base, p)).toEqual({ gap: 'none', mobileCovered: true, ftthCovered: null, reasons: ['ftth-unknown'] });
    expect(classifyVillage({ ...base, areaFraction: 0, popFraction: 0, centreCovered: false }, p)).toMatchObject({ gap: 'mobile', ftthCovered: null });
    expect(classifyVillage({ ...base, invalid: true }, p)).toMatchObject({ gap: 'mobile', ftthCovered: null, reasons: ['geometry-invalid', 'ftth-unknown'] });
    expect(gapOf(true, null)).toBe('none');
    expect(gapOf(false, null)).toBe('mobile');
    expect(gapOf(true, false)).toBe('ftth');
    expect(gapOf(false, false)).toBe('both');
  });

  test('a village with nobody to count is judged by area under the population rule, and says so', () => {
    const p = defaultParams();
    const half = classifyVillage({ ...base, popFraction: null, areaFraction: 0.5, ftthFraction: 1 }, p);
    expect(half).toMatchObject({ gap: 'mobile', mobileCovered: false });
    expect(half.reasons).toEqual(['mobile-area', 'population-zero']);
    expect(classifyVillage({ ...base, popFraction: null, areaFraction: 0.95, ftthFraction: 1 }, p)).toMatchObject({ mobileCovered: true, reasons: ['population-zero'] });
  });

  test('the sample’s villages declaring 0 people have no population share, never 1', () => {
    const { rows } = analyzeInThread(full, defaultParams());
    const nobody = rows.filter((r, i) => full.villages[i].population === 0 && r.reasons.includes('population-zero'));
    expect(nobody.length).toBeGreaterThan(0);
    for (const r of nobody) {
      expect(r.mobile_pop_fraction).toBeNull();
      // Covered exactly when its area is.
      expect(r.mobile_covered).toBe((r.mobile_area_fraction ?? 0) >= defaultParams().coverageThreshold);
    }
    // This one has a neighbour's settlement on its edge: it used to be "100 % covered by population" at 59 % of its area.
    const edge = rows.find((r) => r.id === '6011325-01');
    expect(edge).toMatchObject({ mobile_pop_fraction: null, mobile_covered: false });
  });
});

describe('households', () => {
  const row = (households: number | null, population: number | null, ftthFraction: number) => ({
    gap: 'none' as const, mobileCovered: true, ftthCovered: ftthFraction >= 0.5, ftthFraction, households, population,
  });

  test('estimated from population where not given, at the persons-per-household figure, and counted as estimated', () => {
    const k = computeKpis([row(100, 400, 1), row(null, 350, 0), row(null, null, 1)], { physical: 0, shared: 0 }, { personsPerHousehold: 3.5 });
    expect(k.households).toEqual({ total: 200, reached: 100, estimated: 100, unknownVillages: 1 });
    expect(k.householdsFibrePct).toBe(50);
    const [, , , fibre] = planProgress(k, { 'mobile-villages-pct': null, 'ftth-villages-pct': null, 'shared-sites-pct': null, 'households-fibre-pct': 80 });
    expect(fibre).toMatchObject({ toClose: 60, estimated: true });
    // Another figure gives another estimate.
    expect(computeKpis([row(null, 350, 0)], { physical: 0, shared: 0 }, { personsPerHousehold: 5 }).households.total).toBe(70);
  });

  test('people are never counted as households: declared households win, and an all-declared set is not an estimate', () => {
    const k = computeKpis([row(10, 4000, 1), row(30, 9000, 0)], { physical: 0, shared: 0 }, { personsPerHousehold: 3.5 });
    expect(k.households).toMatchObject({ total: 40, reached: 10, estimated: 0 });
    const [, , , fibre] = planProgress(k, { 'mobile-villages-pct': null, 'ftth-villages-pct': null, 'shared-sites-pct': null, 'households-fibre-pct': 100 });
    expect(fibre).toMatchObject({ toClose: 30, estimated: false });
  });
});
