import type { LayerSlot } from '../../src/core/analysis/analysis-session.ts';
import type { PoolWorker, ProgressCallback } from '../../src/core/analysis/worker-pool.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import type { CoverageWorkerApi } from '../../workers/protocol.ts';

/** A worker's API as the pool sees it: every call answered after a turn of the event loop. */
export function onThisThread(api: CoverageWorkerApi): PoolWorker & { setLayer: (slot: LayerSlot, f: GeoFeature[] | null) => Promise<void> } {
  const later = async <T>(call: () => T | Promise<T>): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return call();
  };
  return {
    warmUp: () => later(() => api.warmUp()),
    load: (p) => later(() => api.load(p)),
    computeRange: (s, e) => later(() => api.computeRange(s, e)),
    prepare: (p) => later(() => api.prepare(p)),
    preparedData: () => later(() => api.preparedData()),
    analyse: (p, plan, onProgress?: ProgressCallback) => later(() => api.analyse(p, plan, onProgress)),
    computeShare: (token, share, onProgress?: ProgressCallback) => later(() => api.computeShare(token, share, onProgress)),
    assemble: (chunks, lean) => later(() => api.assemble(chunks, lean)),
    cancel: () => later(() => api.cancel()),
    setLayer: (slot, f) => later(() => api.setLayer(slot, f)),
  };
}

