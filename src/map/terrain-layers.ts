import { addProtocol, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { encodePngRgb } from '../core/terrain/encode-png.ts';
import { PROPOSED_SITE_LAYER } from './style.ts';

/**
 * The elevation model on the map: hillshade (and optional 3D terrain) from Terrarium tiles that the
 * coverage worker makes from the loaded DEM, served through the `vunglom-dem://` protocol (offline:
 * nothing is fetched), and a selected site's terrain footprint with its shadows.
 */

const DEM_PROTOCOL = 'vunglom-dem';
const HILLSHADE_SOURCE = 'dem-hillshade';
const TERRAIN_SOURCE = 'dem-terrain';
const HILLSHADE_LAYER = 'dem-hillshade';
const SITE_SOURCE = 'site-terrain';
const SITE_REACHED_LAYER = 'site-terrain-reached';
const SITE_SHADOW_LAYER = 'site-terrain-shadow';
/** 1″ posts are ~30 m: zoom 12 tiles (38 m pixels at the equator) carry all of it; MapLibre overzooms beyond. */
const DEM_MAX_ZOOM = 12;
/**
 * The hillshade goes over the village fills (the context and province fills under them are opaque)
 * and under their outlines, in translucent shades so the gap colours stay readable.
 */
const HILLSHADE_BEFORE = 'villages-line';

/** Where DEM tiles come from now (null: no DEM; the layers are removed then). */
let tileSource: ((z: number, x: number, y: number) => Promise<Uint8Array>) | null = null;
/** Tiles change with each DEM: the URL carries a version so the map asks again. */
let version = 0;
let flatTile: ArrayBuffer | null = null;

/** A Terrarium tile of 0 m (for tiles the DEM does not reach, so MapLibre decodes something). */
function flat(): ArrayBuffer {
  if (!flatTile) {
    const rgb = new Uint8Array(256 * 256 * 3);
    for (let i = 0; i < rgb.length; i += 3) rgb[i] = 128;
    const png = encodePngRgb(rgb, 256, 256);
    flatTile = png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer;
  }
  return flatTile;
}

addProtocol(DEM_PROTOCOL, async (request) => {
  const [z, x, y] = new URL(request.url.replace(`${DEM_PROTOCOL}://`, 'http://tile/')).pathname.split('/').slice(-3).map(Number);
  const bytes = tileSource ? await tileSource(z, x, y) : new Uint8Array(0);
  if (bytes.byteLength === 0) return { data: flat() };
  return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
});

/**
 * Shows the DEM's hillshade from `tiles` over `bounds` (west, south, east, north), or removes it
 * (and any 3D terrain) when `tiles` is null.
 */
export function setDemTiles(map: MapLibreMap, tiles: ((z: number, x: number, y: number) => Promise<Uint8Array>) | null, bounds: [number, number, number, number] | null): void {
  tileSource = tiles;
  version++;
  if (map.getTerrain()) map.setTerrain(null);
  if (map.getLayer(HILLSHADE_LAYER)) map.removeLayer(HILLSHADE_LAYER);
  for (const id of [HILLSHADE_SOURCE, TERRAIN_SOURCE]) if (map.getSource(id)) map.removeSource(id);
  if (!tiles || !bounds) return;
  const source = {
    type: 'raster-dem' as const,
    tiles: [`${DEM_PROTOCOL}://${version}/{z}/{x}/{y}`],
    tileSize: 256,
    encoding: 'terrarium' as const,
    maxzoom: DEM_MAX_ZOOM,
    bounds,
  };
  map.addSource(HILLSHADE_SOURCE, source);
  map.addSource(TERRAIN_SOURCE, source);
  map.addLayer(
    {
      id: HILLSHADE_LAYER,
      type: 'hillshade',
      source: HILLSHADE_SOURCE,
      paint: {
        'hillshade-exaggeration': 0.7,
        'hillshade-shadow-color': 'rgba(30, 25, 15, 0.55)',
        'hillshade-highlight-color': 'rgba(255, 255, 255, 0.35)',
        'hillshade-accent-color': 'rgba(60, 50, 30, 0.25)',
      },
    },
    map.getLayer(HILLSHADE_BEFORE) ? HILLSHADE_BEFORE : undefined,
  );
}

/** Shows or hides the hillshade layer. */
export function setHillshadeVisible(map: MapLibreMap, visible: boolean): void {
  if (map.getLayer(HILLSHADE_LAYER)) map.setLayoutProperty(HILLSHADE_LAYER, 'visibility', visible ? 'visible' : 'none');
}

/** 3D terrain from the DEM (exaggerated 1.5×), or flat again. */
export function setTerrain3d(map: MapLibreMap, on: boolean): void {
  if (on && map.getSource(TERRAIN_SOURCE)) {
    map.setTerrain({ source: TERRAIN_SOURCE, exaggeration: 1.5 });
    if (map.getPitch() < 30) map.easeTo({ pitch: 55, duration: 0 });
  } else {
    map.setTerrain(null);
    map.easeTo({ pitch: 0, duration: 0 });
  }
}

/**
 * Draws a site's terrain footprint: `geojson` holds the features `kind: reached` and `kind: shadow`
 * (see the coverage worker's `siteTerrain`); null removes it.
 */
export function showSiteTerrain(map: MapLibreMap, geojson: FeatureCollection | null): void {
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  const existing = map.getSource(SITE_SOURCE) as GeoJSONSource | undefined;
  if (existing) {
    existing.setData(geojson ?? empty);
    return;
  }
  if (!geojson) return;
  map.addSource(SITE_SOURCE, { type: 'geojson', data: geojson });
  const before = map.getLayer(PROPOSED_SITE_LAYER) ? PROPOSED_SITE_LAYER : undefined;
  map.addLayer(
    { id: SITE_REACHED_LAYER, type: 'fill', source: SITE_SOURCE, filter: ['==', ['get', 'kind'], 'reached'], paint: { 'fill-color': '#1b9e77', 'fill-opacity': 0.3, 'fill-antialias': false } },
    before,
  );
  map.addLayer(
    {
      id: SITE_SHADOW_LAYER,
      type: 'fill',
      source: SITE_SOURCE,
      filter: ['==', ['get', 'kind'], 'shadow'],
      // No outline: the shadow is many wedge pieces, whose edges would hatch it.
      paint: { 'fill-color': '#1f1f1f', 'fill-opacity': 0.5, 'fill-antialias': false },
    },
    before,
  );
}
