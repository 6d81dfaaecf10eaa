import { MARKS_LAYER } from '../core/output/mark-tiles.ts';
import type {
  ExpressionSpecification,
  LayerSpecification,
  RasterSourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import {
  BACKGROUND,
  COMMUNE_LINE,
  CONTEXT_FILL,
  CONTEXT_LINE,
  CONTEXT_MIN_ZOOM,
  DISTRICT_LINE,
  FIBRE_POINT_STYLE,
  FIBRE_ROUTE_STYLE,
  FOOTPRINT_MIN_ZOOM,
  OPERATOR_COLOURS,
  OTHER_FIBRE,
  OTHER_OPERATOR,
  PROVINCE_FILL,
  PROVINCE_LINE,
  ROAD_CASING,
  ROAD_COLOUR,
  SETTLEMENT_COLOUR,
  SETTLEMENT_MIN_ZOOM,
  GAP_COLOURS,
  VILLAGE_FILL,
  VILLAGE_HOVER,
  VILLAGE_OUTLINE,
  VILLAGE_SELECTED,
  UNCOVERED_FILL,
  VILLAGE_POLYGON_MIN_ZOOM,
  UNCOVERED_LINE,
  PROPOSED_FILL,
  PROPOSED_LINE,
  PROPOSED_SELECTED,
  GAP_FILL_OPACITY,
  GAP_HOVER_OPACITY,
  OPERATOR_STYLE,
} from './palette.ts';
import { LABEL_LAYERS, PLACES_CIRCLE, basemapLayers, basemapSources, labelLayers } from './basemap-layers.ts';

/**
 * The offline map style: a background, GeoJSON sources filled by the app, the national basemap
 * shipped with the app (public/data/vn/basemap) and names drawn with the app's own glyphs
 * (public/glyphs). Nothing is fetched from another host unless the online basemap is turned on.
 */

/** GeoJSON sources the app fills, one per data layer. */
export const DATA_SOURCES = [
  'context',
  'province',
  'districts',
  'communes',
  'roads',
  'villages',
  'settlements',
  'bts',
  'bts-footprints',
  'fibre-routes',
  'fibre-points',
  'uncovered',
  'proposed',
  'proposed-footprints',
  'village-labels',
  'context-labels',
] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** Groups of map layers the user switches on and off together. */
export const LAYER_GROUPS = [
  'context',
  'province',
  'districts',
  'communes',
  'roads',
  'villages',
  'settlements',
  'bts',
  'bts-footprints',
  'fibre-routes',
  'fibre-points',
] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** The BTS sites: one symbol per site, its operator's shape and colour. */
export const BTS_LAYER = 'bts-symbol';
/** Image name of an operator's symbol (added by the map at load); `other` for any other operator. */
export function operatorImage(operator: string | 'other'): string {
  return `operator-${operator}`;
}

/** Map layer ids by group, bottom to top within each group. */
export const GROUP_LAYERS: Readonly<Record<LayerGroup, readonly string[]>> = {
  context: ['context-fill', 'context-line', 'basemap-districts-line', 'basemap-provinces-line', LABEL_LAYERS.communes, LABEL_LAYERS.places, 'basemap-places-circle'],
  province: ['province-fill', 'province-line'],
  districts: ['districts-line'],
  communes: ['communes-line'],
  roads: ['basemap-rail-line', 'basemap-roads-casing', 'basemap-roads-line', 'roads-casing', 'roads-line', LABEL_LAYERS.roads],
  villages: ['villages-fill', 'villages-line', 'villages-hover', 'village-marks-circle', 'uncovered-fill', 'uncovered-line', 'villages-selected', LABEL_LAYERS.villages],
  settlements: ['settlements-circle'],
  bts: [BTS_LAYER],
  'bts-footprints': ['bts-footprint-line'],
  'fibre-routes': ['fibre-routes-line'],
  'fibre-points': ['fibre-points-circle'],
};

/** Villages of a country-sized set as dots in their gap colour, below the polygon zoom. */
export const VILLAGE_MARKS_LAYER = 'village-marks-circle';
/** Their vector tiles, cut by the coverage worker (see workers/mark-tiles.ts) and served through this URL scheme. */
export const VILLAGE_MARKS_SOURCE = 'village-marks';
export const MARKS_PROTOCOL = 'vunglom-marks';

/** The marks source's tile URL for version `v` of the analysis (a new version makes the map fetch again). */
export function markTilesUrl(v: number): string {
  return `${MARKS_PROTOCOL}://{z}/{x}/{y}?v=${v}`;
}

/** Village layers that the gap-class toggles filter. */
export const VILLAGE_LAYERS: readonly string[] = ['villages-fill', 'villages-line', 'villages-hover', 'villages-selected', VILLAGE_MARKS_LAYER];

/** The circles of proposed sites (clicked to select, dragged to move). */
export const PROPOSED_SITE_LAYER = 'proposed-circle';

/** The layer whose rendered features count as "villages on screen". */
export const VILLAGE_FILL_LAYER = 'villages-fill';

export const BASEMAP_SOURCE = 'osm';
export const BASEMAP_LAYER = 'osm-tiles';
/** The first data layer: the optional basemap goes below it. */
export const FIRST_DATA_LAYER = 'context-fill';

/** OpenStreetMap's standard raster tiles (only when the user turns the online basemap on). */
export const BASEMAP: RasterSourceSpecification = {
  type: 'raster',
  tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
  tileSize: 256,
  maxzoom: 19,
  attribution: '© OpenStreetMap contributors',
};

/** `table[feature's property]`, or `fallback` for a value the table lacks. */
function matchProperty(property: string, table: Record<string, string | number>, fallback: string | number): ExpressionSpecification {
  return ['match', ['get', property], ...Object.entries(table).flat(), fallback] as unknown as ExpressionSpecification;
}

const operatorImageExpr = matchProperty(
  'operator',
  Object.fromEntries(Object.keys(OPERATOR_STYLE).map((name) => [name, operatorImage(name)])),
  operatorImage('other'),
);
const operatorColour = matchProperty('operator', OPERATOR_COLOURS, OTHER_OPERATOR);
const byKind = (table: Record<string, string | number>, fallback: string | number): ExpressionSpecification => matchProperty('kind', table, fallback);

const routeColour = byKind(
  Object.fromEntries(Object.entries(FIBRE_ROUTE_STYLE).map(([k, v]) => [k, v.colour])),
  OTHER_FIBRE,
);
const routeWidth = byKind(Object.fromEntries(Object.entries(FIBRE_ROUTE_STYLE).map(([k, v]) => [k, v.width])), 1.5);
const pointColour = byKind(
  Object.fromEntries(Object.entries(FIBRE_POINT_STYLE).map(([k, v]) => [k, v.colour])),
  OTHER_FIBRE,
);
const pointRadius = byKind(Object.fromEntries(Object.entries(FIBRE_POINT_STYLE).map(([k, v]) => [k, v.radius])), 3);

/** A village's colour: its gap class (feature state first: a proposal's recolouring), grey before it is computed. */
const gapColour: ExpressionSpecification = [
  'match',
  ['coalesce', ['feature-state', 'gap'], ['get', 'gap']],
  'none',
  GAP_COLOURS.none,
  'mobile',
  GAP_COLOURS.mobile,
  'ftth',
  GAP_COLOURS.ftth,
  'both',
  GAP_COLOURS.both,
  VILLAGE_FILL,
];

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

const LAYERS: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
  {
    id: 'context-fill',
    type: 'fill',
    source: 'context',
    minzoom: CONTEXT_MIN_ZOOM,
    paint: { 'fill-color': CONTEXT_FILL, 'fill-opacity': 1 },
  },
  {
    id: 'context-line',
    type: 'line',
    source: 'context',
    minzoom: CONTEXT_MIN_ZOOM,
    paint: { 'line-color': CONTEXT_LINE, 'line-width': 0.5 },
  },
  { id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': PROVINCE_FILL, 'fill-opacity': 1 } },
  {
    id: 'villages-fill',
    type: 'fill',
    source: 'villages',
    paint: {
      // A proposal recolours only the villages it changes, through feature state; the property
      // (set with the whole layer) is the colour otherwise.
      'fill-color': gapColour,
      'fill-opacity': ['case', hovered, GAP_HOVER_OPACITY, GAP_FILL_OPACITY],
    },
  },
  {
    id: 'villages-line',
    type: 'line',
    source: 'villages',
    paint: {
      'line-color': VILLAGE_OUTLINE,
      'line-opacity': 0.7,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.3, 12, 1],
    },
  },
  {
    id: 'villages-hover',
    type: 'line',
    source: 'villages',
    paint: { 'line-color': VILLAGE_HOVER, 'line-width': ['case', hovered, 2.5, 0] },
  },
  {
    id: VILLAGE_MARKS_LAYER,
    type: 'circle',
    source: VILLAGE_MARKS_SOURCE,
    'source-layer': MARKS_LAYER,
    maxzoom: VILLAGE_POLYGON_MIN_ZOOM,
    paint: {
      'circle-color': gapColour,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 1.2, 8, 3],
      'circle-opacity': 0.85,
    },
  },
  {
    // The part of the selected village no broadband footprint reaches.
    id: 'uncovered-fill',
    type: 'fill',
    source: 'uncovered',
    paint: { 'fill-color': UNCOVERED_FILL, 'fill-opacity': 0.4 },
  },
  {
    id: 'uncovered-line',
    type: 'line',
    source: 'uncovered',
    paint: { 'line-color': UNCOVERED_LINE, 'line-width': 1.2, 'line-dasharray': [2, 1] },
  },
  {
    id: 'bts-footprint-line',
    type: 'line',
    source: 'bts-footprints',
    minzoom: FOOTPRINT_MIN_ZOOM,
    // Outlines only: dense towns stack dozens of footprints, and any fill would darken the villages under them.
    paint: { 'line-color': operatorColour, 'line-width': 0.8, 'line-opacity': 0.45 },
  },
  // The national basemap's boundaries, under the sample's own (which repeat them for the province).
  ...basemapLayers('boundaries'),
  {
    id: 'communes-line',
    type: 'line',
    source: 'communes',
    paint: { 'line-color': COMMUNE_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 12, 1.2] },
  },
  {
    id: 'districts-line',
    type: 'line',
    source: 'districts',
    paint: {
      'line-color': DISTRICT_LINE,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.1, 12, 2],
      'line-dasharray': [4, 2],
    },
  },
  {
    id: 'province-line',
    type: 'line',
    source: 'province',
    paint: { 'line-color': PROVINCE_LINE, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 2.2, 12, 3.5] },
  },
  {
    id: 'fibre-routes-line',
    type: 'line',
    source: 'fibre-routes',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: {
      'line-color': routeColour,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, ['*', 0.6, routeWidth], 12, routeWidth],
    },
  },
  // Roads above fibre: trunks follow the roads, and a road must stay readable over them.
  ...basemapLayers('roads'),
  {
    id: 'roads-casing',
    type: 'line',
    source: 'roads',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ROAD_CASING, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 3.2, 12, 6] },
  },
  {
    id: 'roads-line',
    type: 'line',
    source: 'roads',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ROAD_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.8, 12, 4] },
  },
  {
    id: 'villages-selected',
    type: 'line',
    source: 'villages',
    paint: { 'line-color': VILLAGE_SELECTED, 'line-width': ['case', selected, 3.5, 0] },
  },
  {
    id: 'settlements-circle',
    type: 'circle',
    source: 'settlements',
    minzoom: SETTLEMENT_MIN_ZOOM,
    paint: {
      'circle-color': SETTLEMENT_COLOUR,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 1.8, 15, 4],
      'circle-opacity': 0.8,
    },
  },
  {
    id: 'fibre-points-circle',
    type: 'circle',
    source: 'fibre-points',
    paint: {
      'circle-color': pointColour,
      // At the province's scale there are over a thousand access points: keep them small until zoomed in.
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, ['*', 0.45, pointRadius], 12, pointRadius],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 12, 1],
    },
  },
  {
    id: BTS_LAYER,
    type: 'symbol',
    source: 'bts',
    layout: {
      'icon-image': operatorImageExpr,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 7, 0.55, 10, 0.8, 14, 1.2],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  },
  // Proposed sites (placed by the user, shared or suggested by the optimiser), over everything.
  {
    id: 'proposed-footprint-fill',
    type: 'fill',
    source: 'proposed-footprints',
    paint: { 'fill-color': PROPOSED_FILL, 'fill-opacity': 0.12 },
  },
  {
    id: 'proposed-footprint-line',
    type: 'line',
    source: 'proposed-footprints',
    paint: { 'line-color': PROPOSED_LINE, 'line-width': 1.4, 'line-dasharray': [3, 2] },
  },
  {
    id: PROPOSED_SITE_LAYER,
    type: 'circle',
    source: 'proposed',
    paint: {
      'circle-color': ['case', ['==', ['get', 'kind'], 'share'], '#ffffff', PROPOSED_LINE],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 5, 12, 8],
      'circle-stroke-color': ['case', ['boolean', ['get', 'selected'], false], PROPOSED_SELECTED, PROPOSED_LINE],
      'circle-stroke-width': ['case', ['boolean', ['get', 'selected'], false], 4, 2.5],
    },
  },
  PLACES_CIRCLE,
  // Names on top, the most important placed first (a layer higher up wins a collision).
  ...labelLayers(),
];

