import { describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import { prepareAnalysis, type AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { defaultParams, resolveParams } from '../../src/core/params.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { TERRAIN_CLEAR, TERRAIN_OUTSIDE, TERRAIN_SHADOWED } from '../../src/core/terrain/packed-terrain.ts';
import { ProfileCache } from '../../src/core/terrain/profile-cache.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import type { Position, VillageRecord } from '../../src/core/model.ts';
import { btsRecord, offset, randomVillageGeometry, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';
import { localSurfaceTile, mountainSurface, syntheticHgt, hgtName } from '../helpers/synthetic-dem.ts';
import { settlementColumns } from '../../src/core/settlement-columns.ts';

/**
 * The analysis with an elevation model (SYNTHETIC .hgt tiles): a flat DEM changes nothing, a ridge
 * makes the village behind it a gap with reason terrain-shadow, a site off the DEM keeps its disk
 * and says so, and profiles are cached (and survive a round trip through a file).
 */

const LON0 = 107.5;
const LAT0 = 14.5;

function flatDem(): DemSet {
  return new DemSet([readHgt(hgtName(107, 14), syntheticHgt(107, 14, 1201, () => 350))]);
}

/** Random villages and sites around (LON0, LAT0). */
function randomInput(seed: number): AnalysisInput {
  const rnd = seededRandom(seed);
  const villages = Array.from({ length: 30 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 6000);
    return villageRecord(`v${i}`, randomVillageGeometry(rnd, lon, lat, 400 + rnd() * 800, { hole: i % 7 === 0 }));
  });
  const bts = Array.from({ length: 25 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 7000);
    const sector = rnd() < 0.3;
    return btsRecord(`b${i}`, lon, lat, {
      operator: ['Viettel', 'VinaPhone', 'MobiFone'][i % 3],
      tech: i % 4 === 0 ? '5G' : '4G',
      radiusM: 1500 + rnd() * 2500,
      azimuthDeg: sector ? rnd() * 360 : null,
      beamwidthDeg: sector ? 120 : null,
      heightM: i % 2 === 0 ? 35 : null,
    });
  });
  const settlements = Array.from({ length: 150 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 6000);
    return { id: `s${i}`, lon, lat, weight: 1 + Math.floor(rnd() * 50) };
  });
  return { villages, bts, fibreRoutes: [], fibrePoints: [], settlements: settlementColumns(settlements) };
}

/**
 * A N–S ridge 150 m high 1 km east of a 30 m mast of 3.5 km radius at (LON0, LAT0); `at(x, y)` is the
 * point x m east and y m north of the mast, `inputWith` the scene with those villages.
 */
function ridgeScene(): { dem: DemSet; at: (x: number, y: number) => Position; inputWith: (villages: VillageRecord[]) => AnalysisInput } {
  const tile = localSurfaceTile(LON0, LAT0, 1201, (x) => 500 + 150 * Math.max(0, 1 - Math.abs(x - 1000) / 150));
  const dem = new DemSet([readHgt(tile.name, tile.bytes)]);
  const at = (x: number, y: number): Position => [LON0 + x / tile.mx, LAT0 + y / tile.my];
  const inputWith = (villages: VillageRecord[]): AnalysisInput => ({
    villages,
    bts: [btsRecord('mast', LON0, LAT0, { radiusM: 3500, heightM: 30, operator: 'Viettel' })],
    fibreRoutes: [],
    fibrePoints: [],
    settlements: null,
  });
  return { dem, at, inputWith };
}

