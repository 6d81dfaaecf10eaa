import type { LayerSlot, OpenedLayer } from '../../../workers/protocol.ts';
import { openLayer } from './coverage-client.ts';
import type { InputSource } from './export-gaps.ts';
import { FALLBACK_BBOX, SAMPLE_BASE, bboxToRect, type Manifest, type SampleLayer } from '../shell/manifest.ts';
import { INPUT_KINDS, type InputUrls } from '../shell/url-params.ts';

/**
 * Where the analysis reads its inputs, and the reading itself: the coverage worker fetches each
 * layer from its URL (the user's, or the sample's file within the manifest's box) and keeps the
 * records, so the page never copies features to it. For a set small enough to draw whole, the
 * page draws a user's layer from the records the worker read, and reads its own copies of the
 * sample's layers. The sample is used only when the user gives no layer at all: a layer the user
 * did not give is absent, never filled from the sample.
 */

/** Whether the page runs on the sample: the URL names no layer of the user's. */
export function usesSample(inputs: InputUrls): boolean {
  return INPUT_KINDS.every((kind) => inputs.data[kind] === undefined);
}

/** A layer for the worker to read: its URL and, for FlatGeobuf, the box to read (none: the whole file in one request). */
export interface LayerOrigin {
  url: string;
  rect?: { minX: number; minY: number; maxX: number; maxY: number };
  /** For a user's file that does not say: its coordinate system and text encoding (the URL's `crs`, `encoding`). */
  crs?: string;
  encoding?: string;
}

/** Absolute URL of a sample layer's file. */
export function sampleUrl(manifest: Manifest | null, layer: SampleLayer): string {
  const file = manifest?.layers[layer]?.file ?? `${layer}.fgb`;
  return new URL(SAMPLE_BASE + file, document.baseURI).href;
}

/**
 * Each analysis slot's origin: the sample's files when the user gave no layer, else the URL given
 * for its kind (null: the user gave no such layer, and the analysis runs without it).
 */
export function analysisOrigins(inputs: InputUrls, manifest: Manifest | null): Record<LayerSlot, LayerOrigin | null> {
  const rect = bboxToRect(manifest?.bbox ?? FALLBACK_BBOX);
  const onSample = usesSample(inputs);
  const sample = (layer: SampleLayer): LayerOrigin | null => (onSample ? { url: sampleUrl(manifest, layer), rect } : null);
  // A user's file is read whole: one request instead of thousands of ranges for a country's file.
  // (Its features come in file order, which is the index order a FlatGeobuf writer must keep, so
  // the rows match the page's copy read through the index.)
  const user = (url: string): LayerOrigin => ({ url, ...(inputs.crs ? { crs: inputs.crs } : {}), ...(inputs.encoding ? { encoding: inputs.encoding } : {}) });
  const d = inputs.data;
  return {
    villages: d.villages ? user(d.villages) : sample('villages'),
    bts: d.bts ? user(d.bts) : sample('bts'),
    // A user's fibre file holds routes and access points together.
    fibreRoutes: d.fibre ? user(d.fibre) : sample('fibre-routes'),
    fibrePoints: d.fibre || !onSample ? null : sample('fibre-points'),
    settlements: d.settlements ? user(d.settlements) : sample('settlements'),
  };
}

/** The URL the user gave for each slot (null: none; the sample's is used, or no layer). */
export function userOrigins(inputs: InputUrls): Record<LayerSlot, string | null> {
  const d = inputs.data;
  return { villages: d.villages ?? null, bts: d.bts ?? null, fibreRoutes: d.fibre ?? null, fibrePoints: null, settlements: d.settlements ?? null };
}

/** Has the coverage worker read every slot (villages first, as the page waits for their count). */
export function openAnalysisLayers(origins: Record<LayerSlot, LayerOrigin | null>): Record<LayerSlot, Promise<OpenedLayer | null>> {
  const open = (slot: LayerSlot): Promise<OpenedLayer | null> => {
    const origin = origins[slot];
    return origin ? openLayer(slot, origin) : Promise.resolve(null);
  };
  return {
    villages: open('villages'),
    bts: open('bts'),
    fibreRoutes: open('fibreRoutes'),
    fibrePoints: open('fibrePoints'),
    settlements: open('settlements'),
  };
}

/** Whether a slot's reading gave records. */
export function isPresent(opened: OpenedLayer | null): boolean {
  return opened !== null && 'count' in opened;
}

/** The inputs the analysis read, in the CLI's order, for the export's fingerprints. */
export function inputSources(
  origins: Record<LayerSlot, LayerOrigin | null>,
  present: Record<LayerSlot, boolean>,
  config: { url: string; present: boolean } | null,
): InputSource[] {
  const out: InputSource[] = [];
  const add = (role: InputSource['role'], slot: LayerSlot): void => {
    const origin = origins[slot];
    if (origin && present[slot]) out.push({ role, url: origin.url });
  };
  add('villages', 'villages');
  add('bts', 'bts');
  add('fibre', 'fibreRoutes');
  add('fibre', 'fibrePoints');
  add('settlements', 'settlements');
  if (config?.present) out.push({ role: 'config', url: config.url });
  return out;
}