/**
 * The offline style, optionally with the OpenStreetMap basemap under the data. `glyphs` is the
 * absolute URL template of the app's glyphs (`…/glyphs/{fontstack}/{range}.pbf`).
 */
export function buildStyle(options: { basemap: boolean; glyphs: string }): StyleSpecification {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  const sources: StyleSpecification['sources'] = { ...basemapSources() };
  for (const id of DATA_SOURCES) {
    // Villages carry their index in the gap list as feature id (set by the page or the coverage
    // worker), so feature state and clicks name the same village whichever part of them is drawn.
    sources[id] = { type: 'geojson', data: empty };
  }
  // The dots stop at the polygon zoom: no tiles are cut beyond it.
  sources[VILLAGE_MARKS_SOURCE] = { type: 'vector', tiles: [markTilesUrl(0)], maxzoom: VILLAGE_POLYGON_MIN_ZOOM };
  const layers = [...LAYERS];
  if (options.basemap) {
    sources[BASEMAP_SOURCE] = BASEMAP;
    layers.splice(1, 0, basemapLayer());
  }
  return { version: 8, name: 'Vùng Lõm offline', glyphs: options.glyphs, sources, layers };
}

/** The raster layer of the online basemap. */
export function basemapLayer(): LayerSpecification {
  return { id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': 0.85 } };
}
