import { readFileSync } from 'node:fs';
import { PbfReader } from 'pbf';
import { describe, expect, test } from 'vitest';
import { GLYPH_BUFFER_PX, encodeGlyphRange, renderSdfGlyph } from '../../data/scripts/glyph-sdf.ts';
import { labelPoints } from '../../src/map/label-points.ts';
import { rasteriseSymbol, shapeOutline } from '../../src/map/operator-symbols.ts';

interface DecodedGlyph {
  id: number;
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** Decodes a glyph PBF the way MapLibre's parser reads it (glyphs → stacks → glyph fields 1–7). */
function decode(bytes: Uint8Array): { name: string; range: string; glyphs: DecodedGlyph[] } {
  const out = { name: '', range: '', glyphs: [] as DecodedGlyph[] };
  new PbfReader(bytes).readFields((tag, _, pbf) => {
    if (tag !== 1) return;
    pbf.readMessage((t, __, p) => {
      if (t === 1) out.name = p.readString();
      else if (t === 2) out.range = p.readString();
      else if (t === 3) {
        const g: DecodedGlyph = { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 };
        p.readMessage((f, gg: DecodedGlyph, q) => {
          if (f === 1) gg.id = q.readVarint();
          else if (f === 2) gg.bitmap = q.readBytes();
          else if (f === 3) gg.width = q.readVarint();
          else if (f === 4) gg.height = q.readVarint();
          else if (f === 5) gg.left = q.readSVarint();
          else if (f === 6) gg.top = q.readSVarint();
          else if (f === 7) gg.advance = q.readVarint();
        }, g);
        out.glyphs.push(g);
      }
    }, {});
  }, {});
  return out;
}

describe('SDF glyphs', () => {
  // A 500 × 500 unit square at (100, 0) in a 1000-unit em: 12 × 12 px at 24 px, 2.4 px from the origin.
  const square = [
    { type: 'M' as const, x: 100, y: 0 },
    { type: 'L' as const, x: 600, y: 0 },
    { type: 'L' as const, x: 600, y: 500 },
    { type: 'L' as const, x: 100, y: 500 },
    { type: 'Z' as const },
  ];

  test('metrics and distance field of a square, as fontnik writes them', () => {
    const g = renderSdfGlyph(65, square, 700, 1000);
    expect(g).toMatchObject({ id: 65, width: 12, height: 12, left: 2, top: 12 - 25, advance: 17 });
    const w = g.width + 2 * GLYPH_BUFFER_PX;
    expect(g.bitmap.length).toBe(w * w);
    const at = (col: number, row: number): number => g.bitmap[row * w + col];
    // Deep inside: the distance is large and negative, so the byte is high; far outside it is low.
    expect(at(w / 2, w / 2)).toBeGreaterThan(192);
    expect(at(0, 0)).toBeLessThan(192);
    // The edge (d = 0) sits at byte 191–192: half a pixel inside is above, half a pixel outside below.
    expect(at(GLYPH_BUFFER_PX, w / 2)).toBeGreaterThanOrEqual(192);
    expect(at(GLYPH_BUFFER_PX - 1, w / 2)).toBeLessThan(192);
  });

  test('a glyph without outline (a space) keeps its advance and has no bitmap', () => {
    const g = renderSdfGlyph(32, [], 260, 1000);
    expect(g).toMatchObject({ width: 0, height: 0, advance: 6 });
    expect(g.bitmap.length).toBe(0);
  });

  test('a range encodes and decodes to the same glyphs', () => {
    const g = renderSdfGlyph(65, square, 700, 1000);
    const decoded = decode(encodeGlyphRange('Test-Regular', 0, [g, renderSdfGlyph(32, [], 260, 1000)]));
    expect(decoded.name).toBe('Test-Regular');
    expect(decoded.range).toBe('0-255');
    expect(decoded.glyphs.map((x) => x.id)).toEqual([65, 32]);
    expect(decoded.glyphs[0]).toMatchObject({ width: 12, height: 12, left: 2, top: -13, advance: 17 });
    expect([...(decoded.glyphs[0].bitmap ?? [])]).toEqual([...g.bitmap]);
  });

  test('the shipped glyphs cover every letter of Vietnamese, in both font stacks', () => {
    const letters = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY';
    const tones = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const needed = new Set<number>();
    for (const l of letters) {
      needed.add(l.codePointAt(0) as number);
      if (/[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY]/.test(l)) for (const t of tones) needed.add((l + t).normalize('NFC').codePointAt(0) as number);
    }
    for (const stack of ['NotoSans-Regular', 'NotoSans-Bold']) {
      const have = new Set<number>();
      for (const start of new Set([...needed].map((c) => c - (c % 256)))) {
        const file = decode(new Uint8Array(readFileSync(`public/glyphs/${stack}/${start}-${start + 255}.pbf`)));
        expect(file.name).toBe(stack);
        for (const g of file.glyphs) if (g.width > 0) have.add(g.id);
      }
      const missing = [...needed].filter((c) => !have.has(c)).map((c) => String.fromCodePoint(c));
      expect(missing, stack).toEqual([]);
    }
  });
});

describe('label points', () => {
  test('one point inside each named polygon, keeping name, population and id; unnamed ones are skipped', () => {
    const ring = [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]];
    const fc = labelPoints({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { name: 'Thôn Đắk Mút', population: 120 }, geometry: { type: 'Polygon', coordinates: [ring] } },
        { type: 'Feature', properties: { name: '' }, geometry: { type: 'Polygon', coordinates: [ring] } },
        { type: 'Feature', properties: { name: 'a point' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    });
    expect(fc.features).toHaveLength(1);
    const [f] = fc.features;
    expect(f.id).toBe(7);
    expect(f.properties).toEqual({ name: 'Thôn Đắk Mút', population: 120 });
    const [x, y] = f.geometry.coordinates;
    // The L shape's centroid (≈1.2, 1.2) lies outside it; the point must be inside one of its arms.
    expect((x >= 0 && x <= 4 && y >= 0 && y <= 1) || (x >= 0 && x <= 1 && y >= 0 && y <= 4)).toBe(true);
  });
});

describe('operator symbols', () => {
  test('each shape is drawn: opaque at its centre, transparent in the corners, its colour inside a white rim', () => {
    for (const shape of ['triangle', 'square', 'diamond', 'pentagon', 'circle'] as const) {
      const img = rasteriseSymbol(shape, '#1d5fa8', { sizePx: 16, pixelRatio: 2 });
      expect(img.width).toBe(32);
      expect(img.data.length).toBe(32 * 32 * 4);
      const px = (x: number, y: number): number[] => [...img.data.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4)];
      expect(px(16, 18), shape).toEqual([0x1d, 0x5f, 0xa8, 255]);
      expect(px(0, 0)[3], shape).toBe(0);
    }
  });

  test('shapes differ: the triangle leaves the top corners empty, the square fills them', () => {
    const alphaAt = (shape: 'triangle' | 'square', x: number, y: number): number => rasteriseSymbol(shape, '#000000', { sizePx: 16, pixelRatio: 2 }).data[(y * 32 + x) * 4 + 3];
    expect(alphaAt('square', 6, 6)).toBeGreaterThan(200);
    expect(alphaAt('triangle', 6, 6)).toBe(0);
    expect(shapeOutline('circle')).toBeNull();
  });
});
