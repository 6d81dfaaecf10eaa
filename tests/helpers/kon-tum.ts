import { readFileSync } from 'node:fs';
import type { LayerSlot } from '../../src/core/analysis/analysis-session.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import { readFgb } from '../../src/core/io/read-fgb.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';

/** The Kon Tum sample as the tests read it: its folder, its files by input slot, its features and its records. */

export const KON_TUM = 'public/data/kon-tum';

/** Each input slot's file name (without `.fgb`). */
export const SAMPLE_FILES: Record<LayerSlot, string> = {
  villages: 'villages',
  bts: 'bts',
  fibreRoutes: 'fibre-routes',
  fibrePoints: 'fibre-points',
  settlements: 'settlements',
};

/** Every input layer of the sample as features, by slot. */
export async function sampleFeatures(): Promise<Record<LayerSlot, GeoFeature[]>> {
  const out: Partial<Record<LayerSlot, GeoFeature[]>> = {};
  for (const [slot, file] of Object.entries(SAMPLE_FILES)) out[slot as LayerSlot] = (await readFgb(new Uint8Array(readFileSync(`${KON_TUM}/${file}.fgb`)))).features;
  return out as Record<LayerSlot, GeoFeature[]>;
}

/** The sample's villages, sites and settlements as records (no fibre): what the planning tests start from. */
export async function samplePlanningInput(): Promise<AnalysisInput> {
  const read = async <L extends 'villages' | 'bts' | 'settlements'>(kind: L) => readLayer(kind, { name: `${kind}.fgb`, bytes: readFileSync(`${KON_TUM}/${kind}.fgb`) });
  return {
    villages: (await read('villages')).records,
    bts: (await read('bts')).records,
    fibreRoutes: [],
    fibrePoints: [],
    settlements: (await read('settlements')).columns,
  };
}
