import type { ExpressionSpecification, GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import {
  BASEMAP_DISTRICT_LINE,
  BASEMAP_PROVINCE_LINE,
  LABEL_HALO,
  LABEL_TEXT,
  PLACE_DOT,
  ROAD_CASING,
  ROAD_COLOUR,
} from './palette.ts';

/**
 * The offline context basemap (2009 provinces and districts, backbone roads and railways, OSM places
 * of Quảng Trị, built by data/scripts/build-basemap.ts into public/data/vn/basemap) and every name
 * on the map: provinces and districts from the basemap, communes from the national communes the app
 * reads by viewport, villages from the villages layer, road numbers from the roads layer. Names are
 * decluttered by zoom (each level has its own range) and by collision (bigger places win).
 */

/** Font stacks shipped in public/glyphs (data/scripts/build-glyphs.ts). */
export const FONT_REGULAR = ['NotoSans-Regular'];
export const FONT_BOLD = ['NotoSans-Bold'];

/** Basemap sources: file under public/data/vn/basemap and the credit it carries. */
export const BASEMAP_SOURCES = {
  'basemap-provinces': { file: 'provinces-2009.geojson', attribution: 'Ranh giới / boundaries 2009: censusVN2009 © Marc Choisy (MIT)' },
  'basemap-districts': { file: 'districts-2009.geojson', attribution: 'Ranh giới / boundaries 2009: censusVN2009 © Marc Choisy (MIT)' },
  'basemap-labels': { file: 'labels-2009.geojson', attribution: 'Ranh giới / boundaries 2009: censusVN2009 © Marc Choisy (MIT)' },
  'basemap-roads': { file: 'roads-backbone.geojson', attribution: 'Đường / roads: backbone road network of Vietnam (CC BY-SA 4.0)' },
  'basemap-places': { file: 'places-osm-quang-tri.geojson', attribution: '© OpenStreetMap contributors (ODbL)' },
} as const;
export type BasemapSource = keyof typeof BASEMAP_SOURCES;

/** Where the basemap's files are, relative to the page. */
export const BASEMAP_PATH = 'data/vn/basemap/';

/** Zoom ranges of names: [from, to). */
export const LABEL_ZOOMS = {
  provinces: [5, 10],
  districts: [7.5, 12],
  communes: [9.5, 24],
  villages: [11, 24],
  places: [9, 24],
  roads: [9, 24],
} as const;

/** Label layer ids by kind of place. */
export const LABEL_LAYERS = {
  provinces: 'labels-provinces',
  districts: 'labels-districts',
  communes: 'labels-communes',
  villages: 'labels-villages',
  places: 'labels-places',
  roads: 'labels-roads',
} as const;

/** The basemap's GeoJSON sources, empty until `basemapData` fills them (after the first analysis). */
export function basemapSources(): Record<BasemapSource, GeoJSONSourceSpecification> {
  const out = {} as Record<BasemapSource, GeoJSONSourceSpecification>;
  for (const [id, { attribution }] of Object.entries(BASEMAP_SOURCES) as [BasemapSource, { attribution: string }][]) {
    out[id] = { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, attribution };
  }
  return out;
}

const byZoom = (stops: [number, number][]): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], ...stops.flat()] as ExpressionSpecification;

/** Basemap line layers: `boundaries` (under the data's own) or `roads` (above fibre). */
export function basemapLayers(group: 'boundaries' | 'roads'): LayerSpecification[] {
  if (group === 'boundaries') {
    return [
      {
        id: 'basemap-districts-line',
        type: 'line',
        source: 'basemap-districts',
        minzoom: 7,
        paint: { 'line-color': BASEMAP_DISTRICT_LINE, 'line-width': byZoom([[7, 0.5], [12, 1.2]]), 'line-dasharray': [3, 2] },
      },
      {
        id: 'basemap-provinces-line',
        type: 'line',
        source: 'basemap-provinces',
        paint: { 'line-color': BASEMAP_PROVINCE_LINE, 'line-width': byZoom([[5, 0.8], [12, 2.2]]) },
      },
    ];
  }
  const road: ExpressionSpecification = ['!=', ['get', 'kind'], 'rail'];
  return [
    {
      id: 'basemap-rail-line',
      type: 'line',
      source: 'basemap-roads',
      filter: ['==', ['get', 'kind'], 'rail'],
      paint: { 'line-color': '#424242', 'line-width': byZoom([[6, 0.8], [12, 1.6]]), 'line-dasharray': [4, 3] },
    },
    {
      id: 'basemap-roads-casing',
      type: 'line',
      source: 'basemap-roads',
      filter: road,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': ROAD_CASING, 'line-width': byZoom([[6, 1.6], [12, 5.5]]) },
    },
    {
      id: 'basemap-roads-line',
      type: 'line',
      source: 'basemap-roads',
      filter: road,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': ROAD_COLOUR, 'line-width': byZoom([[6, 0.6], [12, 3.5]]) },
    },
  ];
}

