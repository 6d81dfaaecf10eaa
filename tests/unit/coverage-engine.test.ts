import { describe, expect, it } from 'vitest';
import { computeMobileCoverage } from '../../src/core/coverage/compute-mobile-coverage.ts';
import { resultTransferables } from '../../src/core/coverage/coverage-result.ts';
import { FOOTPRINT_STRIDE, FP_BEARING_FROM, FP_RADIUS, footprintTransferables, packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packPoints, pointTransferables } from '../../src/core/coverage/packed-points.ts';
import { packVillages, villageTransferables } from '../../src/core/coverage/packed-villages.ts';
import { defaultParams } from '../../src/core/params.ts';
import { geodesicDistance } from '../../src/core/geo/geodesic.ts';
import type { Position, SettlementRecord } from '../../src/core/model.ts';
import { btsRecord, offset, villageRecord } from '../helpers/coverage-scene.ts';
import { settlementColumns } from '../../src/core/settlement-columns.ts';

const C: Position = [107.9, 14.5];
/** The point at plane offset (east, north) metres from C. */
function at(east: number, north: number): Position {
  return offset(C[0], C[1], (Math.atan2(east, north) * 180) / Math.PI, Math.hypot(east, north));
}
const squareRing = [at(-1000, -1000), at(1000, -1000), at(1000, 1000), at(-1000, 1000), at(-1000, -1000)];

function scene() {
  const village = villageRecord('v', [[squareRing]], at(-600, 50));
  const [ax, ay] = at(1000, 0);
  const [bx, by] = at(-600, 0);
  const bts = [
    btsRecord('a', ax, ay, { operator: 'X', tech: '4G', radiusM: 1000 }),
    btsRecord('b', bx, by, { operator: 'Y', tech: '5G', radiusM: 300 }),
    btsRecord('old', C[0], C[1], { operator: 'Z', tech: '3G', radiusM: 50_000 }),
  ];
  const settlements: SettlementRecord[] = [
    { id: 's1', lon: at(800, 0)[0], lat: at(800, 0)[1], weight: 10 },
    { id: 's2', lon: at(-600, 10)[0], lat: at(-600, 10)[1], weight: 5 },
    { id: 's3', lon: at(0, 800)[0], lat: at(0, 800)[1], weight: 5 },
    { id: 'far', lon: at(5000, 0)[0], lat: at(5000, 0)[1], weight: 100 },
  ];
  return { village, bts, settlements };
}

