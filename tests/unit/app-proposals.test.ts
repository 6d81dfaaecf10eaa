import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import { defaultParams } from '../../src/core/params.ts';
import type { Candidate } from '../../src/core/planning/candidates.ts';
import { applyChanges, closedGaps, gapFor, operatorShare } from '../../src/app/planner/before-after.ts';
import { operatorRows } from '../../src/app/operator/operator-view.ts';
import {
  ProposalHistory,
  entriesFromGeoJson,
  parseSectors,
  parseStoredEntries,
  placedEntry,
  serialiseEntries,
  toProposedSites,
  withCandidates,
  type ProposalEntry,
} from '../../src/app/operator/proposals.ts';
import { createPlanningApi } from '../../workers/planning-api.ts';
import { samplePlanningInput } from '../helpers/kon-tum.ts';

function row(over: Partial<GapRow>): GapRow {
  return {
    id: 'v', name: 'v', commune: null, district: null, province: null, population: 100, households: null, status: 'ok',
    gap: 'mobile', mobile_covered: false, mobile_area_fraction: 0, mobile_pop_fraction: 0, mobile_centre_covered: false,
    mobile_operators: [], mobile_by_operator: {}, nearest_bts_m: null, ftth_covered: true, ftth_fraction: 1, nearest_fibre_m: 0,
    reasons: [], sharing_sites: [], signal_class: null, route: null, route_operators: [], route_sites: [],
    mobile_source: 'predicted: disk', mobile_shadow_fraction: null, ...over,
  };
}

