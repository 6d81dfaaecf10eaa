import type { FeatureCollection } from 'geojson';
import type { MapView } from '../../map/map-view.ts';
import { CONTEXT_MIN_ZOOM } from '../../map/palette.ts';
import { loadLayer, type Rect } from '../own-data/load-layer.ts';
import { CONTEXT_COMMUNES } from '../shell/manifest.ts';
import { clearNotice } from '../shell/notices.ts';
import { grownRect, rectContains } from './viewport-rects.ts';

/**
 * Reads national communes around the viewport for context, a margin ahead so small pans need no
 * new read; the latest move wins. Resolves the returned promise after the first read.
 */
export function watchContext(view: MapView, draw: (fc: FeatureCollection) => void, report: (err: unknown) => void): Promise<void> {
  const url = new URL(CONTEXT_COMMUNES, document.baseURI).href;
  let covered: Rect | null = null;
  let controller: AbortController | null = null;
  let firstDone: () => void = () => {};
  const first = new Promise<void>((resolve) => (firstDone = resolve));
  view.onViewportChange(async (bbox, zoom) => {
    if (zoom < CONTEXT_MIN_ZOOM) return firstDone();
    if (covered && rectContains(covered, bbox)) return firstDone();
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const rect = grownRect(bbox, 0.5);
    try {
      const fc = await loadLayer(url, { rect, signal: mine.signal });
      if (mine.signal.aborted) return;
      draw(fc);
      covered = rect;
      clearNotice('layer-context');
    } catch (err) {
      if (!mine.signal.aborted) report(err);
    } finally {
      // A superseded read is not "the first read": the one that replaced it will resolve.
      if (!mine.signal.aborted) firstDone();
    }
  });
  return first;
}
