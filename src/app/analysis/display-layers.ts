import type { Feature, FeatureCollection } from 'geojson';
import type { Bbox } from '../../map/map-view.ts';
import type { DeferredDraws } from './deferred-draws.ts';
import type { MessageKey } from '../shell/i18n.ts';
import { t } from '../shell/i18n.ts';
import { LayerLoadError, fileNameOf, loadLayer } from '../own-data/load-layer.ts';
import { btsFeatures, fibrePointFeatures, fibreRouteFeatures, settlementFeatures, villageFeatures } from '../own-data/own-data-features.ts';
import type { LayerSlot, OpenedLayer, SlotRecords } from '../../../workers/protocol.ts';
import { coverageHolder } from './coverage-client.ts';
import { FALLBACK_BBOX, bboxToRect, type Manifest, type SampleLayer } from '../shell/manifest.ts';
import { showNotice } from '../shell/notices.ts';
import type { LoadedLayers } from './run-coverage.ts';
import { sampleUrl, usesSample } from './analysis-inputs.ts';
import type { InputUrls } from '../shell/url-params.ts';

/**
 * The page's copies of the input layers, for drawing a province whole on the map. A user's layer
 * given by URL is read once, by the coverage worker, and drawn from the records it read (one read,
 * one answer: the map shows what the analysis counts, with the data contract's names, as for a
 * picked file); the sample's layers are read by the page within the manifest's box. Every layer
 * goes through `draws`, held back until the first analysis is done. A sample layer that cannot be
 * read gives a notice and null; a user's layer the worker could not read is said by the caller.
 */

/** What loading for the map needs from the page. */
export interface DisplayContext {
  manifest: Manifest | null;
  inputs: InputUrls;
  draws: DeferredDraws;
  /** Where the copies go. */
  loaded: { -readonly [K in keyof LoadedLayers]: LoadedLayers[K] | null };
  /** Shows a layer's failure to the user. */
  report(layer: MessageKey, key: string, err: unknown): void;
  /** The user's own villages were read: frame them and name the province after them. */
  onUserVillages(fc: FeatureCollection): void;
  /** The coverage worker's reading of each slot (a user's layer is drawn from the records it read). */
  opened: Record<LayerSlot, Promise<OpenedLayer | null>>;
}

/** Marks features of a synthetic sample layer, so popups can say so. */
function markSynthetic(fc: FeatureCollection, manifest: Manifest | null, layer: SampleLayer): FeatureCollection {
  if (manifest?.layers[layer]?.real !== false) return fc;
  for (const feature of fc.features) {
    feature.properties = { ...feature.properties };
    feature.properties.synthetic ??= true;
  }
  return fc;
}

/** Loads a sample layer by the manifest's bbox; a failure shows a notice and gives null. */
export async function loadSample(ctx: DisplayContext, layer: SampleLayer): Promise<FeatureCollection | null> {
  const { manifest } = ctx;
  const rect = bboxToRect(manifest?.bbox ?? FALLBACK_BBOX);
  try {
    const fc = markSynthetic(await loadLayer(sampleUrl(manifest, layer), { rect }), manifest, layer);
    // Fibre is drawn by `loadFibre`, routes and points together.
    if (layer !== 'fibre-routes' && layer !== 'fibre-points') ctx.draws.set(layer, fc);
    return fc;
  } catch (err) {
    ctx.report(`layer.${layer}`, `layer-${layer}`, err);
    return null;
  }
}

/** The records the coverage worker read for a user's layer (null when it could not read it: the caller says why). */
async function userRecords<S extends LayerSlot>(ctx: DisplayContext, slot: S): Promise<SlotRecords[S] | null> {
  const opened = await ctx.opened[slot];
  if (!opened || 'error' in opened) return null;
  return (await coverageHolder().layerRecords(slot)) as SlotRecords[S] | null;
}

/** `make(records)`, or null without records. */
function mapRecords<T>(records: T | null, make: (records: T) => FeatureCollection): FeatureCollection | null {
  return records === null ? null : make(records);
}