describe('analysis with an elevation model', () => {
  it('a flat DEM gives exactly the disk results, and says the prediction is terrain-checked', () => {
    const input = randomInput(21);
    const params = defaultParams();
    const disk = analyzeInThread(input, params);
    const terrain = analyzeInThread({ ...input, dem: flatDem() }, params);
    const prepared = prepareAnalysis({ ...input, dem: flatDem() }, params);
    expect([...prepared.terrain!.status].every((s) => s === TERRAIN_CLEAR)).toBe(true);
    let worst = 0;
    disk.rows.forEach((row, i) => {
      const t = terrain.rows[i];
      worst = Math.max(worst, Math.abs((row.mobile_area_fraction ?? 0) - (t.mobile_area_fraction ?? 0)), Math.abs((row.mobile_pop_fraction ?? 0) - (t.mobile_pop_fraction ?? 0)));
      expect(t.mobile_centre_covered).toBe(row.mobile_centre_covered);
      expect(t.mobile_by_operator).toEqual(row.mobile_by_operator);
      expect(t.gap).toBe(row.gap);
      expect(row.mobile_source).toBe('predicted: disk');
      expect(row.mobile_shadow_fraction).toBeNull();
      expect(t.mobile_source).toMatch(/^predicted: terrain \(SRTM \.hgt 3″, 9\d m\)$/);
      expect(t.mobile_shadow_fraction).toBe(0);
    });
    expect(worst).toBeLessThanOrEqual(1e-6);
    expect(disk.kpis).toEqual(terrain.kpis);
  });

  it('a village behind a ridge, within the mast’s radius, is a gap with reason terrain-shadow', () => {
    // The village 1.6–2.4 km east, behind the ridge, all within 3.5 km; another as far west, in view.
    const { dem, at, inputWith } = ridgeScene();
    const square = [at(1600, -400), at(2400, -400), at(2400, 400), at(1600, 400), at(1600, -400)];
    const west = [at(-2400, -400), at(-1600, -400), at(-1600, 400), at(-2400, 400), at(-2400, -400)];
    const input = inputWith([villageRecord('behind', [[square]]), villageRecord('open', [[west]])]);
    const params = defaultParams();
    const disk = analyzeInThread(input, params);
    const gl = analyzeInThread({ ...input, dem }, params);
    expect(disk.rows[0].mobile_covered).toBe(true);
    expect(disk.rows[0].mobile_area_fraction).toBe(1);
    const behind = gl.rows[0];
    expect(behind.mobile_covered).toBe(false);
    expect(behind.reasons).toContain('terrain-shadow');
    expect(behind.mobile_area_fraction).toBeLessThan(0.01);
    expect(behind.mobile_shadow_fraction).toBeGreaterThan(0.99);
    // The open side is untouched.
    expect(gl.rows[1].mobile_covered).toBe(true);
    expect(gl.rows[1].mobile_area_fraction).toBe(1);
    expect(gl.rows[1].reasons).not.toContain('terrain-shadow');
  });

  it('a declared centre outside the village’s box is judged against the whole terrain footprint', () => {
    // The ridge east of the mast shadows part of its footprint, so the village is measured on terrain.
    // The village lies 600–800 m west; its declared centre (a cultural house drawn outside a rough
    // polygon) 3 km west, in plain view and within the 3.5 km radius.
    const { dem, at, inputWith } = ridgeScene();
    const square = [at(-800, -100), at(-600, -100), at(-600, 100), at(-800, 100), at(-800, -100)];
    const input = inputWith([villageRecord('west', [[square]], at(-3000, 0))]);
    const params = defaultParams();
    const disk = analyzeInThread(input, params);
    const gl = analyzeInThread({ ...input, dem }, params);
    expect(prepareAnalysis({ ...input, dem }, params).terrain!.status[0]).toBe(TERRAIN_SHADOWED);
    expect(disk.rows[0].mobile_centre_covered).toBe(true);
    expect(gl.rows[0].mobile_source).toMatch(/^predicted: terrain/);
    expect(gl.rows[0].mobile_centre_covered).toBe(true);
    expect(gl.rows[0].mobile_area_fraction).toBe(1);
  });

  it('a site whose reach the DEM does not cover keeps its disk, and the village says so', () => {
    const input = randomInput(22);
    const far = btsRecord('far', 108.0 - 0.001, 14.5, { radiusM: 3000, operator: 'Viettel' });
    const village = villageRecord('edge', randomVillageGeometry(seededRandom(1), 108.0 - 0.005, 14.5, 500));
    const dem = new DemSet([readHgt(hgtName(107, 14), syntheticHgt(107, 14, 1201, mountainSurface(3)))]);
    const prepared = prepareAnalysis({ ...input, villages: [village], bts: [far], dem }, defaultParams());
    expect(prepared.terrain!.status[0]).toBe(TERRAIN_OUTSIDE);
    const gl = analyzeInThread({ ...input, villages: [village], bts: [far], dem }, defaultParams());
    expect(gl.rows[0].mobile_source).toMatch(/^predicted: disk \(outside the DEM/);
    expect(gl.rows[0].mobile_area_fraction).toBe(1);
  });

  it('profiles are computed once per mast and parameter set, and a cache file gives the same analysis', () => {
    const input = randomInput(23);
    const dem = new DemSet([readHgt(hgtName(107, 14), syntheticHgt(107, 14, 1201, mountainSurface(9)))]);
    const cache = new ProfileCache();
    const params = defaultParams();
    const first = prepareAnalysis({ ...input, dem }, params, { profiles: cache });
    expect(cache.computed).toBeGreaterThan(0);
    expect([...first.terrain!.status].some((s) => s === TERRAIN_SHADOWED)).toBe(true);
    const computed = cache.computed;
    // A non-terrain change (radius within the reach quantum, coverage rule) reuses every profile.
    prepareAnalysis({ ...input, dem }, resolveParams({ radiusM: { '4G': 3400 }, coverageMeasure: 'area' }), { profiles: cache });
    expect(cache.computed).toBe(computed);
    // A terrain change computes them again.
    prepareAnalysis({ ...input, dem }, resolveParams({ terrain: { receiverHeightM: 3 } }), { profiles: cache });
    expect(cache.computed).toBe(2 * computed);
    // Through bytes: the same gap list, nothing computed again.
    const reread = ProfileCache.fromBytes(cache.toBytes());
    const a = analyzeInThread({ ...input, dem }, params);
    const withFile = prepareAnalysis({ ...input, dem }, params, { profiles: reread });
    expect(reread.computed).toBe(0);
    expect(withFile.terrain!.radii).toEqual(first.terrain!.radii);
    expect(a.rows.some((r) => (r.mobile_shadow_fraction ?? 0) > 0)).toBe(true);
    expect(() => ProfileCache.fromBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(/not a Vùng Lõm terrain cache/);
  });

  it('terrain parameters are validated with bounds, naming the key and the range', () => {
    expect(() => resolveParams({ terrain: { kFactor: 0 } })).toThrow(/"terrain.kFactor" must be a number from 0.5 to 10, got 0/);
    expect(() => resolveParams({ terrain: { antennaHeightM: { '4G': 500 } } })).toThrow(/"terrain.antennaHeightM" must be a number from 1 to 300 m, got 500/);
    expect(() => resolveParams({ terrain: { criterion: 'magic' } })).toThrow(/"terrain.criterion" must be one of line-of-sight, path-loss/);
    expect(() => resolveParams({ terrain: { height: 3 } })).toThrow(/Unknown terrain key "terrain.height"/);
    expect(resolveParams({ terrain: { antennaHeightM: { '5G': 20 } } }).terrain.antennaHeightM).toEqual({ '2G': 30, '3G': 30, '4G': 30, '5G': 20 });
  });
});
