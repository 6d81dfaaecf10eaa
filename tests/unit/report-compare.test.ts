import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { GapList } from '../../src/core/analysis/assemble-gap-list.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';
import type { MultiPolygonCoords } from '../../src/core/model.ts';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import type { RunMetadata } from '../../src/core/output/run-metadata.ts';
import { writeGapCsv } from '../../src/core/output/write-gap-csv.ts';
import { writeGapGeoJson } from '../../src/core/output/write-gap-geojson.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { createPlanningContext, planOperator } from '../../src/core/planning/plan-operator.ts';
import { compareResults } from '../../src/core/report/compare-results.ts';
import { readResultFile, type ResultSnapshot } from '../../src/core/report/read-result.ts';

/**
 * The comparison on two analyses of the Kon Tum sample: before and after twelve new sites of the
 * optimiser (for any operator); then the later one with a village removed, one renamed and one
 * given a new id; then with other assumptions, as a gaps-only export and as CSV.
 */
const K = 'public/data/kon-tum';
const read = async <L extends LayerKind>(kind: L, f: string) => readLayer(kind, { name: f, bytes: readFileSync(f) });

let input: AnalysisInput;
let before: GapList;
let after: GapList;
let geometries: MultiPolygonCoords[];

function exported(list: GapList, name: string, options: { params?: AnalysisParams; created?: string; gapsOnly?: boolean; rows?: GapRow[]; geometries?: MultiPolygonCoords[] } = {}): ResultSnapshot {
  const meta: RunMetadata = {
    tool: 'vunglom',
    version: '0.1.0',
    created: options.created ?? '2026-09-30T02:00:00.000Z',
    params: options.params ?? defaultParams(),
    inputs: [],
    kpis: list.kpis,
    gapsOnly: options.gapsOnly ?? false,
  };
  return readResultFile(writeGapGeoJson(options.rows ?? list.rows, options.geometries ?? geometries, meta), name);
}

beforeAll(async () => {
  input = {
    villages: (await read('villages', `${K}/villages.fgb`)).records,
    bts: (await read('bts', `${K}/bts.fgb`)).records,
    fibreRoutes: (await read('fibre', `${K}/fibre-routes.fgb`)).routes,
    fibrePoints: (await read('fibre', `${K}/fibre-points.fgb`)).points,
    settlements: (await read('settlements', `${K}/settlements.fgb`)).columns,
  };
  const params = defaultParams();
  before = analyzeInThread(input, params);
  const plan = planOperator(createPlanningContext(input, params), { operator: 'any', target: { measure: 'villages', share: 1 }, maxSites: 12 });
  after = analyzeInThread({ ...input, bts: [...input.bts, ...plan.proposals.flatMap((p) => p.candidate.records)] }, params);
  geometries = input.villages.map((v) => v.geometry);
});

