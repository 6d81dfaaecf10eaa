/**
 * Signed-distance-field glyphs in the form MapLibre reads (the "glyphs.proto" PBF of fontnik and
 * sdf-glyph-foundry): each glyph rendered at 24 px, with a 3 px border, distances up to 8 px stored as
 * `255 - clamp(d · 32 + 64)` (d in px, negative inside), `top` measured from a baseline 25 px under the
 * top of the em box. MapLibre's text shader draws the outline at byte 192 (d = 0).
 */
import { PbfWriter } from 'pbf';
import type { PathCommand } from 'opentype.js';

/** Size at which glyphs are rendered (MapLibre scales from it). */
export const GLYPH_SIZE_PX = 24;
/** Border of every glyph bitmap, in px (MapLibre expects 3). */
export const GLYPH_BUFFER_PX = 3;
/** Distance (px) that fills the byte range. */
const RADIUS_PX = 8;
/** Share of the byte range kept for distances inside the outline. */
const CUTOFF = 0.25;
/** MapLibre's shaping puts the baseline this many px under the glyph origin (calibrated on fontnik's output). */
const BASELINE_PX = 25;
/** Longest straight piece of a flattened curve, in px. */
const FLATNESS_PX = 0.25;

/** One glyph, in pixels at {@link GLYPH_SIZE_PX}; `bitmap` is (width + 6) × (height + 6), rows from the top. */
export interface SdfGlyph {
  id: number;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
  bitmap: Uint8Array;
}

/**
 * Flattens an outline (font units, y up) into closed rings of pixel coordinates (`scale` px per unit);
 * quadratic and cubic curves become straight pieces no longer than a quarter pixel.
 */
export function flattenOutline(commands: readonly PathCommand[], scale: number): number[][] {
  const rings: number[][] = [];
  let ring: number[] = [];
  let x = 0;
  let y = 0;
  const close = (): void => {
    if (ring.length >= 6) {
      if (ring[0] !== ring[ring.length - 2] || ring[1] !== ring[ring.length - 1]) ring.push(ring[0], ring[1]);
      rings.push(ring);
    }
    ring = [];
  };
  for (const c of commands) {
    if (c.type === 'Z') {
      close();
      continue;
    }
    const tx = c.x * scale;
    const ty = c.y * scale;
    if (c.type === 'M') {
      close();
      ring.push(tx, ty);
    } else if (c.type === 'L') {
      ring.push(tx, ty);
    } else if (c.type === 'Q') {
      const cx = c.x1 * scale;
      const cy = c.y1 * scale;
      const n = pieces(Math.hypot(cx - x, cy - y) + Math.hypot(tx - cx, ty - cy));
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        ring.push(u * u * x + 2 * u * t * cx + t * t * tx, u * u * y + 2 * u * t * cy + t * t * ty);
      }
    } else if (c.type === 'C') {
      const ax = c.x1 * scale;
      const ay = c.y1 * scale;
      const bx = c.x2 * scale;
      const by = c.y2 * scale;
      const n = pieces(Math.hypot(ax - x, ay - y) + Math.hypot(bx - ax, by - ay) + Math.hypot(tx - bx, ty - by));
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        ring.push(
          u * u * u * x + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * tx,
          u * u * u * y + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * ty,
        );
      }
    }
    x = tx;
    y = ty;
  }
  close();
  return rings;
}

function pieces(lengthPx: number): number {
  return Math.max(1, Math.min(64, Math.ceil(lengthPx / FLATNESS_PX)));
}

/**
 * Renders one glyph as a signed distance field. `advanceUnits` and `commands` are in font units,
 * `unitsPerEm` sets the scale. A glyph without outline (a space) has no bitmap, only its advance.
 */
