import KDBush from 'kdbush';
import { PbfWriter } from 'pbf';

/**
 * The dots of a country's villages as Mapbox Vector Tiles, cut on demand from the coverage
 * worker's data: each tile holds the villages whose centre falls in it (plus a margin, so a dot on
 * a tile edge is whole), with the village's index as feature id and its gap class as the one
 * property. A GeoJSON source of 100,000 points made the map's worker hold several copies of them
 * (0.4–0.7 GB at peak); tiles cut here from typed arrays cost a few kilobytes each. Pure.
 */

/** The layer name inside each tile (the style's `source-layer`). */
export const MARKS_LAYER = 'marks';
/** Tile coordinates per side (the MVT default). */
const EXTENT = 4096;
/** Margin around a tile, in tile coordinates: a dot is at most a few pixels wide. */
const BUFFER = 64;

const GAPS = ['none', 'mobile', 'ftth', 'both'] as const;
export type MarkGap = (typeof GAPS)[number];

/** Web Mercator x of a longitude, y of a latitude, both in [0, 1]. */
const mercX = (lon: number): number => (lon + 180) / 360;
function mercY(lat: number): number {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

const zigzag = (n: number): number => (n << 1) ^ (n >> 31);

export class MarkTiles {
  private readonly index: KDBush;
  /** The village of each indexed point (villages without a position have none). */
  private readonly ids: Uint32Array;
  private readonly x: Float64Array;
  private readonly y: Float64Array;

  /** `gap[i]` is the index in `none, mobile, ftth, both` of village `i` at `lon[i], lat[i]` (NaN: no dot). */
  constructor(lon: Float64Array, lat: Float64Array, private readonly gap: Uint8Array) {
    const n = lon.length;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(lon[i]) && Number.isFinite(lat[i])) count++;
    this.index = new KDBush(Math.max(1, count));
    this.ids = new Uint32Array(count);
    for (let i = 0, k = 0; i < n; i++) {
      if (!Number.isFinite(lon[i]) || !Number.isFinite(lat[i])) continue;
      this.x[i] = mercX(lon[i]);
      this.y[i] = mercY(lat[i]);
      this.index.add(this.x[i], this.y[i]);
      this.ids[k++] = i;
    }
    if (count === 0) this.index.add(-1, -1);
    this.index.finish();
  }

  /** The vector tile `z/x/y` (an empty tile where there is no village). */
  tile(z: number, tx: number, ty: number): Uint8Array {
    const scale = 2 ** z;
    const margin = BUFFER / EXTENT;
    const found = this.index.range((tx - margin) / scale, (ty - margin) / scale, (tx + 1 + margin) / scale, (ty + 1 + margin) / scale);
    if (found.length === 0) return new Uint8Array(0);
    // Villages in index order, so overlapping dots are drawn the same way in every tile.
    const villages = found.map((k) => this.ids[k]).sort((a, b) => a - b);
    const pbf = new PbfWriter();
    pbf.writeMessage(3, (_: null, layer: PbfWriter) => {
      layer.writeVarintField(15, 2);
      layer.writeStringField(1, MARKS_LAYER);
      for (const i of villages) {
        const px = Math.round((this.x[i] * scale - tx) * EXTENT);
        const py = Math.round((this.y[i] * scale - ty) * EXTENT);
        layer.writeMessage(2, (_f: null, feature: PbfWriter) => {
          feature.writeVarintField(1, i);
          feature.writePackedVarint(2, [0, this.gap[i]]);
          feature.writeVarintField(3, 1);
          feature.writePackedVarint(4, [9, zigzag(px), zigzag(py)]);
        }, null);
      }
      layer.writeStringField(3, 'gap');
      for (const g of GAPS) layer.writeMessage(4, (_v: null, value: PbfWriter) => value.writeStringField(1, g), null);
      layer.writeVarintField(5, EXTENT);
    }, null);
    // `finish` is a view over a larger buffer: copy, so that the buffer handed over is the tile.
    return pbf.finish().slice();
  }
}

/** The index of a gap class in the tiles' values. */
export function gapCode(gap: MarkGap): number {
  return GAPS.indexOf(gap);
}
