import type { Feature, FeatureCollection } from 'geojson';
import type { Bbox } from '../../map/map-view.ts';
import type { DeferredDraws } from './deferred-draws.ts';
import type { MessageKey } from '../shell/i18n.ts';
import { t } from '../shell/i18n.ts';
import { LayerLoadError, WORLD_RECT, fileNameOf, loadLayer } from '../own-data/load-layer.ts';
import { FALLBACK_BBOX, bboxToRect, type Manifest, type SampleLayer } from '../shell/manifest.ts';
import { showNotice } from '../shell/notices.ts';
import type { LoadedLayers } from './run-coverage.ts';
import { sampleUrl, usesSample } from './analysis-inputs.ts';
import type { InputUrls } from '../shell/url-params.ts';

/**
 * The page's own copies of the input layers, for drawing a province whole on the map (the coverage
 * worker reads its own copy for the analysis). Sample layers are read within the manifest's box, a
 * user's by URL whole; every layer goes through `draws`, held back until the first analysis is done.
 * A layer that cannot be read gives a notice and null.
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

/** Loads a user's layer by URL (whole file, by index); a failure shows a notice and gives null. */
async function loadUserLayer(ctx: DisplayContext, url: string, layer: MessageKey, key: string): Promise<FeatureCollection | null> {
  try {
    return await loadLayer(url, { rect: WORLD_RECT, crs: ctx.inputs.crs, encoding: ctx.inputs.encoding });
  } catch (err) {
    ctx.report(layer, key, err);
    return null;
  }
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
  const fc = await userOrSample(ctx, url, 'villages', 'layer.villages');
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

/** A user's layer by URL, else the sample's when the user gave no layer at all, else none. */
async function userOrSample(ctx: DisplayContext, url: string | undefined, layer: SampleLayer, name: MessageKey): Promise<FeatureCollection | null> {
  if (url) return loadUserLayer(ctx, url, name, `layer-${layer}`);
  return usesSample(ctx.inputs) ? loadSample(ctx, layer) : null;
}

export async function loadBts(ctx: DisplayContext): Promise<void> {
  const url = ctx.inputs.data.bts;
  const fc = await userOrSample(ctx, url, 'bts', 'layer.bts');
  if (fc && url) ctx.draws.set('bts', fc);
  ctx.loaded.bts = fc;
}

export async function loadSettlements(ctx: DisplayContext): Promise<void> {
  const url = ctx.inputs.data.settlements;
  const fc = await userOrSample(ctx, url, 'settlements', 'layer.settlements');
  if (fc && url) ctx.draws.set('settlements', fc);
  ctx.loaded.settlements = fc;
}

export async function loadFibre(ctx: DisplayContext): Promise<void> {
  const url = ctx.inputs.data.fibre;
  let routes: FeatureCollection | null;
  let points: FeatureCollection | null;
  if (url) {
    const fc = await loadUserLayer(ctx, url, 'layer.fibre-routes', 'layer-fibre');
    const split = fc && splitFibre(fc);
    routes = split?.routes ?? null;
    points = split?.points ?? null;
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
