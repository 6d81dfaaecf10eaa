import { describe, expect, it } from 'vitest';
import type { RunMetadata } from '../../src/core/output/run-metadata.ts';
import { defaultParams } from '../../src/core/params.ts';
import { ResultFileError } from '../../src/core/report/read-result.ts';
import { parsePlan, reportFromFiles } from '../../src/core/report/report-from-files.ts';

const props = (id: string, covered: boolean) => ({
  id, name: `Thôn ${id}`, commune: 'Xã A', district: null, province: 'Kon Tum', status: 'ok', gap: covered ? 'none' : 'mobile',
  mobile_covered: covered, mobile_centre_covered: covered, ftth_covered: true, ftth_fraction: 1,
});
function file(name: string, covered: boolean[], inputs: RunMetadata['inputs'] = []) {
  const features = covered.map((c, i) => ({ type: 'Feature', id: `v${i}`, properties: props(`v${i}`, c), geometry: null }));
  const meta = { tool: 'vunglom', version: '0.1.0', created: '2026-10-01T00:00:00Z', params: defaultParams(), inputs, kpis: {}, gapsOnly: false };
  return { name, bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', vunglom: meta, features })), modified: null };
}

describe('reportFromFiles', () => {
  it('reads the files, names the synthetic inputs by their bytes, and gives the HTML and summary of one model', () => {
    const sha = 'ab'.repeat(32);
    const now = file('q4.geojson', [true, true, false], [
      { role: 'villages', name: 'villages.fgb', bytes: 10, sha256: sha },
      { role: 'bts', name: 'my-sites.csv', bytes: 10, sha256: 'cd'.repeat(32) },
    ]);
    const out = reportFromFiles(now, [file('q3.geojson', [false, true, false])], { lang: 'en', syntheticSha256: new Set([sha]) });
    expect(out.model.syntheticLayers).toEqual(['villages']);
    expect(out.summary.changes).toEqual({ mobile: { gained: ['v0'], lost: [] }, ftth: { gained: [], lost: [] } });
    expect(out.html).toContain('<html lang="en">');
    expect(out.html).toContain('SYNTHETIC');
  });

  it('refuses a file that is not a gap list, naming it', () => {
    const bad = { name: 'sites.csv', bytes: new TextEncoder().encode('lon,lat\n1,2\n'), modified: null };
    expect(() => reportFromFiles(file('q4.geojson', [true]), [bad], { lang: 'vi' })).toThrow(ResultFileError);
    expect(() => reportFromFiles(file('q4.geojson', [true]), [bad], { lang: 'vi' })).toThrow(/^sites\.csv has no column "id" or "mobile_covered"/);
  });
});

describe('parsePlan', () => {
  it('takes the plan board target names, and refuses anything else with a sentence', () => {
    expect(parsePlan({ name: 'Kon Tum 2025', targets: { 'mobile-villages-pct': 100, 'shared-sites-pct': null } }, 'plan.json')).toEqual({
      name: 'Kon Tum 2025',
      targets: { mobileVillagesPct: 100, sharedSitesPct: null },
    });
    expect(() => parsePlan({ name: 'x', targets: { 'mobile-pct': 100 } }, 'plan.json')).toThrow(/plan\.json: unknown target "mobile-pct"; use mobile-villages-pct/);
    expect(() => parsePlan({ name: 'x', targets: { 'ftth-villages-pct': 120 } }, 'plan.json')).toThrow(/from 0 to 100 or null, got 120/);
    expect(() => parsePlan({ targets: {} }, 'plan.json')).toThrow(/needs a "name"/);
    expect(() => parsePlan([], 'plan.json')).toThrow(/a plan is an object/);
  });
});
