import { describe, expect, it } from 'vitest';
import type { BtsRecord } from '../../src/core/model.ts';
import { shareCandidates } from '../../src/core/planning/candidates.ts';
import type { PhysicalSites } from '../../src/core/sharing/physical-sites.ts';

function bts(over: Partial<BtsRecord>): BtsRecord {
  return { id: 'b', siteId: 'S1', operator: 'Viettel', tech: '4G', lon: 107.9, lat: 14.6, radiusM: 3000, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'declared', ...over };
}

describe('share candidates: the tenant on a host’s mast', () => {
  const records = [
    bts({ id: 'a', azimuthDeg: 0, beamwidthDeg: 120, heightM: 42, bandMhz: 900 }),
    bts({ id: 'b', azimuthDeg: 120, beamwidthDeg: 120, heightM: 42, bandMhz: 900 }),
    bts({ id: 'c', tech: '2G', heightM: 30, bandMhz: 900 }),
  ];
  const sites: PhysicalSites = { siteOfRecord: new Int32Array([0, 0, 0]), sites: [{ id: 'S1', lon: 107.9, lat: 14.6, operators: ['Viettel'] }], sharedCount: 0 };
  const cell = { operator: 'MobiFone', tech: '4G' as const, radiusM: 2500, heightM: 25 };

  it('with the site’s own equipment: its broadband sectors, each with the host’s height and band', () => {
    const [candidate] = shareCandidates(records, sites, cell, { equipment: 'site-own', broadbandTechs: ['4G', '5G'] });
    expect(candidate.records.map((r) => [r.operator, r.tech, r.azimuthDeg, r.beamwidthDeg, r.radiusM, r.heightM, r.bandMhz])).toEqual([
      ['MobiFone', '4G', 0, 120, 3000, 42, 900],
      ['MobiFone', '4G', 120, 120, 3000, 42, 900],
    ]);
  });

  it('with the operator’s default cell: a disk as high as the host’s highest antenna, band left to the default', () => {
    const [candidate] = shareCandidates(records, sites, cell, { equipment: 'operator-default', broadbandTechs: ['4G', '5G'] });
    expect(candidate.records.map((r) => [r.operator, r.tech, r.azimuthDeg, r.radiusM, r.heightM, r.bandMhz])).toEqual([['MobiFone', '4G', null, 2500, 42, null]]);
  });
});