describe('computeMobileCoverage', () => {
  it('measures area, population and centre, per operator and per technology', () => {
    const { village, bts, settlements } = scene();
    const fp = packFootprints(bts, defaultParams());
    expect(fp.operators).toEqual(['X', 'Y']);
    expect(fp.techs).toEqual(['4G', '5G']);
    const r = computeMobileCoverage(packVillages([village]), fp, packPoints(settlementColumns(settlements)), { start: 0, end: 1 });
    const a = Math.PI / 8;
    const b = (Math.PI * 300 ** 2) / 4e6;
    expect(r.areaFraction[0]).toBeCloseTo(a + b, 7);
    expect(r.byOperator[0]).toBeCloseTo(a, 7);
    expect(r.byOperator[1]).toBeCloseTo(b, 7);
    expect(r.byTech[0]).toBeCloseTo(a, 7);
    expect(r.byTech[1]).toBeCloseTo(b, 7);
    expect(r.popFraction[0]).toBeCloseTo(15 / 20, 12);
    expect(r.popByOperator[0]).toBeCloseTo(10 / 20, 12);
    expect(r.popByOperator[1]).toBeCloseTo(5 / 20, 12);
    expect(r.centreCovered[0]).toBe(1);
    expect([...r.centreByOperator]).toEqual([0, 1]);
    expect([...r.centreByTech]).toEqual([0, 1]);
    expect(r.nearestBtsM[0]).toBeCloseTo(50, 6);
  });

  it('judges a declared centre outside the village against the sites that reach it', () => {
    // The centre (a cultural house drawn outside a rough polygon) lies 3 km east; the only site is
    // 500 m beyond it, its 1 km disk far from the village.
    const village = villageRecord('v', [[squareRing]], at(3000, 0));
    const [sx, sy] = at(3500, 0);
    const fp = packFootprints([btsRecord('s', sx, sy, { operator: 'X', tech: '4G', radiusM: 1000 })], defaultParams());
    const r = computeMobileCoverage(packVillages([village]), fp, null, { start: 0, end: 1 });
    expect(r.areaFraction[0]).toBe(0);
    expect(r.centreCovered[0]).toBe(1);
    expect([...r.centreByOperator]).toEqual([1]);
    expect(r.nearestBtsM[0]).toBeCloseTo(500, 3);
  });

  it('counts 3G only when the parameters say it is broadband', () => {
    const { village, bts } = scene();
    const params = { ...defaultParams(), broadbandTechs: ['3G', '4G', '5G'] as const };
    const r = computeMobileCoverage(packVillages([village]), packFootprints(bts, params), null, { start: 0, end: 1 });
    expect(r.areaFraction[0]).toBe(1);
    expect(r.popFraction[0]).toBe(1);
  });

  it('spreads the population over the area when the village holds no settlement', () => {
    const { village, bts, settlements } = scene();
    const r = computeMobileCoverage(packVillages([village]), packFootprints(bts, defaultParams()), packPoints(settlementColumns(settlements.slice(3))), { start: 0, end: 1 });
    expect(r.popFraction[0]).toBe(r.areaFraction[0]);
    expect([...r.popByOperator]).toEqual([...r.byOperator]);
  });

  it('keeps invalid villages with NaN and uncovered ones with 0 and a true nearest distance', () => {
    const { village, bts } = scene();
    const farRing = [at(20000, 20000), at(21000, 20000), at(21000, 21000), at(20000, 21000), at(20000, 20000)];
    const far = villageRecord('far', [[farRing]]);
    const broken = { ...villageRecord('broken', [[squareRing]]), invalidReason: 'self-intersection' };
    const r = computeMobileCoverage(packVillages([broken, far, village]), packFootprints(bts, defaultParams()), null, { start: 0, end: 3 });
    expect(Number.isNaN(r.areaFraction[0])).toBe(true);
    expect(Number.isNaN(r.nearestBtsM[0])).toBe(true);
    expect(r.areaFraction[1]).toBe(0);
    expect(r.centreCovered[1]).toBe(0);
    const centre = at(20500, 20500);
    const expected = Math.min(...bts.slice(0, 2).map((b) => geodesicDistance(centre[0], centre[1], b.lon, b.lat)));
    expect(Math.abs(r.nearestBtsM[1] - expected)).toBeLessThan(0.05);
    expect(r.areaFraction[2]).toBeGreaterThan(0);
  });

  it('gives 0 and an infinite distance when there is no broadband site at all', () => {
    const { village } = scene();
    const r = computeMobileCoverage(packVillages([village]), packFootprints([], defaultParams()), null, { start: 0, end: 1 });
    expect(r.areaFraction[0]).toBe(0);
    expect(r.nearestBtsM[0]).toBe(Infinity);
  });

  it('refuses a range outside the villages, naming it', () => {
    const { village } = scene();
    expect(() => computeMobileCoverage(packVillages([village]), packFootprints([], defaultParams()), null, { start: 0, end: 2 })).toThrow(/\[0, 2\)/);
  });

  it('reports progress up to the end of the range', () => {
    const { village, bts } = scene();
    const calls: number[] = [];
    computeMobileCoverage(packVillages([village, village, village]), packFootprints(bts, defaultParams()), null, { start: 0, end: 3 }, { progressEvery: 2 }, (done, total) => {
      expect(total).toBe(3);
      calls.push(done);
    });
    expect(calls).toEqual([2, 3]);
  });
});

