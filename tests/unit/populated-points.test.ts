import { describe, expect, it } from 'vitest';
import { buildPopulatedPoints, outsideIdList, settlementsOutside } from '../../src/core/populated-points.ts';
import { packPoints } from '../../src/core/coverage/packed-points.ts';
import type { SettlementRecord, VillageRecord } from '../../src/core/model.ts';
import { settlementColumns, settlementRecords } from '../../src/core/settlement-columns.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { squareVillage } from '../helpers/coverage-scene.ts';

/** Each village's settlement ids, in the order its points are stored. */
function idsByVillage(villages: VillageRecord[], settlements: SettlementRecord[], lend: boolean): string[][] {
  const columns = settlementColumns(settlements);
  const pts = buildPopulatedPoints(villages, columns, lend ? packPoints(columns) : null);
  const byPosition = new Map(settlements.map((s) => [`${s.lon} ${s.lat}`, s.id]));
  return villages.map((_, v) => {
    const out: string[] = [];
    for (let k = pts.offsets[v]; k < pts.offsets[v + 1]; k++) if (!pts.lattice[v]) out.push(byPosition.get(`${pts.lon[k]} ${pts.lat[k]}`) ?? '?');
    return out;
  });
}

describe('settlement columns', () => {
  it('keep every point, its id and weight, in order, both ways', () => {
    const records: SettlementRecord[] = [
      { id: 'a', lon: 107.5, lat: 14.25, weight: 12 },
      { id: 'b#2', lon: -0.5, lat: 0, weight: 1 },
    ];
    const columns = settlementColumns(records);
    expect(columns.ids).toEqual(['a', 'b#2']);
    expect([...columns.weight]).toEqual([12, 1]);
    expect(settlementRecords(columns)).toEqual(records);
  });
});

describe('buildPopulatedPoints', () => {
  it('gives a settlement in two overlapping villages to the first in the layer, and names those in none', () => {
    // B overlaps A's east half; C lies inside B only.
    const villages = [squareVillage('A', 108, 14, 0.02), squareVillage('B', 108.01, 14, 0.02), squareVillage('C', 108.05, 14, 0.01)];
    const settlements: SettlementRecord[] = [
      { id: 'both', lon: 108.015, lat: 14.01, weight: 5 },
      { id: 'onlyB', lon: 108.025, lat: 14.01, weight: 7 },
      { id: 'onlyA', lon: 108.005, lat: 14.01, weight: 3 },
      { id: 'nowhere', lon: 109, lat: 15, weight: 2 },
    ];
    const pts = buildPopulatedPoints(villages, settlementColumns(settlements));
    expect(idsByVillage(villages, settlements, false)).toEqual([['both', 'onlyA'], ['onlyB'], []]);
    expect(pts.unassigned).toEqual(['nowhere']);
    // C has no settlement point: its area stands in (a lattice with equal weights).
    expect(pts.lattice[2]).toBe(1);
    expect(pts.weight[pts.offsets[0]]).toBe(5);
  });

  it('leaves an invalid village out and gives the same result with the packed points’ index lent', () => {
    const rand = mulberry32(7);
    const villages: VillageRecord[] = [];
    for (let i = 0; i < 30; i++) villages.push(squareVillage(`v${i}`, 108 + (i % 6) * 0.03, 14 + Math.floor(i / 6) * 0.03, 0.025 + rand() * 0.01, i === 4 ? { invalidReason: 'self-intersection' } : {}));
    const settlements: SettlementRecord[] = Array.from({ length: 2000 }, (_, i) => ({ id: `s${i}`, lon: 107.99 + rand() * 0.2, lat: 13.99 + rand() * 0.17, weight: 1 + Math.floor(rand() * 50) }));
    const own = idsByVillage(villages, settlements, false);
    expect(idsByVillage(villages, settlements, true)).toEqual(own);
    expect(own[4]).toEqual([]);
    // Every settlement is placed once or named as unassigned: none is lost.
    const placed = own.flat();
    const unassigned = buildPopulatedPoints(villages, settlementColumns(settlements)).unassigned;
    expect(new Set(placed).size).toBe(placed.length);
    expect(placed.length + unassigned.length).toBe(settlements.length);
  });

  it('does not take a packed index that lacks points (a weight ≤ 0 was left out of it)', () => {
    const villages = [squareVillage('A', 108, 14, 0.02)];
    const settlements: SettlementRecord[] = [
      { id: 'zero', lon: 108.001, lat: 14.001, weight: 0 },
      { id: 'one', lon: 108.01, lat: 14.01, weight: 4 },
    ];
    expect(idsByVillage(villages, settlements, true)).toEqual([['zero', 'one']]);
  });

  it('says how many settlements lie in no village and names the first five, in the layer\'s order', () => {
    const villages = [squareVillage('A', 108, 14, 0.02)];
    const settlements: SettlementRecord[] = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, lon: i === 3 ? 108.01 : 110 + i, lat: i === 3 ? 14.01 : 12, weight: 1 }));
    expect(settlementsOutside(buildPopulatedPoints(villages, settlementColumns(settlements)))).toEqual({ count: 7, first: ['s0', 's1', 's2', 's4', 's5'] });
    expect(outsideIdList(settlementsOutside(buildPopulatedPoints(villages, settlementColumns(settlements))))).toBe('s0, s1, s2, s4, s5, …');
    expect(outsideIdList({ count: 2, first: ['a', 'b'] })).toBe('a, b');
    expect(settlementsOutside(buildPopulatedPoints(villages, null))).toEqual({ count: 0, first: [] });
  });
});
