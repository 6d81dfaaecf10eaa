import { describe, expect, test } from 'vitest';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import { ANY } from '../../src/app/planner/before-after.ts';
import { placedEntry } from '../../src/app/operator/proposals.ts';
import { createWorkflowState, forgetAnswers, proposedFeatures, sharesSite, shownGap, shownProposal } from '../../src/app/operator/workflow-state.ts';
import type { ProposeResult } from '../../workers/planning-protocol.ts';

/** The operator workflow's state and what follows from it (the parts that draw read only this). */

function row(over: Partial<GapRow>): GapRow {
  return {
    id: 'v', name: 'v', commune: null, district: null, province: null, population: 100, households: null, status: 'ok',
    gap: 'mobile', mobile_covered: false, mobile_area_fraction: 0, mobile_pop_fraction: 0, mobile_centre_covered: false,
    mobile_operators: [], mobile_by_operator: {}, nearest_bts_m: null, ftth_covered: true, ftth_fraction: 1, nearest_fibre_m: 0,
    reasons: [], sharing_sites: [], signal_class: 'trang-song', route: 'build', ...over,
  } as GapRow;
}

describe('workflow state', () => {
  test('a proposal is shown only with entries and the worker’s answer; forgetting the answers hides it', () => {
    const s = createWorkflowState([], ANY);
    expect(shownProposal(s)).toBeNull();
    s.history.apply([placedEntry([], { lon: 108, lat: 14.5 }, { operators: ['Viettel'], tech: '4G', radiusM: null })]);
    expect(shownProposal(s)).toBeNull();
    const after = { changed: new Uint32Array([0]), rows: [row({ gap: 'none' })] } as unknown as ProposeResult;
    s.after = after;
    s.afterRows = [row({ gap: 'none' })];
    expect(shownProposal(s)?.after).toBe(after);
    forgetAnswers(s);
    expect(shownProposal(s)).toBeNull();
  });

  test('the gap shown follows the operator in view', () => {
    const s = createWorkflowState([], ANY);
    const r = row({ gap: 'none', mobile_by_operator: { Viettel: 0.1, MobiFone: 1 }, mobile_operators: ['MobiFone'] });
    expect(shownGap(s, r)).toBe('none');
    s.operator = 'Viettel';
    expect(shownGap(s, r)).toBe('mobile');
  });

  test('proposed sites are BTS-like points, one per operator and sector, without a radius of their own when none was set', () => {
    const entry = { ...placedEntry([], { lon: 108, lat: 14.5 }, { operators: ['Viettel', 'MobiFone'], tech: '4G', radiusM: null }), sectors: [{ azimuthDeg: 0, beamwidthDeg: 120 }, { azimuthDeg: 180, beamwidthDeg: 120 }] };
    const s = createWorkflowState([entry], ANY);
    s.selected = entry.key;
    const features = proposedFeatures(s).features;
    expect(features).toHaveLength(4);
    expect(features.map((f) => f.properties?.operator)).toEqual(['Viettel', 'Viettel', 'MobiFone', 'MobiFone']);
    expect(features.every((f) => f.properties?.radius_m === null && f.properties?.selected === true)).toBe(true);
    expect(features.map((f) => f.properties?.azimuth_deg)).toEqual([0, 180, 0, 180]);
  });

  test('a shared site counts for the operators it is shared with', () => {
    const share = { ...placedEntry([], { lon: 108, lat: 14.5 }, { operators: ['Viettel'], tech: '4G', radiusM: null }), kind: 'share' as const, siteId: 'S1' };
    const s = createWorkflowState([share], ANY);
    expect(sharesSite(s, 'S1', 'Viettel')).toBe(true);
    expect(sharesSite(s, 'S1', 'MobiFone')).toBe(false);
    expect(sharesSite(s, 'S2', 'Viettel')).toBe(false);
  });
});
