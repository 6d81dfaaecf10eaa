import type { FeatureCollection } from 'geojson';
import type { GapRow } from '../../core/output/gap-row.ts';
import type { Bbox, MapView } from '../../map/map-view.ts';
import { DETAIL_MIN_ZOOM, VILLAGE_POLYGON_MIN_ZOOM } from '../../map/palette.ts';
import { coverageHolder } from './coverage-client.ts';
import { loadLayer, type Rect } from '../own-data/load-layer.ts';
import { grownRect, rectContains } from './viewport-rects.ts';
import { splitFibre } from './display-layers.ts';
import { nextTask } from '../ui/tasks.ts';

/**
 * A country-sized set (the national 107,000 villages) in the page: the coverage worker reads and
 * keeps every layer, and the page holds only the gap rows (for the list and the board) and what
 * the map shows now. Below zoom 9 each village is a dot in its gap colour; from zoom 9 the
 * polygons of the viewport come from the worker; from zoom 10 the sites, fibre and settlements of
 * the viewport are read from their FlatGeobuf files by range requests. The dots are vector tiles
 * the worker cuts on demand, and the map's own worker parses the polygons' GeoJSON (handed over as
 * a Blob URL), so the page thread does neither.
 */

/** Above this many villages the page holds no layer itself (see the README: a province stays whole). */
export const LEAN_VILLAGES = 20_000;

/** Villages drawn as polygons at once (the viewport's first ones by index; a dense viewport at zoom 9 has ~3,000). */
const VIEW_VILLAGE_LIMIT = 8_000;
/** Gap rows copied per message: a page deserialises in well under 50 ms. */
const ROWS_PER_PAGE = 4_000;
/**
 * Pages asked for ahead of the one being taken in: the worker copies the next page out while this
 * thread copies the last one in (one at a time, the two threads took turns: 0.7-0.95 s for a country's rows).
 */
const PAGES_AHEAD = 2;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The gap rows of the last lean run, fetched page by page (one task each, so the page stays responsive). */
export async function fetchGapRows(total: number, isCurrent: () => boolean): Promise<GapRow[] | null> {
  const holder = coverageHolder();
  const starts: number[] = [];
  for (let start = 0; start < total; start += ROWS_PER_PAGE) starts.push(start);
  const ask = (start: number): Promise<GapRow[]> => holder.gapRows(start, Math.min(total, start + ROWS_PER_PAGE));
  const pages = starts.slice(0, PAGES_AHEAD).map(ask);
  const rows: GapRow[] = [];
  for (let i = 0; i < starts.length; i++) {
    const page = await pages[i];
    if (i + PAGES_AHEAD < starts.length) pages.push(ask(starts[i + PAGES_AHEAD]));
    if (!isCurrent()) {
      // A newer run replaced this one: the pages already asked for are let through unread.
      await Promise.allSettled(pages.slice(i + 1));
      return null;
    }
    for (const row of page) rows.push(row);
    await nextTask();
  }
  return rows;
}

/** A lean set's layers drawn by viewport from their files (null: not given). */
export interface DetailUrls {
  bts: string | null;
  fibreRoutes: string | null;
  fibrePoints: string | null;
  settlements: string | null;
}

export interface CountryMap {
  /** Draws the last analysis: every village's dot, and the viewport's polygons. */
  showResult(): Promise<void>;
}

/** Hands the viewport's villages (GeoJSON bytes) to the map as a Blob URL, revoking the one it replaces. */
function villageSetter(view: MapView): (bytes: Uint8Array | null) => void {
  let current: string | null = null;
  return (bytes) => {
    const previous = current;
    current = bytes ? URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' })) : null;
    view.setData('villages', current ?? EMPTY);
    // The map's worker reads the URL soon after; the old one is no longer needed once replaced.
    if (previous) setTimeout(() => URL.revokeObjectURL(previous), 60_000);
  };
}

/**
 * Wires the map of a lean set: viewport polygons after each move (latest move wins), the detail
 * layers from their files at zoom ≥ 10, and the dots after each analysis. `onError` hears of a
 * detail layer that could not be read, or of the viewport's villages the worker could not give.
 */
export function mountCountryMap(view: MapView, urls: DetailUrls, onError: (layer: keyof DetailUrls | 'villages', err: unknown) => void): CountryMap {
  const holder = coverageHolder();
  let version = 0;
  const setVillages = villageSetter(view);
  let analysed = false;
  let viewport: { bbox: Bbox; zoom: number } | null = null;
  let villageRead = 0;
  let villagesShown: Rect | null = null;
  let detailShown: Rect | null = null;
  let detailAbort: AbortController | null = null;

  async function drawVillages(force: boolean): Promise<void> {
    if (!viewport || !analysed) return;
    const { bbox, zoom } = viewport;
    if (zoom < VILLAGE_POLYGON_MIN_ZOOM) {
      if (villagesShown) setVillages(null);
      villagesShown = null;
      return;
    }
    if (!force && villagesShown && rectContains(villagesShown, bbox)) return;
    const mine = ++villageRead;
    const rect = grownRect(bbox, 0.25);
    const { bytes } = await holder.viewVillages(rect, VIEW_VILLAGE_LIMIT);
    if (mine !== villageRead) return;
    villagesShown = rect;
    setVillages(bytes);
  }

  async function drawDetails(): Promise<void> {
    if (!viewport) return;
    const { bbox, zoom } = viewport;
    if (zoom < DETAIL_MIN_ZOOM) {
      detailAbort?.abort();
      return;
    }
    if (detailShown && rectContains(detailShown, bbox)) return;
    detailAbort?.abort();
    const controller = new AbortController();
    detailAbort = controller;
    const rect = grownRect(bbox, 0.25);
    const layers: [keyof DetailUrls, 'bts' | 'fibre-routes' | 'fibre-points' | 'settlements'][] = [
      ['bts', 'bts'],
      ['fibreRoutes', 'fibre-routes'],
      ['fibrePoints', 'fibre-points'],
      ['settlements', 'settlements'],
    ];
    await Promise.all(
      layers.map(async ([layer, source]) => {
        const url = urls[layer];
        if (!url) return;
        try {
          const fc = await loadLayer(url, { rect, signal: controller.signal, kind: layer === 'bts' ? 'bts' : layer === 'settlements' ? 'settlements' : 'fibre' });
          if (controller.signal.aborted) return;
          if (layer === 'fibreRoutes' && !urls.fibrePoints) {
            // A user's fibre file: routes and access points in one.
            const { routes, points } = splitFibre(fc);
            view.setData('fibre-routes', routes);
            view.setData('fibre-points', points);
          } else view.setData(source, fc);
        } catch (err) {
          if (!controller.signal.aborted) onError(layer, err);
        }
      }),
    );
    if (!controller.signal.aborted) detailShown = rect;
  }

  view.onViewportChange((bbox, zoom) => {
    viewport = { bbox, zoom };
    drawVillages(false).catch((err: unknown) => onError('villages', err));
    void drawDetails();
  });

  return {
    async showResult() {
      analysed = true;
      view.setMarkTiles((z, x, y) => holder.markTile(z, x, y), ++version);
      await drawVillages(true);
    },
  };
}