const newCandidate = (id: string): Candidate => ({
  kind: 'new', origin: 'grid', siteId: id, lon: 108, lat: 14.5, hostOperators: [],
  records: [{ id, siteId: id, operator: 'Viettel', tech: '4G', lon: 108, lat: 14.5, radiusM: 3500, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted' }],
});

describe('proposal state', () => {
  it('undoes and redoes whole edits, and a new edit drops the redo branch', () => {
    const h = new ProposalHistory();
    const a = placedEntry(h.entries, { lon: 108, lat: 14.5 }, { operators: ['Viettel'], tech: '4G', radiusM: null });
    h.apply([a]);
    h.apply([{ ...a, lon: 108.1 }]);
    expect(h.undo()).toBe(true);
    expect(h.entries[0].lon).toBe(108);
    expect(h.redo()).toBe(true);
    expect(h.entries[0].lon).toBe(108.1);
    h.undo();
    h.apply([]);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBe(true);
    expect(h.undo()).toBe(true);
    expect(h.entries).toEqual([]);
    expect(h.undo()).toBe(false);
  });

  it('keeps one physical site per id when a second optimiser run numbers its sites again', () => {
    const once = withCandidates([], [newCandidate('plan-new-viettel-0001')]);
    const twice = withCandidates(once, [newCandidate('plan-new-viettel-0001')]);
    expect(twice.map((e) => e.siteId)).toEqual(['plan-new-viettel-0001', 'plan-new-viettel-0001-2']);
    expect(new Set(twice.map((e) => e.key)).size).toBe(2);
  });

  it('parses sectors and names the bad part', () => {
    expect(parseSectors('0/120, 120/120; 240/120')).toEqual([
      { azimuthDeg: 0, beamwidthDeg: 120 }, { azimuthDeg: 120, beamwidthDeg: 120 }, { azimuthDeg: 240, beamwidthDeg: 120 },
    ]);
    expect(parseSectors('')).toEqual([]);
    expect(parseSectors('-30/60')).toEqual([{ azimuthDeg: 330, beamwidthDeg: 60 }]);
    expect(() => parseSectors('north')).toThrow(/"north" is not a sector/);
    expect(() => parseSectors('0/0')).toThrow(/beamwidth 0/);
  });

  it('round-trips through session storage and drops what it cannot read', () => {
    const e = { ...placedEntry([], { lon: 108, lat: 14.5 }, { operators: ['Viettel', 'MobiFone'], tech: '4G', radiusM: 3000 }), sectors: [{ azimuthDeg: 90, beamwidthDeg: 120 }] };
    expect(parseStoredEntries(serialiseEntries([e]))).toEqual({ entries: [e], dropped: 0 });
    expect(parseStoredEntries(null)).toEqual({ entries: [], dropped: 0 });
    // One bad entry beside a good one: the good one stays, the bad one is counted for the notice.
    const bad = { key: 'p1', siteId: 'x', lon: 500, lat: 0, tech: '4G', operators: ['A'] };
    expect(parseStoredEntries(JSON.stringify({ version: 1, entries: [bad, e] }))).toEqual({ entries: [e], dropped: 1 });
    expect(parseStoredEntries('not json')).toEqual({ entries: [], dropped: -1 });
    expect(parseStoredEntries('{"version":1}')).toEqual({ entries: [], dropped: -1 });
  });

  it('reads a proposals file back as one entry per site, with operators and sectors, in file order', () => {
    const feature = (site: string, op: string, az: number | null, rank: number) => ({
      type: 'Feature',
      properties: { id: `${site}-${op}-${az}`, site_id: site, operator: op, tech: 'LTE', radius_m: 2000, azimuth_deg: az, beamwidth_deg: az === null ? null : 120, kind: 'share', rank },
      geometry: { type: 'Point', coordinates: [108, 14.5] },
    });
    const text = JSON.stringify({ type: 'FeatureCollection', features: [feature('S1', 'Viettel', 0, 1), feature('S1', 'Viettel', 120, 1), feature('S1', 'MobiFone', 0, 1), feature('S2', 'Viettel', null, 2)] });
    const entries = entriesFromGeoJson(text);
    expect(entries.map((e) => [e.siteId, e.operators, e.tech, e.radiusM, e.sectors.length, e.kind])).toEqual([
      ['S1', ['Viettel', 'MobiFone'], '4G', 2000, 2, 'share'],
      ['S2', ['Viettel'], '4G', 2000, 0, 'share'],
    ]);
    expect(() => entriesFromGeoJson('{"type":"Feature"}')).toThrow(/FeatureCollection/);
    expect(() => entriesFromGeoJson('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}')).toThrow(/no usable proposed site/);
  });
});

describe('before → after and the operator view', () => {
  const base = [
    row({ id: 'a', mobile_covered: true, mobile_operators: ['MobiFone'], gap: 'none' }),
    row({ id: 'b' }),
    row({ id: 'c', status: 'invalid', gap: 'both', ftth_covered: false }),
  ];
  it('applies changed rows without touching the base, and lists the gaps closed for an operator', () => {
    const after = applyChanges(base, [0, 1], [row({ id: 'a', mobile_covered: true, mobile_operators: ['MobiFone', 'Viettel'], gap: 'none' }), row({ id: 'b', mobile_covered: true, mobile_operators: ['Viettel'], gap: 'none' })]);
    expect(base[1].mobile_covered).toBe(false);
    expect([...closedGaps(base, after, [0, 1], 'any')]).toEqual([1]);
    expect([...closedGaps(base, after, [0, 1], 'Viettel')]).toEqual([0, 1]);
    expect(operatorShare(after, 'Viettel')).toMatchObject({ coveredVillages: 2, villages: 3, coveredPopulationPct: (100 * 200) / 300 });
  });

  it('judges mobile by the operator alone and fills sharing sites for its gaps only', () => {
    const rows = operatorRows(base, 'Viettel', new Map([[0, ['S9']], [1, ['S7', 'S8']]]));
    expect(rows.map((r) => r.gap)).toEqual(['mobile', 'mobile', 'both']);
    expect(rows.map((r) => r.sharing_sites)).toEqual([['S9'], ['S7', 'S8'], []]);
    expect(gapFor(base[0], 'MobiFone')).toBe('none');
    expect(operatorRows(base, 'any', null)).toEqual(base);
  });
});

describe('planning worker API on the Kon Tum sample', () => {
  let input: AnalysisInput;
  beforeAll(async () => {
    input = await samplePlanningInput();
  });

  it('proposes the top sharing opportunity, and the export credits it with the villages it promised', async () => {
    const api = createPlanningApi();
    expect(() => api.propose([])).toThrow(/before load/);
    const loaded = api.load(input, defaultParams());
    expect(loaded.villages).toBe(input.villages.length);
    const view = api.operatorView('VinaPhone');
    const top = view.opportunities[0];
    const entries: ProposalEntry[] = withCandidates([], [top.candidate]);
    const r = api.propose(toProposedSites(entries));
    const byId = new Map(r.changed.length ? Array.from(r.changed, (v, j) => [input.villages[v].id, r.rows[j]] as const) : []);
    for (const id of top.villagesGained) expect(byId.get(id)?.mobile_operators).toContain('VinaPhone');
    expect(r.kpis.sharedSitesPct!).toBeGreaterThan(loaded.kpis.sharedSitesPct!);
    const { data: text } = await api.exportProposals({
      sites: toProposedSites(entries),
      kinds: entries.map((e) => ({ kind: e.kind, origin: e.origin, hostOperators: e.hostOperators })),
      operator: 'VinaPhone',
      target: null,
      meta: { tool: 'vunglom', version: 'test', created: 'now', params: defaultParams(), inputs: [] },
    });
    const fc = JSON.parse(String(text));
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties).toMatchObject({ site_id: top.siteId, operator: 'VinaPhone', kind: 'share', villages_gained: top.villagesGained.length });
    expect([...fc.features[0].properties.village_ids].sort()).toEqual([...top.villagesGained].sort());
  });
});