/** A user's fibre file holds routes and access points together: the routes, and the points. */
export function splitFibre(fc: FeatureCollection): { routes: FeatureCollection; points: FeatureCollection } {
  return {
    routes: { type: 'FeatureCollection', features: fc.features.filter((f) => !isPointFeature(f)) },
    points: { type: 'FeatureCollection', features: fc.features.filter(isPointFeature) },
  };
}

function isPointFeature(feature: Feature): boolean {
  const type = feature.geometry?.type;
  return type === 'Point' || type === 'MultiPoint';
}

/** The villages for the map; false (with a notice) when there are none. */
export async function loadVillages(ctx: DisplayContext): Promise<boolean> {
  const { manifest } = ctx;
  const url = ctx.inputs.data.villages;
  const fc = await userOrSample(ctx, url, 'villages', async () => mapRecords(await userRecords(ctx, 'villages'), villageFeatures));
  if (fc && fc.features.length === 0) {
    const file = fileNameOf(url ?? sampleUrl(manifest, 'villages'));
    ctx.report('layer.villages', 'layer-villages', new LayerLoadError('empty', url ?? file, `${file}: no features`));
  }
  if (!fc || fc.features.length === 0) {
    const given = url !== undefined || usesSample(ctx.inputs);
    showNotice('villages-missing', () => t(given ? 'error.villages' : 'layers.needs-villages'));
    return false;
  }
  if (url) {
    ctx.draws.set('villages', fc);
    ctx.onUserVillages(fc);
  }
  ctx.loaded.villages = fc;
  return true;
}

/** A user's layer by URL (`user`: drawn from what the worker read), else the sample's when the user gave no layer at all, else none. */
async function userOrSample(ctx: DisplayContext, url: string | undefined, layer: SampleLayer, user: () => Promise<FeatureCollection | null>): Promise<FeatureCollection | null> {
  if (url) return user();
  return usesSample(ctx.inputs) ? loadSample(ctx, layer) : null;
}

export async function loadBts(ctx: DisplayContext): Promise<void> {
  const url = ctx.inputs.data.bts;
  const fc = await userOrSample(ctx, url, 'bts', async () => mapRecords(await userRecords(ctx, 'bts'), btsFeatures));
  if (fc && url) ctx.draws.set('bts', fc);
  ctx.loaded.bts = fc;
}

export async function loadSettlements(ctx: DisplayContext): Promise<void> {
  const url = ctx.inputs.data.settlements;
  const fc = await userOrSample(ctx, url, 'settlements', async () => mapRecords(await userRecords(ctx, 'settlements'), (layer) => settlementFeatures(layer.columns)));
  if (fc && url) ctx.draws.set('settlements', fc);
  ctx.loaded.settlements = fc;
}

export async function loadFibre(ctx: DisplayContext): Promise<void> {
  const url = ctx.inputs.data.fibre;
  let routes: FeatureCollection | null;
  let points: FeatureCollection | null;
  if (url) {
    // A user's fibre file holds routes and access points together: the worker read both into one slot.
    const records = await userRecords(ctx, 'fibreRoutes');
    routes = mapRecords(records, (r) => fibreRouteFeatures(r.routes));
    points = mapRecords(records, (r) => fibrePointFeatures(r.points));
  } else if (usesSample(ctx.inputs)) {
    [routes, points] = await Promise.all([
      loadSample(ctx, 'fibre-routes'),
      loadSample(ctx, 'fibre-points'),
    ]);
  } else {
    routes = null;
    points = null;
  }
  if (routes) ctx.draws.set('fibre-routes', routes);
  if (points) ctx.draws.set('fibre-points', points);
  ctx.loaded.fibreRoutes = routes;
  ctx.loaded.fibrePoints = points;
}

/** The lon/lat box of a collection's coordinates (null when it has none). */
export function bboxOf(fc: FeatureCollection): Bbox | null {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coords: unknown): void => {
    if (!Array.isArray(coords)) return;
    if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      box[0] = Math.min(box[0], coords[0]);
      box[1] = Math.min(box[1], coords[1]);
      box[2] = Math.max(box[2], coords[0]);
      box[3] = Math.max(box[3], coords[1]);
      return;
    }
    for (const c of coords) visit(c);
  };
  for (const feature of fc.features) {
    if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  }
  return Number.isFinite(box[0]) ? box : null;
}
