import 'maplibre-gl/dist/maplibre-gl.css';
import {
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  addProtocol,
  setWorkerUrl,
  type VectorTileSource,
  type FilterSpecification,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import { pickFootprintParams, type FootprintParams } from '../core/params.ts';
import { FootprintPolygons } from './bts-footprints.ts';
import { BASEMAP_PATH, BASEMAP_SOURCES, type BasemapSource } from './basemap-layers.ts';
import { FitControl } from './fit-control.ts';
import { labelPoints } from './label-points.ts';
import { rasteriseSymbol } from './operator-symbols.ts';
import { OPERATOR_STYLE, OTHER_OPERATOR_STYLE } from './palette.ts';
import {
  BASEMAP,
  BASEMAP_LAYER,
  BASEMAP_SOURCE,
  FIRST_DATA_LAYER,
  GROUP_LAYERS,
  PROPOSED_SITE_LAYER,
  VILLAGE_FILL_LAYER,
  VILLAGE_LAYERS,
  VILLAGE_MARKS_LAYER,
  VILLAGE_MARKS_SOURCE,
  MARKS_PROTOCOL,
  BTS_LAYER,
  basemapLayer,
  operatorImage,
  markTilesUrl,
  buildStyle,
  type DataSource,
  type LayerGroup,
} from './style.ts';

/**
 * The map: MapLibre with the offline style, data set by the app, popups on click, hover on villages.
 * This folder is the only code that imports maplibre-gl.
 */

// MapLibre 6 under Vite cannot locate its worker by itself: name the bundled worker file.
setWorkerUrl(workerUrl);

/** Where the dots' tiles come from now (null: no country set, every tile is empty). */
let markTiles: ((z: number, x: number, y: number) => Promise<Uint8Array>) | null = null;
addProtocol(MARKS_PROTOCOL, async (request) => {
  const [z, x, y] = new URL(request.url.replace(`${MARKS_PROTOCOL}://`, 'http://tile/')).pathname.split('/').slice(1).map(Number);
  const bytes = markTiles ? await markTiles(z, x, y) : new Uint8Array(0);
  return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
});

/** The MapLibre map type, re-exported so the app can name it without importing maplibre-gl. */
export type VunglomMap = MapLibreMap;

/** Lon/lat bounding box `[minX, minY, maxX, maxY]`. */
export type Bbox = [number, number, number, number];

/** Kinds of features a popup can describe. */
export type PopupKind = 'village' | 'bts' | 'fibre-route' | 'fibre-point' | 'settlement' | 'road';

/** Builds the popup body for a clicked feature (the app owns the words); null = no popup. */
export type DescribeFeature = (kind: PopupKind, properties: Record<string, unknown>) => HTMLElement | null;

export interface MapViewOptions {
  container: HTMLElement;
  /** Initial extent (the sample's bbox). */
  bbox: Bbox;
  basemap: boolean;
  describe: DescribeFeature;
  /** Extra attribution lines for the map's corner (data sources). */
  attribution: string[];
  /**
   * Map errors (a basemap tile that cannot be fetched offline, a style problem). Listening to them
   * also stops MapLibre from printing each one to the console.
   */
  onError: (source: 'basemap' | 'map', message: string) => void;
  /**
   * A click on a village: called with its index in the villages layer (the order of `setData`)
   * instead of opening a popup. Without it villages get the plain popup.
   */
  onVillageClick?: (index: number, properties: Record<string, unknown>) => void;
  /** Height (px) of what covers the map's bottom edge now (the gap list bar): every fit leaves room for it. */
  bottomInset?: () => number;
  /** Words of the map's own buttons, in the current language (asked again by `refreshControls`). */
  controlLabels: () => { fit: string };
}

/**
 * What the app does with proposed sites on the map: `place` in place-site mode (a click anywhere
 * but on a proposed site), `select` on a click on a proposed site, `move` when one is dragged.
 * Sites are known by the `key` property of the features given to `setData('proposed', …)`.
 */
export interface ProposalHandlers {
  /** `at`: when the click happened (the input event's time, on the `performance.now()` clock). */
  place(lon: number, lat: number, at: number): void;
  select(key: string): void;
  move(key: string, lon: number, lat: number, at: number): void;
}

export interface MapView {
  map: VunglomMap;
  /** Resolves once the style is loaded and sources can take data. */
  loaded: Promise<void>;
  /**
   * Sets a source's features; `bts` and `proposed` (BTS-like points) also get their footprints
   * drawn. Villages given as features are numbered in order (their index in the gap list). A string
   * is the URL of GeoJSON the map's worker reads itself (a Blob from the coverage worker), so the
   * page never parses it.
   */
  setData(source: Exclude<DataSource, 'bts-footprints' | 'proposed-footprints'>, data: FeatureCollection | string): void;
  /**
   * The assumptions of the analysis on screen: the footprints of `bts` and `proposed` are drawn
   * again with them (none are drawn before the first call), so they always match the coverage shown.
   * With `pause`, the sites' polygons are built a slice per task (`pause` lets the page's other work
   * in); resolves once they are handed to the map, or a newer call or BTS layer has taken over.
   */
  setFootprintParams(params: FootprintParams, pause?: () => Promise<void>): Promise<void>;
  /** Place-site mode: a click places a proposed site (crosshair cursor) instead of opening popups. */
  setPlaceMode(on: boolean): void;
  /** Who hears about placing, selecting and dragging proposed sites (null: nobody; sites stay put). */
  setProposalHandlers(handlers: ProposalHandlers | null): void;
  setGroupVisible(group: LayerGroup, visible: boolean): void;
  setBasemap(on: boolean): void;
  /** Frames `bbox` at once, above the list bar (`bottomInset`). */
  fitBbox(bbox: Bbox): void;
  /** Village polygons drawn on screen now (by the fill layer). */
  renderedVillageCount(): number;
  /** Resolves at the next `idle` event (after a forced repaint, so it always comes). */
  whenIdle(): Promise<void>;
  /** Calls `listener` with the visible bbox and zoom after every move, and once at load. */
  onViewportChange(listener: (bbox: Bbox, zoom: number) => void): void;
  /** Shows only villages whose `gap` is listed; null shows every village (also those not computed). */
  setVillageGapFilter(gaps: readonly string[] | null): void;
  /** Outlines the village at `index` of the villages layer (null: none). */
  selectVillage(index: number | null): void;
  /**
   * Recolours villages by index without sending the layer again (feature state over the `gap`
   * property); a null gap goes back to the property. The filters still read the property.
   */
  setVillageGaps(changes: readonly { index: number; gap: string | null }[]): void;
  /**
   * Draws every village as a dot from vector tiles cut by `tiles` (a country-sized set); `version`
   * changes with each analysis so the map asks for its tiles again.
   */
  setMarkTiles(tiles: (z: number, x: number, y: number) => Promise<Uint8Array>, version: number): void;
  /** Resolves after the map has drawn its next frame (a repaint is asked for). */
  nextRender(): Promise<void>;
  /**
   * Frames a village's `bbox` with its surroundings (the box grown to three times its size, at least
   * {@link FOCUS_MIN_SPAN_DEG} across, never closer than zoom {@link FOCUS_MAX_ZOOM}), so the
   * neighbouring villages and the names around it stay in view; room is left for panels over the
   * map: `rightPx` on the right, the list bar (`bottomInset`) below.
   */
  focusBbox(bbox: Bbox, options?: { rightPx?: number }): void;
  /** Reads the national basemap (boundaries, roads, names) shipped with the app; called once the first analysis is done. */
  showBasemap(): void;
  /** The extent the fit-to-data button frames (the data's box; null: the box the map opened on). */
  setDataExtent(bbox: Bbox | null): void;
  /** Re-reads the words of the map's buttons (after a language switch). */
  refreshControls(): void;
}

/** A village in focus is shown with its neighbours: at least this span (degrees, ~4 km) … */
export const FOCUS_MIN_SPAN_DEG = 0.04;
/** … and never closer than this zoom, where village names are drawn. */
export const FOCUS_MAX_ZOOM = 13.5;

const POPUP_LAYERS: readonly { layer: string; kind: PopupKind }[] = [
  { layer: BTS_LAYER, kind: 'bts' },
  { layer: 'fibre-points-circle', kind: 'fibre-point' },
  { layer: 'settlements-circle', kind: 'settlement' },
  { layer: 'fibre-routes-line', kind: 'fibre-route' },
  { layer: 'roads-line', kind: 'road' },
  { layer: VILLAGE_FILL_LAYER, kind: 'village' },
  { layer: VILLAGE_MARKS_LAYER, kind: 'village' },
];
/** Room for the synthetic-data note at the top of the map. */
const FIT_PADDING = { top: 64, bottom: 24, left: 24, right: 24 };

/** Creates the map in `options.container`, framed on `options.bbox`. */
export function createMapView(options: MapViewOptions): MapView {
  const bottomInset = options.bottomInset ?? (() => 0);
  /** The fit padding, widened on the right by `right` and below by the list bar. */
  const padding = (extra: { right?: number } = {}): typeof FIT_PADDING => ({
    ...FIT_PADDING,
    right: FIT_PADDING.right + (extra.right ?? 0),
    bottom: FIT_PADDING.bottom + bottomInset(),
  });
  const map = new MapLibreMap({
    container: options.container,
    style: buildStyle({ basemap: options.basemap, glyphs: `${new URL('glyphs/', document.baseURI).href}{fontstack}/{range}.pbf` }),
    bounds: options.bbox,
    fitBoundsOptions: { padding: padding() },
    attributionControl: { compact: true, customAttribution: options.attribution },
    maxZoom: 17,
  });
  let dataExtent: Bbox = options.bbox;
  const fitData = (): void => {
    map.fitBounds(dataExtent, { padding: padding(), animate: false });
  };
  map.addControl(new NavigationControl({ showCompass: true, showZoom: true, visualizePitch: false }), 'top-right');
  const fitControl = new FitControl({ onFit: fitData, label: () => options.controlLabels().fit });
  map.addControl(fitControl, 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  // Operator symbols are drawn here (no sprite file), when the map first needs one.
  map.setMissingStyleImageResolver((id) => {
    const style = Object.entries(OPERATOR_STYLE).find(([name]) => operatorImage(name) === id)?.[1] ?? (id === operatorImage('other') ? OTHER_OPERATOR_STYLE : null);
    if (style && !map.hasImage(id)) map.addImage(id, rasteriseSymbol(style.shape, style.colour, { sizePx: 16, pixelRatio: 2 }), { pixelRatio: 2 });
  });
  // The list bar is laid out by the time the map has loaded: frame the data above it, unless the user has moved.
  let userMoved = false;
  map.on('movestart', (event) => {
    if ('originalEvent' in event && event.originalEvent) userMoved = true;
  });
  const loaded = new Promise<void>((resolve) =>
    map.once('load', () => {
      if (!userMoved) fitData();
      resolve();
    }),
  );
  // Full credits are long and would cover the province: start with the attribution folded to its
  // (i) button, as MapLibre does itself after the first drag; the About panel lists them in full.
  void loaded.then(() => {
    const attribution = options.container.querySelector('.maplibregl-ctrl-attrib.maplibregl-compact');
    attribution?.classList.remove('maplibregl-compact-show');
    attribution?.removeAttribute('open');
  });
  let basemapOn = options.basemap;
  map.on('error', (event) => {
    // MapLibre adds the failing source's id to tile errors.
    const sourceId = 'sourceId' in event ? event.sourceId : undefined;
    options.onError(sourceId === BASEMAP_SOURCE ? 'basemap' : 'map', event.error.message);
  });

  const popup = new Popup({ closeButton: true, maxWidth: '320px' });
  const popupLayerIds = POPUP_LAYERS.map((p) => p.layer);
  let placeMode = false;
  let proposalHandlers: ProposalHandlers | null = null;
  let proposed: FeatureCollection = { type: 'FeatureCollection', features: [] };
  let bts: FeatureCollection = { type: 'FeatureCollection', features: [] };
  let footprintParams: FootprintParams | null = null;
  /** The footprint assumptions drawn now, to skip a redraw when a new analysis kept them. */
  let footprintKey = '';
  /** Counts the site footprints' draws: a build spread over tasks draws only if it is still the last. */
  let footprintDraw = 0;
  const siteFootprints = new FootprintPolygons();
  const proposedFootprints = new FootprintPolygons();
  const footprintsOf = (data: FeatureCollection, polygons: FootprintPolygons): FeatureCollection =>
    footprintParams ? polygons.build(data, footprintParams) : { type: 'FeatureCollection', features: [] };
  /** The key of the proposed site under a point, if any. */
  const proposedAt = (point: { x: number; y: number }): string | null => {
    if (!map.getLayer(PROPOSED_SITE_LAYER)) return null;
    const [hit] = map.queryRenderedFeatures([point.x, point.y], { layers: [PROPOSED_SITE_LAYER] });
    const key = hit?.properties?.key;
    return typeof key === 'string' ? key : null;
  };
  const drawProposed = (data: FeatureCollection): void => {
    getSource(map, 'proposed').setData(data);
    getSource(map, 'proposed-footprints').setData(footprintsOf(data, proposedFootprints));
  };
  // Dragging a proposed site: the map does not pan, the site follows the pointer, and the app hears
  // of the move once, on release (a release without a move is a click: select).
  let drag: { key: string; moved: boolean } | null = null;
  const onDragMove = (event: MapMouseEvent): void => {
    if (!drag) return;
    drag.moved = true;
    const key = drag.key;
    const { lng, lat } = event.lngLat;
    drawProposed({
      type: 'FeatureCollection',
      features: proposed.features.map((f) =>
        f.properties?.key === key ? { ...f, geometry: { type: 'Point', coordinates: [lng, lat] } } : f,
      ),
    });
  };
  const onDragEnd = (event: MapMouseEvent): void => {
    map.off('mousemove', onDragMove);
    const done = drag;
    drag = null;
    map.getCanvas().style.cursor = '';
    if (!done || !proposalHandlers) return;
    if (done.moved) proposalHandlers.move(done.key, event.lngLat.lng, event.lngLat.lat, event.originalEvent.timeStamp);
    else proposalHandlers.select(done.key);
  };
  map.on('mousedown', (event) => {
    if (!proposalHandlers || event.originalEvent.button !== 0) return;
    const key = proposedAt(event.point);
    if (key === null) return;
    event.preventDefault();
    drag = { key, moved: false };
    map.getCanvas().style.cursor = 'grabbing';
    map.on('mousemove', onDragMove);
    map.once('mouseup', onDragEnd);
  });
  map.on('click', (event) => {
    if (proposalHandlers && proposedAt(event.point) !== null) return;
    if (placeMode && proposalHandlers) {
      popup.remove();
      proposalHandlers.place(event.lngLat.lng, event.lngLat.lat, event.originalEvent.timeStamp);
      return;
    }
    const layers = popupLayerIds.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
    const [hit] = map.queryRenderedFeatures(event.point, { layers });
    if (!hit) return;
    const kind = POPUP_LAYERS.find((p) => p.layer === hit.layer.id)?.kind;
    if (kind === 'village' && options.onVillageClick && typeof hit.id === 'number') {
      popup.remove();
      options.onVillageClick(hit.id, hit.properties);
      return;
    }
    const body = kind ? options.describe(kind, hit.properties) : null;
    if (body) popup.setLngLat(event.lngLat).setDOMContent(body).addTo(map);
  });

  let hoveredId: string | number | undefined;
  const setHover = (feature: MapGeoJSONFeature | undefined): void => {
    if (hoveredId === feature?.id) return;
    if (hoveredId !== undefined) map.setFeatureState({ source: 'villages', id: hoveredId }, { hover: false });
    hoveredId = feature?.id;
    if (hoveredId !== undefined) map.setFeatureState({ source: 'villages', id: hoveredId }, { hover: true });
  };
  map.on('mousemove', (event) => {
    if (drag) return;
    const layers = popupLayerIds.filter((id) => map.getLayer(id));
    const hits = map.queryRenderedFeatures(event.point, { layers });
    const overProposed = proposalHandlers !== null && proposedAt(event.point) !== null;
    map.getCanvas().style.cursor = overProposed ? 'move' : placeMode ? 'crosshair' : hits.length > 0 ? 'pointer' : '';
    // No village hover while placing sites: the crosshair is the pointer, and a hover repaint would
    // make the map draw a frame between the click and the recolouring it waits for.
    setHover(placeMode ? undefined : hits.find((f) => f.layer.id === VILLAGE_FILL_LAYER));
  });
  map.on('mouseout', () => setHover(undefined));

  let selectedId: number | null = null;
  const setSelected = (id: number | null): void => {
    if (selectedId !== null) map.setFeatureState({ source: 'villages', id: selectedId }, { selected: false });
    selectedId = id;
    if (id !== null) map.setFeatureState({ source: 'villages', id }, { selected: true });
  };

  const setBasemapFills = (on: boolean): void => {
    map.setPaintProperty('context-fill', 'fill-opacity', on ? 0.25 : 1);
    map.setPaintProperty('province-fill', 'fill-opacity', on ? 0.2 : 1);
  };
  void loaded.then(() => setBasemapFills(basemapOn));

  return {
    map,
    loaded,
    setData(source, data) {
      if (source === 'proposed') {
        if (typeof data === 'string') throw new Error('proposed sites are set as features, not by URL');
        proposed = data;
        drawProposed(data);
        return;
      }
      if (typeof data === 'string') {
        getSource(map, source).setData(data);
        // A country's viewport villages come as a URL the page never parses: their names are placed on the polygons.
        if (source === 'villages') getSource(map, 'village-labels').setData(data);
        return;
      }
      getSource(map, source).setData(source === 'villages' ? numbered(data) : data);
      if (source === 'bts') {
        bts = data;
        footprintDraw++;
        getSource(map, 'bts-footprints').setData(footprintsOf(data, siteFootprints));
      }
      if (source === 'villages') getSource(map, 'village-labels').setData(labelPoints(data));
      if (source === 'context') getSource(map, 'context-labels').setData(labelPoints(data));
    },
    async setFootprintParams(params, pause) {
      const key = JSON.stringify(pickFootprintParams(params));
      if (key === footprintKey) return;
      footprintKey = key;
      footprintParams = params;
      // The few proposed sites at once; the sites of the layer a slice per task when asked.
      drawProposed(proposed);
      const draw = ++footprintDraw;
      // Stale when newer assumptions or another BTS layer have been drawn meanwhile.
      const drawn = pause ? await siteFootprints.buildInTasks(bts, params, pause, () => draw !== footprintDraw) : siteFootprints.build(bts, params);
      if (drawn) getSource(map, 'bts-footprints').setData(drawn);
    },
    setPlaceMode(on) {
      placeMode = on;
      map.getCanvas().style.cursor = on ? 'crosshair' : '';
      if (on) popup.remove();
    },
    setProposalHandlers(handlers) {
      proposalHandlers = handlers;
    },
    setGroupVisible(group, visible) {
      for (const id of GROUP_LAYERS[group]) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    },
    setBasemap(on) {
      basemapOn = on;
      if (on && !map.getSource(BASEMAP_SOURCE)) {
        map.addSource(BASEMAP_SOURCE, BASEMAP);
        map.addLayer(basemapLayer(), FIRST_DATA_LAYER);
      } else if (!on && map.getSource(BASEMAP_SOURCE)) {
        map.removeLayer(BASEMAP_LAYER);
        map.removeSource(BASEMAP_SOURCE);
      }
      setBasemapFills(on);
    },
    fitBbox(bbox) {
      dataExtent = bbox;
      map.fitBounds(bbox, { padding: padding(), animate: false });
    },
    renderedVillageCount() {
      if (!map.getLayer(VILLAGE_FILL_LAYER)) return 0;
      return map.queryRenderedFeatures({ layers: [VILLAGE_FILL_LAYER] }).length;
    },
    setVillageGapFilter(gaps) {
      const filter: FilterSpecification | null = gaps === null ? null : ['in', ['get', 'gap'], ['literal', [...gaps]]];
      for (const id of VILLAGE_LAYERS) map.setFilter(id, filter);
    },
    selectVillage(index) {
      setSelected(index);
    },
    setVillageGaps(changes) {
      for (const { index, gap } of changes) {
        if (gap === null) map.removeFeatureState({ source: 'villages', id: index }, 'gap');
        else map.setFeatureState({ source: 'villages', id: index }, { gap });
      }
    },
    setMarkTiles(tiles, version) {
      markTiles = tiles;
      map.getSource<VectorTileSource>(VILLAGE_MARKS_SOURCE)?.setTiles([markTilesUrl(version)]);
    },
    nextRender() {
      const rendered = new Promise<void>((resolve) => map.once('render', () => resolve()));
      map.triggerRepaint();
      return rendered;
    },
    focusBbox(bbox, focus = {}) {
      const framed = padding({ right: focus.rightPx });
      map.fitBounds(withSurroundings(bbox), { padding: framed, maxZoom: FOCUS_MAX_ZOOM, duration: 600 });
    },
    showBasemap() {
      const base = new URL(BASEMAP_PATH, document.baseURI).href;
      for (const [id, { file }] of Object.entries(BASEMAP_SOURCES) as [BasemapSource, { file: string }][]) {
        map.getSource<GeoJSONSource>(id)?.setData(`${base}${file}`);
      }
    },
    setDataExtent(bbox) {
      dataExtent = bbox ?? options.bbox;
    },
    refreshControls() {
      fitControl.refresh();
    },
    whenIdle() {
      const idle = new Promise<void>((resolve) => map.once('idle', () => resolve()));
      map.triggerRepaint();
      return idle;
    },
    onViewportChange(listener) {
      const emit = (): void => {
        const b = map.getBounds();
        listener([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
      };
      map.on('moveend', emit);
      void loaded.then(emit);
    },
  };
}

/** A village's box grown to show its neighbours: three times its size, at least FOCUS_MIN_SPAN_DEG across. */
export function withSurroundings([minX, minY, maxX, maxY]: Bbox): Bbox {
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const half = Math.max((maxX - minX) * 1.5, (maxY - minY) * 1.5, FOCUS_MIN_SPAN_DEG / 2);
  return [cx - half, cy - half, cx + half, cy + half];
}

/** `fc` with each feature's index as its id (a whole villages layer is in gap-list order). */
function numbered(fc: FeatureCollection): FeatureCollection {
  return { ...fc, features: fc.features.map((f, i) => (f.id === i ? f : { ...f, id: i })) };
}

function getSource(map: MapLibreMap, id: DataSource): GeoJSONSource {
  const source = map.getSource<GeoJSONSource>(id);
  if (!source) throw new Error(`map source "${id}" is missing from the style`);
  return source;
}