describe('compareResults on the sample, before and after proposals', () => {
  it('names exactly the villages that gained mobile broadband, none lost, and the KPI deltas', () => {
    const c = compareResults(exported(before, 'q3.geojson'), exported(after, 'q4.geojson', { created: '2026-12-20T02:00:00.000Z' }));
    const gained = after.rows.filter((r, v) => r.mobile_covered && !before.rows[v].mobile_covered).map((r) => r.id);
    expect(gained.length).toBeGreaterThan(0);
    expect(c.mobile.gained.map((v) => v.id)).toEqual(gained);
    // Adding sites never takes coverage away, and fibre did not change.
    expect(c.mobile.lost).toEqual([]);
    expect(c.ftth.gained).toEqual([]);
    expect(c.ftth.lost).toEqual([]);
    expect(c.matched).toBe(input.villages.length);
    expect(c.warnings).toEqual([]);
    // Every gained village was trắng or lõm sóng before; the classes add up.
    const byClass = c.mobileByClass.gained;
    expect(byClass['trang-song'] + byClass['lom-song']).toBe(gained.length);
    expect(byClass['trang-song']).toBe(c.mobile.gained.filter((v) => v.classBefore === 'trang-song').length);
    // By commune and by district the counts add up to the totals.
    expect(c.byCommune.reduce((s, u) => s + u.mobileGained, 0)).toBe(gained.length);
    expect(c.byDistrict.reduce((s, u) => s + u.mobileGained, 0)).toBe(gained.length);
    const mobile = c.kpiDeltas.find((d) => d.key === 'mobileVillagesPct');
    expect(mobile?.delta).toBeCloseTo((after.kpis.mobileVillagesPct ?? 0) - (before.kpis.mobileVillagesPct ?? 0), 9);
    const trang = c.kpiDeltas.find((d) => d.key === 'trangSong');
    expect(trang?.now).toBe(after.rows.filter((r) => r.signal_class === 'trang-song').length);
    expect(trang?.before).toBe(before.rows.filter((r) => r.signal_class === 'trang-song').length);
  });

  it('the other way round, the same villages are lost', () => {
    const c = compareResults(exported(after, 'q3.geojson'), exported(before, 'q4.geojson'));
    const lost = after.rows.filter((r, v) => r.mobile_covered && !before.rows[v].mobile_covered).map((r) => r.id);
    expect(c.mobile.lost.map((v) => v.id)).toEqual(lost);
    expect(c.mobile.gained).toEqual([]);
    expect(c.mobileByClass.lost['trang-song'] + c.mobileByClass.lost['lom-song']).toBe(lost.length);
  });

  it('a village removed, one renamed and one with a new id: matched by id, then by name and commune, each said in a warning', () => {
    const gainedId = after.rows.find((r, v) => r.mobile_covered && !before.rows[v].mobile_covered)?.id as string;
    const removedIndex = after.rows.findIndex((r) => r.id === gainedId);
    const renamedIndex = after.rows.findIndex((r, v) => v !== removedIndex && r.gap === 'none');
    const reIdIndex = after.rows.findIndex(
      (r, v) => v !== removedIndex && v !== renamedIndex && r.mobile_covered && !before.rows[v].mobile_covered && after.rows.filter((o) => o.name === r.name && o.commune === r.commune).length === 1,
    );
    const rows = after.rows
      .map((r, v) => (v === renamedIndex ? { ...r, name: `${r.name} (mới)` } : v === reIdIndex ? { ...r, id: `${r.id}-2026` } : r))
      .filter((_, v) => v !== removedIndex);
    const geoms = geometries.filter((_, v) => v !== removedIndex);
    const c = compareResults(exported(before, 'q3.geojson'), exported(after, 'q4.geojson', { rows, geometries: geoms }));
    expect(c.matched).toBe(input.villages.length - 1);
    const codes = c.warnings.map((w) => w.code).sort();
    expect(codes).toEqual(['matched-by-name', 'renamed', 'villages-removed']);
    const removed = c.warnings.find((w) => w.code === 'villages-removed');
    expect(removed && 'examples' in removed ? removed.examples.map((e) => e.id) : []).toEqual([gainedId]);
    const byName = c.warnings.find((w) => w.code === 'matched-by-name');
    expect(byName?.code === 'matched-by-name' && byName.examples[0]).toMatchObject({ id: `${after.rows[reIdIndex].id}-2026`, previousId: after.rows[reIdIndex].id });
    const renamed = c.warnings.find((w) => w.code === 'renamed');
    expect(renamed?.code === 'renamed' && renamed.examples[0]).toEqual({ id: after.rows[renamedIndex].id, before: after.rows[renamedIndex].name, now: `${after.rows[renamedIndex].name} (mới)` });
    // The removed village is not "lost" (it is gone); the one with a new id still counts as gained.
    const gained = c.mobile.gained.map((v) => v.id);
    expect(gained).not.toContain(gainedId);
    expect(gained).toContain(`${after.rows[reIdIndex].id}-2026`);
    expect(c.mobile.lost).toEqual([]);
  });

  it('a village only in this result counts as gained when covered (missing before), and as added', () => {
    const rows = before.rows.filter((r) => r.mobile_covered).slice(0, 1);
    const previous = exported(before, 'q3.geojson', { rows: before.rows.filter((r) => r.id !== rows[0].id), geometries: geometries.filter((_, v) => before.rows[v].id !== rows[0].id) });
    const c = compareResults(previous, exported(before, 'q4.geojson'));
    expect(c.mobile.gained.map((v) => v.id)).toEqual([rows[0].id]);
    expect(c.mobileByClass.gained.unknown).toBe(1);
    expect(c.warnings.map((w) => w.code)).toEqual(['villages-added']);
  });

  it('different assumptions are named, with both values', () => {
    const c = compareResults(exported(before, 'q3.geojson'), exported(after, 'q4.geojson', { params: { ...defaultParams(), coverageThreshold: 0.8, ftthReachM: 800 } }));
    const w = c.warnings.find((x) => x.code === 'params-differ');
    expect(w?.code === 'params-differ' && w.keys).toEqual([
      { key: 'coverageThreshold', before: '0.9', now: '0.8' },
      { key: 'ftthReachM', before: '1000', now: '800' },
    ]);
  });

  it('a gaps-only earlier export: the villages it leaves out were covered then (its metadata says so), so they are neither gained nor lost unless they changed', () => {
    const gapsOnly = exported(before, 'q3-gaps.geojson', { gapsOnly: true });
    expect(gapsOnly.rows.length).toBe(before.rows.filter((r) => r.gap !== 'none').length);
    const c = compareResults(gapsOnly, exported(after, 'q4.geojson'));
    const full = compareResults(exported(before, 'q3.geojson'), exported(after, 'q4.geojson'));
    expect(c.mobile.gained.map((v) => v.id)).toEqual(full.mobile.gained.map((v) => v.id));
    expect(c.mobile.lost).toEqual([]);
    expect(c.warnings.map((w) => w.code)).toEqual(['gaps-only']);
    expect(c.kpiDeltas.find((d) => d.key === 'trangSong')).toEqual(full.kpiDeltas.find((d) => d.key === 'trangSong'));
  });

  it('an earlier CSV: same changes, no metadata to check assumptions against, site figures unknown', () => {
    const csv = readResultFile(writeGapCsv(before.rows, { gapsOnly: false }), 'q3.csv', { fallbackCreated: '2026-09-30T00:00:00Z' });
    const c = compareResults(csv, exported(after, 'q4.geojson'));
    const full = compareResults(exported(before, 'q3.geojson'), exported(after, 'q4.geojson'));
    expect(c.mobile.gained.map((v) => v.id)).toEqual(full.mobile.gained.map((v) => v.id));
    expect(c.warnings.map((w) => w.code)).toEqual(['no-metadata']);
    const shared = c.kpiDeltas.find((d) => d.key === 'sharedSitesPct');
    expect(shared?.before).toBeNull();
    expect(shared?.delta).toBeNull();
    expect(c.kpiDeltas.find((d) => d.key === 'mobileVillagesPct')?.before).toBeCloseTo(before.kpis.mobileVillagesPct ?? NaN, 9);
  });
});
