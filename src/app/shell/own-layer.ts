import type { FeatureCollection } from 'geojson';
import type { MapView } from '../../map/map-view.ts';
import { bboxOf, mostCommon } from '../analysis/display-layers.ts';
import { offerLayers } from '../analysis/run-coverage.ts';
import type { OwnLayer } from '../own-data/own-data.ts';
import { setKpis } from '../planner/plan-board.ts';
import { byId } from '../ui/dom.ts';
import { rerun } from './analysis-runs.ts';
import { clearNotice } from './notices.ts';
import type { PageState } from './page-state.ts';
import { showProvinceName } from './province-name.ts';

/** Frames a user's villages (leaving room for the gap list) and names the set after their most common province. */
export function frameUserVillages(state: PageState, view: MapView, fc: FeatureCollection): void {
  const bbox = bboxOf(fc);
  if (bbox) view.fitBbox(bbox, { bottomPx: byId('gap-list').offsetHeight });
  const province = mostCommon(fc.features.map((f) => f.properties?.province));
  showProvinceName(state, province ? { text: province } : { key: 'panel.province-unknown' });
}

/** A user's file replaces the layer of its kind on the map and in the analysis, which runs again. */
export async function acceptOwnLayer(state: PageState, view: MapView, layer: OwnLayer): Promise<void> {
  const l = layer.layers;
  const layers = state.layers;
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
