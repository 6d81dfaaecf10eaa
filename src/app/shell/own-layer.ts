import type { FeatureCollection } from 'geojson';
import { provincesOf } from '../../core/unit-kpis.ts';
import type { MapView } from '../../map/map-view.ts';
import { bboxOf } from '../analysis/display-layers.ts';
import { showSyntheticNote } from '../analysis/layer-notice.ts';
import { offerLayers } from '../analysis/run-coverage.ts';
import type { OwnLayer } from '../own-data/own-data.ts';
import { RESULT_ACTIONS, setActionEnabled, setKpis } from '../planner/plan-board.ts';
import type { PlannerViews } from '../planner/planner-views.ts';
import { byId } from '../ui/dom.ts';
import { rerun } from './analysis-runs.ts';
import { SAMPLE_OUTLINES } from './manifest.ts';
import { clearNotice } from './notices.ts';
import type { PageState } from './page-state.ts';
import { nameFromProvinces } from './province-name.ts';

/** What a user's file changes besides the state: the map, and the planner's views. */
export interface OwnLayerParts {
  view: MapView;
  planner: PlannerViews;
}

const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Frames a user's villages (leaving room for the gap list) and names the set after their provinces. */
export function frameUserVillages(state: PageState, view: MapView, fc: FeatureCollection): void {
  const bbox = bboxOf(fc);
  if (bbox) view.fitBbox(bbox);
  nameFromProvinces(state, provincesOf(fc.features.map((f) => ({ province: typeof f.properties?.province === 'string' ? f.properties.province : null }))));
}

/**
 * The user's first own file ends the sample: every sample layer leaves the map and the analysis
 * (the user's data is never mixed with it), the synthetic note goes, and the analysis waits for
 * what it needs (villages and BTS).
 */
async function leaveSample(state: PageState, parts: OwnLayerParts, kept: OwnLayer['layers']): Promise<void> {
  const { view, planner } = parts;
  const layers = state.layers;
  state.onSample = false;
  showSyntheticNote(byId('synthetic-note'), state.manifest, false);
  state.baseSources = [];
  state.set?.forgetResult();
  for (const action of RESULT_ACTIONS) setActionEnabled(action, false);
  for (const outline of SAMPLE_OUTLINES) view.setData(outline, NO_FEATURES);
  const gone: Partial<Record<'villages' | 'bts' | 'fibreRoutes' | 'fibrePoints' | 'settlements', null>> = {};
  if (!kept.villages) {
    view.setData('villages', NO_FEATURES);
    layers.villages = null;
    state.villagesReady = false;
    gone.villages = null;
    setKpis({ villages: null });
    void planner.setResult(null, { villages: NO_FEATURES, bts: null });
  }
  if (!kept.bts) {
    view.setData('bts', NO_FEATURES);
    layers.bts = null;
    gone.bts = null;
  }
  if (!kept.fibreRoutes) {
    view.setData('fibre-routes', NO_FEATURES);
    view.setData('fibre-points', NO_FEATURES);
    layers.fibreRoutes = null;
    layers.fibrePoints = null;
    gone.fibreRoutes = null;
    gone.fibrePoints = null;
  }
  if (!kept.settlements) {
    view.setData('settlements', NO_FEATURES);
    layers.settlements = null;
    gone.settlements = null;
  }
  await offerLayers(gone);
}

/** A user's file replaces the layer of its kind on the map and in the analysis (the first one replaces the whole sample), which runs again. */
export async function acceptOwnLayer(state: PageState, parts: OwnLayerParts, layer: OwnLayer): Promise<void> {
  const { view } = parts;
  const l = layer.layers;
  const layers = state.layers;
  if (state.onSample) await leaveSample(state, parts, l);
  if (l.villages) {
    view.setData('villages', l.villages);
    frameUserVillages(state, view, l.villages);
    layers.villages = l.villages;
    setKpis({ villages: l.villages.features.length });
    clearNotice('villages-missing');
    clearNotice('layer-villages');
  }
  if (l.bts) {
    view.setData('bts', l.bts);
    layers.bts = l.bts;
  }
  if (l.fibreRoutes && l.fibrePoints) {
    view.setData('fibre-routes', l.fibreRoutes);
    view.setData('fibre-points', l.fibrePoints);
    layers.fibreRoutes = l.fibreRoutes;
    layers.fibrePoints = l.fibrePoints;
  }
  if (l.settlements) {
    view.setData('settlements', l.settlements);
    layers.settlements = l.settlements;
  }
  state.ownSources[layer.kind] = { role: layer.kind, name: layer.name, bytes: layer.bytes };
  // The user's file goes to the coverage worker as features (it replaces what the worker read).
  await offerLayers({
    ...(l.villages ? { villages: l.villages } : {}),
    ...(l.bts ? { bts: l.bts } : {}),
    ...(l.fibreRoutes && l.fibrePoints ? { fibreRoutes: l.fibreRoutes, fibrePoints: l.fibrePoints } : {}),
    ...(l.settlements ? { settlements: l.settlements } : {}),
  });
  if (l.villages) state.villagesReady = true;
  await rerun(state);
}
