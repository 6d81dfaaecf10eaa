import type { Bbox } from '../../map/map-view.ts';
import type { Rect } from '../own-data/load-layer.ts';

/** `bbox` grown by `margin` of its size on every side (clamped to the world): a read ahead of small pans. */
export function grownRect(bbox: Bbox, margin: number): Rect {
  const dx = (bbox[2] - bbox[0]) * margin;
  const dy = (bbox[3] - bbox[1]) * margin;
  return {
    minX: Math.max(-180, bbox[0] - dx),
    minY: Math.max(-90, bbox[1] - dy),
    maxX: Math.min(180, bbox[2] + dx),
    maxY: Math.min(90, bbox[3] + dy),
  };
}

/** Whether `outer` holds all of `bbox`. */
export function rectContains(outer: Rect, bbox: Bbox): boolean {
  return outer.minX <= bbox[0] && outer.minY <= bbox[1] && outer.maxX >= bbox[2] && outer.maxY >= bbox[3];
}