export function renderSdfGlyph(id: number, commands: readonly PathCommand[], advanceUnits: number, unitsPerEm: number): SdfGlyph {
  const scale = GLYPH_SIZE_PX / unitsPerEm;
  const advance = Math.max(0, Math.round(advanceUnits * scale));
  const rings = flattenOutline(commands, scale);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      minX = Math.min(minX, r[i]);
      maxX = Math.max(maxX, r[i]);
      minY = Math.min(minY, r[i + 1]);
      maxY = Math.max(maxY, r[i + 1]);
    }
  }
  const empty = { id, width: 0, height: 0, left: 0, top: -BASELINE_PX, advance, bitmap: new Uint8Array(0) };
  if (rings.length === 0) return empty;
  minX = Math.round(minX);
  minY = Math.round(minY);
  maxX = Math.round(maxX);
  maxY = Math.round(maxY);
  const width = maxX - minX;
  const height = maxY - minY;
  if (width <= 0 || height <= 0) return empty;
  const b = GLYPH_BUFFER_PX;
  // Outline in bitmap coordinates (origin at the bitmap's bottom-left corner, y up).
  const shifted = rings.map((r) => r.map((v, i) => (i % 2 === 0 ? v - minX + b : v - minY + b)));
  const w = width + 2 * b;
  const h = height + 2 * b;
  const bitmap = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) {
    const py = row + 0.5;
    for (let col = 0; col < w; col++) {
      const px = col + 0.5;
      let d = Math.min(distanceToOutline(shifted, px, py), RADIUS_PX);
      if (winding(shifted, px, py) !== 0) d = -d;
      const n = Math.min(255, Math.max(0, Math.floor(d * (256 / RADIUS_PX) + CUTOFF * 256)));
      bitmap[(h - row - 1) * w + col] = 255 - n;
    }
  }
  return { id, width, height, left: minX, top: maxY - BASELINE_PX, advance, bitmap };
}

function distanceToOutline(rings: readonly number[][], px: number, py: number): number {
  let best = Infinity;
  for (const r of rings) {
    for (let i = 2; i < r.length; i += 2) {
      const ax = r[i - 2];
      const ay = r[i - 1];
      const dx = r[i] - ax;
      const dy = r[i + 1] - ay;
      const l2 = dx * dx + dy * dy;
      const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      best = Math.min(best, ex * ex + ey * ey);
    }
  }
  return Math.sqrt(best);
}

/** Winding number of the rings around a point (non-zero: inside, as TrueType fills). */
function winding(rings: readonly number[][], px: number, py: number): number {
  let wn = 0;
  for (const r of rings) {
    for (let i = 2; i < r.length; i += 2) {
      const x0 = r[i - 2];
      const y0 = r[i - 1];
      const x1 = r[i];
      const y1 = r[i + 1];
      const side = (x1 - x0) * (py - y0) - (px - x0) * (y1 - y0);
      if (y0 <= py) {
        if (y1 > py && side > 0) wn++;
      } else if (y1 <= py && side < 0) wn--;
    }
  }
  return wn;
}

/** Encodes one range of one font stack as MapLibre's glyph PBF. */
export function encodeGlyphRange(fontstack: string, start: number, glyphs: readonly SdfGlyph[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, writeStack, { fontstack, range: `${start}-${start + 255}`, glyphs });
  return pbf.finish();
}

function writeStack(stack: { fontstack: string; range: string; glyphs: readonly SdfGlyph[] }, pbf: PbfWriter): void {
  pbf.writeStringField(1, stack.fontstack);
  pbf.writeStringField(2, stack.range);
  for (const g of stack.glyphs) pbf.writeMessage(3, writeGlyph, g);
}

function writeGlyph(g: SdfGlyph, pbf: PbfWriter): void {
  pbf.writeVarintField(1, g.id);
  if (g.bitmap.length > 0) pbf.writeBytesField(2, g.bitmap);
  pbf.writeVarintField(3, g.width);
  pbf.writeVarintField(4, g.height);
  pbf.writeSVarintField(5, g.left);
  pbf.writeSVarintField(6, g.top);
  pbf.writeVarintField(7, g.advance);
}