const HALO = { 'text-color': LABEL_TEXT, 'text-halo-color': LABEL_HALO, 'text-halo-width': 1.6, 'text-halo-blur': 0.3 };
/** Bigger places are placed first, so they win collisions. */
const byPopulation: ExpressionSpecification = ['-', 0, ['to-number', ['get', 'population'], 0]];

/**
 * Every name layer, bottom to top: MapLibre places the top layer's names first, so provinces win over
 * districts, districts over communes, communes over villages.
 */
export function labelLayers(): LayerSpecification[] {
  return labelsTopFirst().reverse();
}

function labelsTopFirst(): LayerSpecification[] {
  return [
    {
      id: LABEL_LAYERS.provinces,
      type: 'symbol',
      source: 'basemap-labels',
      filter: ['==', ['get', 'kind'], 'province'],
      minzoom: LABEL_ZOOMS.provinces[0],
      maxzoom: LABEL_ZOOMS.provinces[1],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_BOLD,
        'text-size': byZoom([[5, 12], [9, 17]]),
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-max-width': 8,
        'symbol-sort-key': byPopulation,
      },
      paint: { ...HALO, 'text-color': '#37474f' },
    },
    {
      id: LABEL_LAYERS.districts,
      type: 'symbol',
      source: 'basemap-labels',
      filter: ['==', ['get', 'kind'], 'district'],
      minzoom: LABEL_ZOOMS.districts[0],
      maxzoom: LABEL_ZOOMS.districts[1],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_BOLD,
        'text-size': byZoom([[7.5, 11], [11, 14]]),
        'text-max-width': 7,
        'symbol-sort-key': byPopulation,
      },
      paint: { ...HALO, 'text-color': '#455a64' },
    },
    {
      id: LABEL_LAYERS.places,
      type: 'symbol',
      source: 'basemap-places',
      minzoom: LABEL_ZOOMS.places[0],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_REGULAR,
        'text-size': ['match', ['get', 'place'], 'city', 14, 'town', 12.5, 11.5],
        'text-anchor': 'left',
        'text-offset': [0.5, 0],
        'text-max-width': 8,
        'symbol-sort-key': ['match', ['get', 'place'], 'city', 0, 'town', 1, 2],
      },
      paint: HALO,
    },
    {
      id: LABEL_LAYERS.communes,
      type: 'symbol',
      source: 'context-labels',
      minzoom: LABEL_ZOOMS.communes[0],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_BOLD,
        'text-size': byZoom([[9.5, 10.5], [14, 13]]),
        'text-max-width': 7,
        'text-padding': 4,
        'symbol-sort-key': byPopulation,
      },
      paint: { ...HALO, 'text-color': '#546e7a' },
    },
    {
      id: LABEL_LAYERS.villages,
      type: 'symbol',
      source: 'village-labels',
      minzoom: LABEL_ZOOMS.villages[0],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT_REGULAR,
        'text-size': byZoom([[11, 10.5], [15, 13.5]]),
        'text-max-width': 7,
        'symbol-sort-key': byPopulation,
      },
      paint: HALO,
    },
    {
      id: LABEL_LAYERS.roads,
      type: 'symbol',
      source: 'basemap-roads',
      filter: ['has', 'ref'],
      minzoom: LABEL_ZOOMS.roads[0],
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 400,
        'text-field': ['coalesce', ['get', 'ref'], ''],
        'text-font': FONT_BOLD,
        'text-size': 11,
        'text-rotation-alignment': 'viewport',
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': ROAD_CASING, 'text-halo-width': 2.2 },
    },
  ];
}

/** The small dots of OSM places under their names. */
export const PLACES_CIRCLE: LayerSpecification = {
  id: 'basemap-places-circle',
  type: 'circle',
  source: 'basemap-places',
  minzoom: LABEL_ZOOMS.places[0],
  paint: { 'circle-color': PLACE_DOT, 'circle-radius': ['match', ['get', 'place'], 'city', 4, 'town', 3, 2.2], 'circle-stroke-color': LABEL_HALO, 'circle-stroke-width': 1 },
};
