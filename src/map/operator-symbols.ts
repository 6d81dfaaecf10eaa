import { parseHex } from './colour-vision.ts';
import type { OperatorShape } from './palette.ts';

/**
 * BTS symbols: one shape per operator (triangle, square, diamond, pentagon; a circle for any other),
 * filled with the operator's colour inside a white rim, so operators are told apart by shape first.
 * The same outline feeds the map's icons (rasterised here) and the legend (as SVG).
 */

/** An RGBA image as MapLibre's `addImage` takes it. */
export interface IconImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const SAMPLES = 4;

/** The shape's outline in a unit box (x right, y down, centred on 0, radius ≤ 1); null for the circle. */
export function shapeOutline(shape: OperatorShape): [number, number][] | null {
  const regular = (n: number, start: number): [number, number][] =>
    Array.from({ length: n }, (_, i) => {
      const a = start + (i * 2 * Math.PI) / n;
      return [Math.cos(a), Math.sin(a)];
    });
  switch (shape) {
    case 'triangle':
      // Its centroid sits a third of the way up, so it is drawn a little lower to look centred.
      return regular(3, -Math.PI / 2).map(([x, y]) => [x, y * 1.05 + 0.12]);
    case 'square':
      return [[-0.8, -0.8], [0.8, -0.8], [0.8, 0.8], [-0.8, 0.8]];
    case 'diamond':
      return regular(4, -Math.PI / 2);
    case 'pentagon':
      return regular(5, -Math.PI / 2).map(([x, y]) => [x * 0.95, y * 0.95 + 0.05]);
    case 'circle':
      return null;
  }
}

/** Signed distance from (x, y) to the shape's edge in unit-box units (negative inside). */
function signedDistance(outline: [number, number][] | null, x: number, y: number): number {
  if (!outline) return Math.hypot(x, y) - 0.85;
  let best = Infinity;
  let inside = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [x0, y0] = outline[j];
    const [x1, y1] = outline[i];
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x0 + t * dx - x, y0 + t * dy - y));
    if (y0 > y !== y1 > y && x < ((x1 - x0) * (y - y0)) / (y1 - y0) + x0) inside = !inside;
  }
  return inside ? -best : best;
}

/**
 * Rasterises a symbol: `sizePx` CSS pixels square at `pixelRatio`, the shape in `colour` inside a
 * white rim of `rimPx`, anti-aliased by 4×4 supersampling.
 */
export function rasteriseSymbol(shape: OperatorShape, colour: string, options: { sizePx: number; pixelRatio: number; rimPx?: number }): IconImage {
  const size = Math.round(options.sizePx * options.pixelRatio);
  const rim = ((options.rimPx ?? 1.5) * 2) / options.sizePx;
  const outline = shapeOutline(shape);
  const [r, g, b] = parseHex(colour).map((v) => Math.round(v * 255));
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let body = 0;
      let edge = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / SAMPLES) / size) * 2 - 1;
          const d = signedDistance(outline, x / 0.92, y / 0.92);
          if (d <= -rim) body++;
          else if (d <= 0) edge++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = (body + edge) / n;
      if (alpha === 0) continue;
      // Colour of the covered samples: the body's colour, the rim white.
      const k = body / (body + edge);
      const o = (py * size + px) * 4;
      data[o] = Math.round(r * k + 255 * (1 - k));
      data[o + 1] = Math.round(g * k + 255 * (1 - k));
      data[o + 2] = Math.round(b * k + 255 * (1 - k));
      data[o + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, data };
}

/** The symbol as an SVG element for legends (`sizePx` square). */
export function symbolSvg(shape: OperatorShape, colour: string, sizePx: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '-1.1 -1.1 2.2 2.2');
  svg.setAttribute('width', String(sizePx));
  svg.setAttribute('height', String(sizePx));
  svg.setAttribute('aria-hidden', 'true');
  const outline = shapeOutline(shape);
  const mark = outline ? document.createElementNS(ns, 'polygon') : document.createElementNS(ns, 'circle');
  if (outline) mark.setAttribute('points', outline.map(([x, y]) => `${x},${y}`).join(' '));
  else {
    mark.setAttribute('r', '0.85');
    mark.setAttribute('cx', '0');
    mark.setAttribute('cy', '0');
  }
  mark.setAttribute('fill', colour);
  mark.setAttribute('stroke', '#ffffff');
  mark.setAttribute('stroke-width', '0.2');
  mark.setAttribute('paint-order', 'stroke');
  svg.append(mark);
  return svg;
}
