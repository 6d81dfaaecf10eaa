import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';
import { defaultParams } from '../../src/core/params.ts';
import { createPlanningContext } from '../../src/core/planning/plan-operator.ts';
import { operatorSharing } from '../../src/core/sharing/sharing-opportunities.ts';
import { vunglom as run } from '../helpers/run-cli.ts';
import { samplePlanningInput } from '../helpers/kon-tum.ts';

const K = 'public/data/kon-tum';
const SAMPLE = ['--villages', `${K}/villages.fgb`, '--bts', `${K}/bts.fgb`, '--settlements', `${K}/settlements.fgb`];
const dir = mkdtempSync(join(tmpdir(), 'vunglom-plan-'));
const read = async <L extends LayerKind>(kind: L, f: string) => readLayer(kind, { name: f, bytes: readFileSync(f) });

const vunglom = (...args: string[]) => run(args);

let input: AnalysisInput;
beforeAll(async () => {
  input = await samplePlanningInput();
});

describe('vunglom plan on the Kon Tum sample', () => {
  it('proposes sites for Viettel that, fed back to analyze as a second --bts, cover every village', async () => {
    const out = join(dir, 'proposals.geojson');
    const gaps = join(dir, 'viettel-gaps.geojson');
    const r = vunglom('plan', ...SAMPLE, '--operator', 'Viettel', '--target', '1.0', '--out', out, '--gaps', gaps);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/planning: \d+ additions/);
    expect(r.stderr).toMatch(/target reached/);
    expect(r.stderr).not.toMatch(/no footprint reaches/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.vunglom.plan.reached).toBe(true);
    const kinds = fc.features.map((f: { properties: { kind: string } }) => f.properties.kind);
    expect(kinds).toContain('share');
    expect(kinds.indexOf('new')).toBeGreaterThan(kinds.lastIndexOf('share'));
    const proposals = await read('bts', out);
    expect(proposals.issues).toEqual([]);
    expect(proposals.records.length).toBe(fc.features.length);
    expect(proposals.records.every((b) => b.operator === 'Viettel' && b.tech === '4G' && b.radiusM === 3500)).toBe(true);
    const after = analyzeInThread({ ...input, bts: [...input.bts, ...proposals.records] }, defaultParams());
    const uncovered = after.rows.filter((row) => !row.mobile_operators.includes('Viettel')).map((row) => row.id);
    expect(uncovered).toEqual([]);
    expect(after.kpis.sharedSitesPct!).toBeGreaterThan(analyzeInThread(input, defaultParams()).kpis.sharedSitesPct!);

    // The operator's gap list carries sharing_sites for its gaps only.
    const g = JSON.parse(readFileSync(gaps, 'utf8'));
    const withSites = g.features.filter((f: { properties: { sharing_sites: string[] } }) => f.properties.sharing_sites.length > 0);
    expect(withSites.length).toBeGreaterThan(0);
    for (const f of withSites) expect(f.properties.mobile_operators).not.toContain('Viettel');
  });

  it('with --gaps, says when the BTS file reaches no village (sites for another country)', () => {
    const r = vunglom('plan', '--villages', `${K}/villages.fgb`, '--bts', 'tests/fixtures/e2e/bts-elsewhere.csv', '--operator', 'Viettel', '--target', '0.2',
      '--out', join(dir, 'far.geojson'), '--gaps', join(dir, 'far-gaps.geojson'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^BTS: no footprint reaches any village; the nearest site lies (8|9),\d{3} km from a village's centre\./m);
  });

  it('takes an operator as site lists spell it: "VNPT" plans for VinaPhone, "viettel" for Viettel', () => {
    for (const [typed, name] of [['VNPT', 'VinaPhone'], ['viettel', 'Viettel']]) {
      const r = vunglom('plan', ...SAMPLE, '--operator', typed, '--target', '0.5', '--out', join(dir, `spelt-${typed}.geojson`));
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^planning for ${name}: evaluating candidates$`, 'm'));
      expect(r.stderr).toMatch(new RegExp(`done in .* s: ${name} villages covered`));
    }
  });

  it('exits 2 with one line on a bad operator, target or command line', () => {
    const out = join(dir, 'bad.geojson');
    const cases: [string[], RegExp][] = [
      [['plan', ...SAMPLE, '--operator', 'Nope', '--target', '1', '--out', out], /Operator "Nope" is not in the BTS data/],
      [['plan', ...SAMPLE, '--operator', 'Vietel', '--target', '1', '--out', out], /Operator "Vietel" is not in the BTS data; .* Did you mean "Viettel"\?$/m],
      [['plan', ...SAMPLE, '--operator', 'Viettel', '--target', '95', '--out', out], /--target must be a share between 0 and 1/],
      [['plan', ...SAMPLE, '--target', '1', '--out', out], /Missing --operator/],
      [['plan', ...SAMPLE, '--operator', 'Viettel', '--target', '1', '--out', out, '--max-sites', '-1'], /--max-sites/],
    ];
    for (const [args, message] of cases) {
      const r = vunglom(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^vunglom: [^\n]+\n$/);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('sharing opportunities for an operator', () => {
  it('lists sites that close gaps on their own, ranked, and sharing one does close its villages', () => {
    const ctx = createPlanningContext(input, defaultParams());
    const s = operatorSharing(ctx, 'VinaPhone');
    const ranked = s.opportunities.map((o) => o.villagesGained.length);
    expect(ranked.length).toBeGreaterThan(0);
    expect([...ranked].sort((a, b) => b - a)).toEqual(ranked);
    const ratio = s.sites.sharedCount / s.sites.sites.length;
    for (const o of s.opportunities) {
      expect(o.hostOperators).not.toContain('VinaPhone');
      expect(o.sharingRatioIfAdded!).toBeGreaterThanOrEqual(ratio);
    }
    // Share the top three opportunities and check every village they promise is covered by VinaPhone.
    const top = s.opportunities.slice(0, 3);
    const after = analyzeInThread({ ...input, bts: [...input.bts, ...top.flatMap((o) => o.candidate.records)] }, defaultParams());
    const byId = new Map(after.rows.map((r) => [r.id, r]));
    for (const o of top) for (const id of o.villagesGained) expect(byId.get(id)!.mobile_operators).toContain('VinaPhone');
    // sharing_sites of a gap village name only sites that close it.
    const v = s.villages.findIndex((x) => x.sharingSites.length > 0);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(s.villages[v].covered).toBe(false);
    expect(s.opportunities.some((o) => o.siteId === s.villages[v].sharingSites[0] && o.villagesGained.includes(input.villages[v].id))).toBe(true);
    expect(operatorSharing(ctx, 'any').opportunities).toEqual([]);
  });
});
