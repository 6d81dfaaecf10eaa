import { describe, expect, it } from 'vitest';
import { classifyVillage, type VillageMeasures } from '../../src/core/classify.ts';
import { computeKpis } from '../../src/core/kpis.ts';
import type { BtsRecord } from '../../src/core/model.ts';
import { defaultParams, resolveParams } from '../../src/core/params.ts';
import { groupPhysicalSites } from '../../src/core/sharing/physical-sites.ts';

function bts(id: string, siteId: string, operator: string, lon: number, lat: number): BtsRecord {
  return { id, siteId, operator, tech: '4G', lon, lat, radiusM: null, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted' };
}

describe('physical sites', () => {
  it('joins records by site_id and by proximity across operators, not within one operator', () => {
    const records = [
      bts('a', 'S1', 'Viettel', 108, 14),
      bts('b', 'S1', 'MobiFone', 108, 14),
      bts('c', 'X', 'VinaPhone', 108.0001, 14), // ~11 m from S1: joins it
      bts('d', 'Y', 'Viettel', 108.01, 14), // 1 km away: own site
      bts('e', 'Z', 'Viettel', 108.0101, 14), // same operator 11 m away: separate mast
    ];
    const s = groupPhysicalSites(records, 30);
    expect(s.sites.length).toBe(3);
    expect(s.sites[s.siteOfRecord[0]].operators).toEqual(['MobiFone', 'Viettel', 'VinaPhone']);
    expect(s.siteOfRecord[2]).toBe(s.siteOfRecord[0]);
    expect(s.siteOfRecord[3]).not.toBe(s.siteOfRecord[4]);
    expect(s.sharedCount).toBe(1);
    expect(groupPhysicalSites(records, 0).sites.length).toBe(4);
  });
});

describe('classification and KPIs', () => {
  const base: VillageMeasures = { invalid: false, repaired: false, areaFraction: 1, popFraction: 1, centreCovered: true, ftthFraction: 1, populationAssumed: false };

  it('applies the chosen measure and threshold and explains gaps', () => {
    const p = defaultParams();
    expect(classifyVillage(base, p)).toEqual({ gap: 'none', mobileCovered: true, ftthCovered: true, reasons: [] });
    const loom = classifyVillage({ ...base, popFraction: 0.6, areaFraction: 0.95 }, p);
    expect(loom.gap).toBe('mobile');
    expect(loom.reasons).toEqual(['mobile-population']);
    const white = classifyVillage({ ...base, areaFraction: 0, popFraction: 0, centreCovered: false, ftthFraction: 0 }, p);
    expect(white).toEqual({ gap: 'both', mobileCovered: false, ftthCovered: false, reasons: ['mobile-none', 'ftth-none'] });
    const byCentre = classifyVillage({ ...base, popFraction: 0.1, areaFraction: 0.1 }, { ...p, coverageMeasure: 'centre' });
    expect(byCentre.mobileCovered).toBe(true);
    const partialFibre = classifyVillage({ ...base, ftthFraction: 0.3 }, p);
    expect(partialFibre.gap).toBe('ftth');
    expect(partialFibre.reasons).toEqual(['ftth-partial']);
    expect(classifyVillage({ ...base, invalid: true }, p).gap).toBe('both');
  });

  it('counts every village, weights fibre reach by households and reports the sharing ratio', () => {
    const k = computeKpis(
      [
        { gap: 'none', mobileCovered: true, ftthCovered: true, ftthFraction: 1, households: 100, population: 450 },
        { gap: 'ftth', mobileCovered: true, ftthCovered: false, ftthFraction: 0.2, households: 50, population: null },
        { gap: 'both', mobileCovered: false, ftthCovered: false, ftthFraction: 0, households: null, population: 200 },
        { gap: 'mobile', mobileCovered: false, ftthCovered: true, ftthFraction: 1, households: 50, population: null },
      ],
      { physical: 20, shared: 3 },
      { personsPerHousehold: 4 },
    );
    expect(k.villages).toBe(4);
    expect(k.mobileVillagesPct).toBe(50);
    expect(k.ftthVillagesPct).toBe(50);
    // The third village gives only its population: 200 people at 4 per household are 50 households, estimated.
    expect(k.householdsFibrePct).toBeCloseTo((100 * (100 + 10 + 50)) / 250, 12);
    expect(k.households).toEqual({ total: 250, reached: 160, estimated: 50, unknownVillages: 0 });
    expect(k.sharedSitesPct).toBe(15);
    expect([k.gapMobile, k.gapFtth, k.gapBoth]).toEqual([1, 1, 1]);
    expect(computeKpis([], { physical: 0, shared: 0 }, { personsPerHousehold: 4 }).mobileVillagesPct).toBeNull();
  });
});

describe('parameters', () => {
  it('merges a partial config and names a bad key or value', () => {
    const p = resolveParams({ ftthReachM: 800, radiusM: { '4G': 2500 }, broadbandTechs: ['3G', '4G'] });
    expect(p.ftthReachM).toBe(800);
    expect(p.radiusM['4G']).toBe(2500);
    expect(p.radiusM['5G']).toBe(defaultParams().radiusM['5G']);
    expect(p.broadbandTechs).toEqual(['3G', '4G']);
    expect(() => resolveParams({ ftthReach: 800 })).toThrow(/Unknown configuration key "ftthReach"/);
    expect(() => resolveParams({ coverageThreshold: 90 })).toThrow(/"coverageThreshold" must be a number above 0 and at most 1, got 90/);
    expect(() => resolveParams({ radiusM: { LTE: 3000 } })).toThrow(/unknown technology "LTE"/);
  });
});
