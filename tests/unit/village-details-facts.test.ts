import { describe, expect, test } from 'vitest';
import type { BtsRecord } from '../../src/core/model.ts';
import { defaultParams } from '../../src/core/params.ts';
import { provenanceOf } from '../../src/app/planner/village-details-facts.ts';
import { broadbandFootprints } from '../../src/core/coverage/uncovered-area.ts';

function bts(id: string, lon: number, extra: Partial<BtsRecord> = {}): BtsRecord {
  return {
    id, siteId: `S-${id}`, operator: 'Viettel', tech: '4G', lon, lat: 14.5, radiusM: null, azimuthDeg: null,
    beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted', ...extra,
  };
}

describe('village details facts', () => {
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
