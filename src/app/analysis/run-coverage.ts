import type { FeatureCollection } from 'geojson';
import type { AnalysisInput } from '../../core/analysis/prepare-analysis.ts';
import type { GeoFeature } from '../../core/io/geojson-types.ts';
import { readBts } from '../../core/io/read-bts.ts';
import { readFibre } from '../../core/io/read-fibre.ts';
import { readSettlements } from '../../core/io/read-settlements.ts';
import { readVillages } from '../../core/io/read-villages.ts';
import type { AnalysisParams } from '../../core/params.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import { gapMapProperties } from '../../core/output/map-properties.ts';
import { errorMessage } from '../../core/error-message.ts';
import { SLOT_NAMES } from '../shell/layer-notices.ts';
import { t } from '../shell/i18n.ts';
import { showNotice } from '../shell/notices.ts';
import { runHeldAnalysis, sendLayer } from './coverage-client.ts';
import type { ExportableResult, InputSource } from './export-gaps.ts';
import type { LayerSlot } from '../../../workers/protocol.ts';
import type { SessionTiming } from '../../core/analysis/worker-pool.ts';
import { nextTask } from '../ui/tasks.ts';

/** The layers the app has loaded, as GeoJSON (what the map shows). */
export interface LoadedLayers {
  villages: FeatureCollection;
  bts: FeatureCollection | null;
  fibreRoutes: FeatureCollection | null;
  fibrePoints: FeatureCollection | null;
  settlements: FeatureCollection | null;
}

type Features = Parameters<typeof readVillages>[0];

/** Turn the displayed layers into analysis records with the same readers the CLI uses (on this thread; the app's runs read in the worker). */
export function toAnalysisInput(layers: LoadedLayers): AnalysisInput {
  const fc = (c: FeatureCollection): Features => c as unknown as Features;
  const routes = layers.fibreRoutes ? readFibre(fc(layers.fibreRoutes)) : null;
  const points = layers.fibrePoints ? readFibre(fc(layers.fibrePoints)) : null;
  return {
    villages: readVillages(fc(layers.villages)).records,
    bts: layers.bts ? readBts(fc(layers.bts)).records : [],
    fibreRoutes: [...(routes?.routes ?? []), ...(points?.routes ?? [])],
    fibrePoints: [...(routes?.points ?? []), ...(points?.points ?? [])],
    settlements: layers.settlements ? readSettlements(fc(layers.settlements)).columns : null,
  };
}

/** The villages layer with each village's result merged into its properties, for styling and popups. */
export function villagesWithResults(villages: FeatureCollection, rows: readonly GapRow[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: villages.features.map((f, i) => ({
      ...f,
      properties: { ...f.properties, ...gapMapProperties(rows[i]) },
    })),
  };
}

/** The layer collections last sent to the coverage workers, by slot (sent again only when replaced). */
const sent: Record<LayerSlot, FeatureCollection | null | undefined> = {
  villages: undefined,
  bts: undefined,
  fibreRoutes: undefined,
  fibrePoints: undefined,
  settlements: undefined,
};

/**
 * Sends the coverage workers the layers they do not hold yet (by identity: a layer replaced by the
 * user's own file is sent again), one layer per task. Call it as layers arrive, so the copies are
 * made while the page loads rather than when the analysis starts; `analyseLayers` calls it too.
 */
export async function offerLayers(layers: { [K in keyof LoadedLayers]?: LoadedLayers[K] | null }): Promise<void> {
  for (const slot of Object.keys(sent) as LayerSlot[]) {
    if (!(slot in layers)) continue;
    const fc = layers[slot] ?? null;
    if (sent[slot] === fc) continue;
    sent[slot] = fc;
    const t0 = performance.now();
    // Not awaited: the worker takes messages in order, so the analysis asked for after this sees
    // the layer; waiting for the worker here would only wait for its warm-up. A layer that could
    // not be handed over is said, as the analysis then runs without it.
    sendLayer(slot, fc ? (fc.features as unknown as GeoFeature[]) : null).catch((err: unknown) =>
      showNotice(`layer-${slot}`, () => t('notice.layer', { layer: t(SLOT_NAMES[slot]), message: t('error.unexpected', { detail: errorMessage(err) }) })),
    );
    performance.measure(`vunglom:send-${slot}`, { start: t0 });
    await nextTask();
  }
}

/** A finished analysis in the app: exportable as the CLI would write it, with where the time went. */
export type AnalysisRun = ExportableResult & { timing: { totalMs: number; workers: number } & SessionTiming & { assembleMs: number } };

/**
 * Analyse the layers the coverage workers hold (read there from their URLs, or sent with
 * `offerLayers` for the user's own files): packing, computation and assembly all run there, with
 * records and packed data kept between runs (see src/core/analysis/analysis-session.ts). The result can be
 * exported as the CLI would write it. `lean`: the rows, geometries and sites stay in the worker
 * (a country), and the result carries only the KPIs.
 *
 * `timing.totalMs` is the wall time from this call to the assembled gap list, all of it: waiting
 * for a worker still busy (its warm-up or a layer's reading included), reading features sent by the
 * page, packing, computing and assembling. Reading input files into records happens while the page
 * loads, as in the CLI's and the Node benchmark's "full analysis".
 */
export async function analyseLayers(
  params: AnalysisParams,
  context: { sources: InputSource[]; region: string; signal?: AbortSignal; onProgress?: (done: number, total: number) => void; lean?: boolean },
): Promise<AnalysisRun> {
  const started = performance.now();
  const { timing, geometries, assembleMs, ...gapList } = await runHeldAnalysis(params, { signal: context.signal, onProgress: context.onProgress, lean: context.lean });
  const ended = performance.now();
  // The worker's steps, placed end to end (for the benchmark's breakdown).
  const prepareEnd = started + timing.prepareWallMs;
  performance.measure('vunglom:records', { start: started, duration: timing.recordsMs });
  performance.measure('vunglom:prepare', { start: started, end: prepareEnd });
  performance.measure('vunglom:workers', { start: prepareEnd, end: prepareEnd + timing.computeWallMs });
  performance.measure('vunglom:assemble', { start: prepareEnd + timing.computeWallMs, end: ended });
  // The whole analysis, exactly the span `totalMs` measures (the benchmark's window for long tasks).
  performance.measure('vunglom:analysis', { start: started, end: ended });
  return {
    gapList,
    geometries,
    params,
    sources: context.sources,
    region: context.region,
    timing: { totalMs: ended - started, assembleMs, ...timing },
  };
}
