import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';
import { defaultParams } from '../../src/core/params.ts';
import { IncrementalAnalysis, proposedSiteRecords, type ProposedSite } from '../../src/core/planning/incremental-analysis.ts';
import { groupPhysicalSites } from '../../src/core/sharing/physical-sites.ts';
import { sharingByArea } from '../../src/core/sharing/site-areas.ts';

const K = 'public/data/kon-tum';
const read = async <L extends LayerKind>(kind: L, f: string) => readLayer(kind, { name: f, bytes: readFileSync(`${K}/${f}`) });

let input: AnalysisInput;
let session: IncrementalAnalysis;
beforeAll(async () => {
  const fibre = [await read('fibre', 'fibre-routes.fgb'), await read('fibre', 'fibre-points.fgb')];
  input = {
    villages: (await read('villages', 'villages.fgb')).records,
    bts: (await read('bts', 'bts.fgb')).records,
    fibreRoutes: fibre.flatMap((f) => f.routes),
    fibrePoints: fibre.flatMap((f) => f.points),
    settlements: (await read('settlements', 'settlements.fgb')).columns,
  };
  session = new IncrementalAnalysis(input, defaultParams());
});

describe('incremental recompute of proposed sites (Kon Tum sample)', () => {
  it('gives exactly the full analysis with the proposals added, recomputing only touched villages', () => {
    const gap = session.base.rows.findIndex((r) => !r.mobile_covered && r.status === 'ok' && r.mobile_pop_fraction !== null);
    const v = input.villages[gap];
    const host = input.bts.find((b) => b.operator === 'MobiFone')!;
    const sites: ProposedSite[] = [
      { lon: v.centre![0], lat: v.centre![1], operators: ['Viettel', 'VinaPhone'], tech: '4G' },
      { siteId: host.siteId, lon: host.lon, lat: host.lat, operators: ['Vietnamobile'], tech: '4G', radiusM: 2500, sectors: [{ azimuthDeg: 0, beamwidthDeg: 120 }, { azimuthDeg: 120, beamwidthDeg: 120 }] },
      { lon: 108.2, lat: 14.6, operators: ['NewCo'], tech: '5G' },
    ];
    const r = session.propose(sites);
    const full = analyzeInThread({ ...input, bts: [...input.bts, ...proposedSiteRecords(sites, defaultParams())] }, defaultParams());
    expect(JSON.parse(JSON.stringify(r.gapList.rows))).toEqual(JSON.parse(JSON.stringify(full.rows)));
    expect(r.kpis).toEqual(full.kpis);
    expect(r.recomputed).toBeGreaterThan(0);
    expect(r.recomputed).toBeLessThan(input.villages.length / 4);
    expect(r.changed).toContain(gap);
    expect(r.rows[r.changed.indexOf(gap)].mobile_pop_fraction!).toBeGreaterThan(session.base.rows[gap].mobile_pop_fraction!);
    // Sharing the MobiFone site makes it shared (or keeps it so); a new site adds a physical site.
    expect(r.kpis.physicalSites).toBe(session.base.kpis.physicalSites + 2);
    expect(r.kpis.mobileVillages).toBeGreaterThanOrEqual(session.base.kpis.mobileVillages);
  });

  it('an empty proposal gives the base back; a proposal never lowers coverage', () => {
    const r = session.propose([]);
    expect(r.changed).toEqual([]);
    expect(r.gapList.rows).toEqual(session.base.rows);
    const p = session.propose([{ lon: 107.9, lat: 14.5, operators: ['Viettel'], tech: '4G' }]);
    for (const v of p.changed) {
      const before = session.base.rows[v];
      const after = p.gapList.rows[v];
      if (before.status !== 'ok') continue;
      expect(after.mobile_area_fraction!).toBeGreaterThanOrEqual(before.mobile_area_fraction!);
      expect(after.mobile_pop_fraction!).toBeGreaterThanOrEqual(before.mobile_pop_fraction!);
      expect(after.nearest_bts_m!).toBeLessThanOrEqual(before.nearest_bts_m!);
      if (before.mobile_covered) expect(after.mobile_covered).toBe(true);
    }
  });

  it('refuses a proposal without an operator or a position, naming it', () => {
    expect(() => session.propose([{ lon: 108, lat: 14.5, operators: [], tech: '4G' }])).toThrow(/site 1 has no operator/);
    expect(() => session.propose([{ lon: 300, lat: 14.5, operators: ['Viettel'], tech: '4G' }])).toThrow(/not a longitude/);
  });
});

describe('sharing ratio per district and province', () => {
  it('assigns every physical site to one district; districts add up to the province', () => {
    const sites = groupPhysicalSites(input.bts, defaultParams().siteMergeM);
    const s = sharingByArea(sites, input.villages);
    expect([...s.villageOfSite].every((v) => v >= 0)).toBe(true);
    expect(s.districts.reduce((a, d) => a + d.physicalSites, 0)).toBe(sites.sites.length);
    expect(s.districts.reduce((a, d) => a + d.sharedSites, 0)).toBe(sites.sharedCount);
    expect(s.provinces.length).toBe(1);
    expect(s.provinces[0].ratio).toBeCloseTo(s.total.ratio!, 12);
    expect(s.districts.length).toBeGreaterThan(1);
    for (const d of s.districts) expect(d.ratio).toBeGreaterThanOrEqual(0);
  });
});
