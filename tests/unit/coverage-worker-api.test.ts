import { describe, expect, test } from 'vitest';
import { sampleFeatures } from '../helpers/kon-tum.ts';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { toAnalysisInput } from '../../src/app/analysis/run-coverage.ts';
import type { LayerSlot } from '../../src/core/analysis/analysis-session.ts';
import { createCoverageApi } from '../../workers/coverage-api.ts';
import { createPlanningApi } from '../../workers/planning-api.ts';
import { warmUpLayers, warmUpRound } from '../../src/core/analysis/warm-up-scene.ts';

/**
 * The coverage worker's own-layers path (features sent once, read, packed, computed and assembled
 * in the worker, caches reused across parameter changes) gives exactly the gap list the CLI's
 * in-thread analysis gives; the planning worker started from its shared analysis proposes the same.
 */

function reference(layers: Record<LayerSlot, GeoFeature[]>, params: AnalysisParams) {
  const fc = (slot: LayerSlot) => ({ type: 'FeatureCollection', features: layers[slot] }) as never;
  return analyzeInThread(toAnalysisInput({ villages: fc('villages'), bts: fc('bts'), fibreRoutes: fc('fibreRoutes'), fibrePoints: fc('fibrePoints'), settlements: fc('settlements') }), params);
}

describe('coverage worker API with held layers', () => {
  test('analyse equals the in-thread analysis, and re-runs reuse what the changed parameters leave valid', async () => {
    const layers = await sampleFeatures();
    const api = createCoverageApi();
    for (const [slot, features] of Object.entries(layers)) api.setLayer(slot as LayerSlot, features);
    let progressed = 0;
    const params = defaultParams();
    const first = await api.analyse(params, { token: 1, workers: 1, chunk: 100 }, (villages) => (progressed += villages));
    expect(progressed).toBe(layers.villages.length);
    expect(first.prepared.computed).toBe(false);
    expect(first.prepared.rebuilt).toContain('records:villages');
    expect(first.result?.rows).toEqual(reference(layers, params).rows);

    // Classification only: nothing read, packed or computed again.
    const area: AnalysisParams = { ...params, coverageMeasure: 'area', coverageThreshold: 0.7 };
    const reclassified = await api.analyse(area, { token: 2, workers: 1, chunk: 0 });
    expect(reclassified.prepared).toMatchObject({ computed: true, rebuilt: [] });
    expect(reclassified.result?.rows).toEqual(reference(layers, area).rows);

    // The reach only: FTTH recomputed over the cached mobile measures.
    const reach: AnalysisParams = { ...area, ftthReachM: 1800 };
    const ftth = await api.analyse(reach, { token: 3, workers: 1, chunk: 0 });
    expect(ftth.prepared).toMatchObject({ computed: false, ftthOnly: true, rebuilt: [] });
    expect(ftth.result?.rows).toEqual(reference(layers, reach).rows);

    // Footprints change: computed again.
    const disks: AnalysisParams = { ...reach, sectors: false, radiusM: { ...reach.radiusM, '4G': 2500 } };
    const recomputed = await api.analyse(disks, { token: 4, workers: 1, chunk: 0 });
    expect(recomputed.prepared).toMatchObject({ computed: false, ftthOnly: false, rebuilt: ['pack:footprints'] });
    expect(recomputed.result?.rows).toEqual(reference(layers, disks).rows);
  });

  test('two workers with interleaved shares give the same gap list; a newer run supersedes an older one', async () => {
    const layers = await sampleFeatures();
    const params = defaultParams();
    const a = createCoverageApi();
    const b = createCoverageApi();
    for (const [slot, features] of Object.entries(layers)) a.setLayer(slot as LayerSlot, features);
    const prep = a.prepare(params);
    b.load(a.preparedData());
    const [, other] = await Promise.all([a.analyse(params, { token: 1, workers: 2, chunk: 50 }), b.computeShare(1, { index: 1, of: 2, chunk: 50 })]);
    expect(other.reduce((n, c) => n + c.end - c.start, 0)).toBeLessThan(prep.villageCount);
    expect(a.assemble(other).rows).toEqual(reference(layers, params).rows);

    const older = a.analyse({ ...params, sectors: false }, { token: 2, workers: 1, chunk: 32 });
    const newer = a.analyse({ ...params, sectors: false, ftthReachM: 900 }, { token: 3, workers: 1, chunk: 32 });
    await expect(older).rejects.toMatchObject({ name: 'AbortError' });
    expect((await newer).result?.rows).toEqual(reference(layers, { ...params, sectors: false, ftthReachM: 900 }).rows);
  });

  test('the planning worker starts from the shared analysis and proposes as if it had computed it', async () => {
    const layers = await sampleFeatures();
    const params = defaultParams();
    const coverage = createCoverageApi();
    const fresh = createPlanningApi();
    const shared = createPlanningApi();
    for (const [slot, features] of Object.entries(layers)) coverage.setLayer(slot as LayerSlot, features);
    await coverage.analyse(params, { token: 1, workers: 1, chunk: 0 });
    const fc = (slot: LayerSlot) => ({ type: 'FeatureCollection', features: layers[slot] }) as never;
    fresh.load(toAnalysisInput({ villages: fc('villages'), bts: fc('bts'), fibreRoutes: fc('fibreRoutes'), fibrePoints: fc('fibrePoints'), settlements: fc('settlements') }), params);
    const channel = new MessageChannel();
    const loading = shared.loadShared(channel.port2 as unknown as MessagePort);
    expect(coverage.sharePlanning(channel.port1 as unknown as MessagePort)).toBe(true);
    const summary = await loading;
    channel.port1.close();
    expect(summary.reused).toBe(true);
    const site = { lon: layers.villages[0].properties.centre_lon as number, lat: layers.villages[0].properties.centre_lat as number, operators: ['Viettel'], tech: '4G' as const };
    expect(shared.propose([site]).rows).toEqual(fresh.propose([site]).rows);
  });

  test('the warm-up scene is deterministic and covers some villages but not all', () => {
    expect(warmUpLayers()).toEqual(warmUpLayers());
    const covered = warmUpRound(0);
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(warmUpLayers().villages.length);
  });
});