describe('packing', () => {
  it('uses radius_m exactly, else the technology default, and skips what cannot be a footprint', () => {
    const params = defaultParams();
    const fp = packFootprints(
      [
        btsRecord('given', 108, 14, { radiusM: 1234.5 }),
        btsRecord('default', 108, 14, { tech: '5G' }),
        btsRecord('zero', 108, 14, { radiusM: 0 }),
        btsRecord('shut', 108, 14, { radiusM: 1000, azimuthDeg: 10, beamwidthDeg: 0 }),
        btsRecord('sector', 108, 14, { radiusM: 1000, azimuthDeg: 350, beamwidthDeg: 40 }),
        btsRecord('2g', 108, 14, { tech: '2G' }),
      ],
      params,
    );
    expect(fp.count).toBe(3);
    expect(fp.data[FP_RADIUS]).toBe(1234.5);
    expect(fp.data[FOOTPRINT_STRIDE + FP_RADIUS]).toBe(params.radiusM['5G']);
    expect(fp.data[2 * FOOTPRINT_STRIDE + FP_BEARING_FROM]).toBe(330);
    expect(fp.skipped.map((s) => s.source)).toEqual([2, 3]);
    expect(fp.skipped[0].reason).toMatch(/radius 0/);
    expect(fp.sites.length).toBe(2);
    const disks = packFootprints([btsRecord('sector', 108, 14, { radiusM: 1000, azimuthDeg: 350, beamwidthDeg: 40 })], { ...params, sectors: false });
    expect(Number.isNaN(disks.data[FP_BEARING_FROM])).toBe(true);
  });

  it('packs the sectors of one mast that close the circle as one disk, with the same fractions', () => {
    const params = defaultParams();
    const [sx, sy] = at(700, 0);
    const mast = (azimuths: number[], beam: number, operator = 'A') =>
      azimuths.map((az, i) => btsRecord(`${operator}${az}-${i}`, sx, sy, { operator, radiusM: 900, azimuthDeg: az, beamwidthDeg: beam }));
    const three = mast([0, 120, 240], 120);
    const merged = packFootprints(three, params);
    expect(merged.count).toBe(1);
    expect(Number.isNaN(merged.data[FP_BEARING_FROM])).toBe(true);
    // Not closed (a 120° gap), or another operator's sector: left as sectors.
    expect(packFootprints(mast([0, 120], 120), params).count).toBe(2);
    expect(packFootprints([...mast([0, 120], 120), ...mast([240], 120, 'B')], params).count).toBe(3);
    // Overlapping wide sectors that wrap past north also close it.
    expect(packFootprints(mast([300, 60, 180], 130), params).count).toBe(1);
    const village = villageRecord('v', [[squareRing]], null);
    const fraction = (bts: ReturnType<typeof mast>, useSectors: boolean) =>
      computeMobileCoverage(packVillages([village]), packFootprints(bts, { ...params, sectors: useSectors }), null, { start: 0, end: 1 }).areaFraction[0];
    const asDisk = fraction(three, false);
    expect(asDisk).toBeGreaterThan(0.1);
    expect(fraction(three, true)).toBeCloseTo(asDisk, 12);
    expect(fraction(mast([0, 120], 120), true)).toBeLessThan(asDisk - 0.01);
  });

  it('lists every buffer as transferable', () => {
    const { village, bts, settlements } = scene();
    const pv = packVillages([village]);
    const fp = packFootprints(bts, defaultParams());
    const pts = packPoints(settlementColumns(settlements));
    const r = computeMobileCoverage(pv, fp, pts, { start: 0, end: 1 });
    expect(villageTransferables(pv)).toHaveLength(6);
    expect(footprintTransferables(fp)).toHaveLength(7);
    expect(pointTransferables(pts)).toHaveLength(3);
    expect(resultTransferables(r)).toHaveLength(10);
    for (const b of [...villageTransferables(pv), ...footprintTransferables(fp), ...pointTransferables(pts)]) expect(b).toBeInstanceOf(ArrayBuffer);
  });
});

describe('packFootprints: the sectors of one mast that close the circle', () => {
  it('become one disk, only when position, radius, operator and technology all match', () => {
    const sector = (id: string, lon: number, azimuthDeg: number, fields: Parameters<typeof btsRecord>[3] = {}) =>
      btsRecord(id, lon, 14, { operator: 'X', radiusM: 2000, azimuthDeg, beamwidthDeg: 120, ...fields });
    // Records of different masts interleaved: grouping must not depend on their order.
    const bts = [
      sector('full-1', 108.0, 0),
      sector('other-op-1', 108.1, 0),
      sector('gap-1', 108.2, 0),
      sector('full-2', 108.0, 120),
      sector('other-op-2', 108.1, 120, { operator: 'Y' }),
      sector('gap-2', 108.2, 120),
      sector('full-3', 108.0, 240),
      sector('other-op-3', 108.1, 240),
      sector('other-radius', 108.0, 240, { radiusM: 2500 }),
    ];
    const packed = packFootprints(bts, defaultParams());
    const ids = [...packed.source].map((row) => bts[row].id);
    // The full mast keeps its first record, as a disk; nothing else merges.
    expect(ids).toEqual(['full-1', 'other-op-1', 'gap-1', 'other-op-2', 'gap-2', 'other-op-3', 'other-radius']);
    expect(Number.isNaN(packed.data[FP_BEARING_FROM])).toBe(true);
    for (let k = 1; k < packed.count; k++) expect(Number.isNaN(packed.data[k * FOOTPRINT_STRIDE + FP_BEARING_FROM])).toBe(false);
    // One site per position, in the order first met.
    expect([...packed.sites]).toEqual([108.0, 14, 108.1, 14, 108.2, 14]);
  });
});
