import type { FeatureCollection } from 'geojson';
import type { AnalysisInput } from '../core/analysis/prepare-analysis.ts';
import { readBts } from '../core/io/read-bts.ts';
import { readFibre } from '../core/io/read-fibre.ts';
import { readSettlements } from '../core/io/read-settlements.ts';
import { readVillages } from '../core/io/read-villages.ts';
import type { AnalysisParams } from '../core/params.ts';
import type { GapRow } from '../core/output/gap-row.ts';
import { runAnalysis } from './coverage-client.ts';
import type { ExportableResult, InputSource } from './export-gaps.ts';

/** The layers the app has loaded, as GeoJSON (what the map shows). */
export interface LoadedLayers {
  villages: FeatureCollection;
  bts: FeatureCollection | null;
  fibreRoutes: FeatureCollection | null;
  fibrePoints: FeatureCollection | null;
  settlements: FeatureCollection | null;
}

type Features = Parameters<typeof readVillages>[0];

/** Turn the displayed layers into analysis records with the same readers the CLI uses. */
export function toAnalysisInput(layers: LoadedLayers): AnalysisInput {
  const fc = (c: FeatureCollection): Features => c as unknown as Features;
  const routes = layers.fibreRoutes ? readFibre(fc(layers.fibreRoutes)) : null;
  const points = layers.fibrePoints ? readFibre(fc(layers.fibrePoints)) : null;
  return {
    villages: readVillages(fc(layers.villages)).records,
    bts: layers.bts ? readBts(fc(layers.bts)).records : [],
    fibreRoutes: [...(routes?.routes ?? []), ...(points?.routes ?? [])],
    fibrePoints: [...(routes?.points ?? []), ...(points?.points ?? [])],
    settlements: layers.settlements ? readSettlements(fc(layers.settlements)).records : null,
  };
}

/** The villages layer with each village's result merged into its properties, for styling and popups. */
export function villagesWithResults(villages: FeatureCollection, rows: readonly GapRow[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: villages.features.map((f, i) => ({
      ...f,
      properties: {
        ...f.properties,
        gap: rows[i].gap,
        status: rows[i].status,
        mobile_area_fraction: rows[i].mobile_area_fraction,
        mobile_pop_fraction: rows[i].mobile_pop_fraction,
        mobile_centre_covered: rows[i].mobile_centre_covered,
        ftth_fraction: rows[i].ftth_fraction,
        reasons: rows[i].reasons.join(','),
      },
    })),
  };
}

/** Analyse the loaded layers in the worker pool; the result can be exported as the CLI would write it. */
export async function analyseLayers(
  layers: LoadedLayers,
  params: AnalysisParams,
  context: { sources: InputSource[]; region: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<ExportableResult & { timing: { totalMs: number; workers: number } }> {
  const reading = performance.now();
  const input = toAnalysisInput(layers);
  performance.measure('vunglom:records', { start: reading });
  const { timing, ...gapList } = await runAnalysis(input, params, { signal: context.signal, onProgress: context.onProgress });
  return {
    gapList,
    geometries: input.villages.map((v) => v.geometry),
    params,
    sources: context.sources,
    region: context.region,
    timing,
  };
}
