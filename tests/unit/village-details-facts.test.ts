import { describe, expect, test } from 'vitest';
import type { BtsRecord } from '../../src/core/model.ts';
import { defaultParams } from '../../src/core/params.ts';
import { haversineM, nearestBroadbandSite, provenanceOf, villageCentre } from '../../src/app/planner/village-details-facts.ts';
import { broadbandFootprints } from '../../src/app/planner/uncovered-area.ts';

function bts(id: string, lon: number, extra: Partial<BtsRecord> = {}): BtsRecord {
  return {
    id, siteId: `S-${id}`, operator: 'Viettel', tech: '4G', lon, lat: 14.5, radiusM: null, azimuthDeg: null,
    beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted', ...extra,
  };
}

describe('village details facts', () => {
  test('the nearest broadband site skips technologies that are not broadband', () => {
    const records = [bts('2g-close', 108.001, { tech: '2G' }), bts('far', 108.05), bts('near', 108.02, { tech: '5G' })];
    const found = nearestBroadbandSite([108, 14.5], records, defaultParams());
    expect(found?.record.id).toBe('near');
    expect(found?.distanceM).toBeCloseTo(haversineM([108, 14.5], [108.02, 14.5]), 6);
    expect(found?.distanceM).toBeGreaterThan(2100);
    expect(found?.distanceM).toBeLessThan(2200);
    expect(nearestBroadbandSite([108, 14.5], [records[0]], defaultParams())).toBeNull();
  });

  test('the centre is the declared one, else the mean of the outer ring', () => {
    const square = [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]] as [number, number][][][];
    expect(villageCentre([5, 5], square)).toEqual([5, 5]);
    expect(villageCentre(null, square)).toEqual([1, 1]);
    expect(villageCentre(null, [])).toBeNull();
  });

  test('provenance counts footprints by source and names the model', () => {
    const records = [
      bts('a', 108),
      bts('b', 108, { azimuthDeg: 0, beamwidthDeg: 120 }),
      bts('c', 108, { source: 'declared' }),
    ];
    const shapes = broadbandFootprints(records, defaultParams());
    expect(provenanceOf(shapes, [0, 1, 2], records)).toEqual({ bySource: { predicted: 2, declared: 1, measured: 0 }, model: 'mixed', footprints: 3 });
    expect(provenanceOf(shapes, [1], records).model).toBe('sector');
    expect(provenanceOf(shapes, [], records).model).toBeNull();
  });
});
