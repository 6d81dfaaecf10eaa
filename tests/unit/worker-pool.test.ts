import { describe, expect, test } from 'vitest';
import { sampleFeatures } from '../helpers/kon-tum.ts';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { LayerSlot } from '../../src/core/analysis/analysis-session.ts';
import { computeChunk } from '../../src/core/analysis/compute-chunk.ts';
import { prepareAnalysis } from '../../src/core/analysis/prepare-analysis.ts';
import { CoverageWorkerPool, defaultChunk, shareRanges } from '../../src/core/analysis/worker-pool.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import { defaultParams } from '../../src/core/params.ts';
import { toAnalysisInput } from '../../src/app/analysis/run-coverage.ts';
import { createCoverageApi } from '../../workers/coverage-api.ts';
import { onThisThread } from '../helpers/on-this-thread.ts';

/**
 * The pool over workers on this thread (the workers' own API, each call answered a task later as a
 * message would be): the same gap list as one thread, progress to the total, the latest run wins.
 */

function reference(layers: Record<LayerSlot, GeoFeature[]>) {
  const fc = (slot: LayerSlot) => ({ type: 'FeatureCollection', features: layers[slot] }) as never;
  return toAnalysisInput({ villages: fc('villages'), bts: fc('bts'), fibreRoutes: fc('fibreRoutes'), fibrePoints: fc('fibrePoints'), settlements: fc('settlements') });
}

describe('CoverageWorkerPool', () => {
  test('the chunk size and the interleaved shares cover every village once', () => {
    expect(defaultChunk(100, 2)).toBe(32);
    expect(defaultChunk(100_000, 2)).toBe(6250);
    const covered = [0, 1, 2].flatMap((k) => shareRanges(1000, 64, k, 3)).flatMap(([s, e]) => Array.from({ length: e - s }, (_, i) => s + i));
    expect(covered.sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  test('run: ranges handed out over three workers give the one-thread chunks, progress reaches the total', async () => {
    const layers = await sampleFeatures();
    const input = reference(layers);
    const prepared = prepareAnalysis(input, defaultParams());
    const pool = new CoverageWorkerPool([0, 1, 2].map(() => onThisThread(createCoverageApi())));
    const seen: number[] = [];
    const chunks = await pool.run(prepared, { chunkSize: 100, onProgress: (done) => seen.push(done) });
    expect(chunks.map((c) => c.start)).toEqual(Array.from({ length: Math.ceil(prepared.villageCount / 100) }, (_, i) => i * 100));
    expect(chunks[3].mobile.areaFraction).toEqual(computeChunk(prepared, 300, 400).mobile.areaFraction);
    expect(seen.at(-1)).toBe(prepared.villageCount);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  test('runHeld on two workers equals the in-thread analysis; a newer run makes the older reject with AbortError', async () => {
    const layers = await sampleFeatures();
    const params = defaultParams();
    const pool = new CoverageWorkerPool([onThisThread(createCoverageApi()), onThisThread(createCoverageApi())]);
    for (const [slot, features] of Object.entries(layers)) await pool.holder.setLayer(slot as LayerSlot, features);
    let last = 0;
    const result = await pool.runHeld(params, { onProgress: (done) => (last = done) });
    expect(result.rows).toEqual(analyzeInThread(reference(layers), params).rows);
    expect(last).toBe(layers.villages.length);

    const older = pool.runHeld({ ...params, sectors: false });
    const newer = pool.runHeld({ ...params, sectors: false, ftthReachM: 900 });
    await expect(older).rejects.toMatchObject({ name: 'AbortError' });
    expect((await newer).rows).toEqual(analyzeInThread(reference(layers), { ...params, sectors: false, ftthReachM: 900 }).rows);
  });

  test('a worker added later gets the packed data worker to worker by a port; the pool shrinks only when no run is in progress', async () => {
    const layers = await sampleFeatures();
    const params = defaultParams();
    const apis = [createCoverageApi(), createCoverageApi()];
    const [holder, helper] = apis.map(onThisThread);
    const handOvers: number[] = [];
    const pool = new CoverageWorkerPool([holder], {
      // What the app does: a channel between the two workers, the page's thread passing only the ports.
      handOver: async (from, to) => {
        handOvers.push(pool.size);
        const { port1, port2 } = new MessageChannel();
        await Promise.all([to === helper ? apis[1].loadFrom(port2) : Promise.reject(new Error('unexpected worker')), from === holder ? apis[0].postPrepared(port1) : undefined]);
      },
    });
    for (const [slot, features] of Object.entries(layers)) await pool.holder.setLayer(slot as LayerSlot, features);
    pool.add(helper);
    expect(pool.size).toBe(2);
    const running = pool.runHeld(params, { lean: true });
    expect(pool.busy).toBe(true);
    expect(() => pool.shrink(1)).toThrow(/in progress/);
    const result = await running;
    expect(pool.busy).toBe(false);
    const expected = analyzeInThread(reference(layers), params);
    expect(result.kpis).toEqual(expected.kpis);
    expect(result.rows).toEqual([]);
    expect(apis[0].gapRows(0, expected.rows.length)).toEqual(expected.rows);
    expect(handOvers).toEqual([2]);
    // The same data: not handed over again.
    await pool.runHeld({ ...params, coverageThreshold: 0.5 }, { lean: true });
    expect(handOvers).toEqual([2]);
    expect(pool.shrink(1)).toEqual([helper]);
    expect(pool.size).toBe(1);
    // A helper added anew is handed the data before its share.
    pool.add(helper);
    await pool.runHeld({ ...params, sectors: false }, { lean: true });
    expect(handOvers).toEqual([2, 2]);
  });

  test('an aborted signal rejects the run with AbortError', async () => {
    const layers = await sampleFeatures();
    const pool = new CoverageWorkerPool([onThisThread(createCoverageApi())]);
    for (const [slot, features] of Object.entries(layers)) await pool.holder.setLayer(slot as LayerSlot, features);
    const controller = new AbortController();
    const run = pool.runHeld({ ...defaultParams(), radiusM: { ...defaultParams().radiusM, '4G': 4100 } }, { signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
