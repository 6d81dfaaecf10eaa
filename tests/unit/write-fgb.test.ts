import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import * as flatbuffers from 'flatbuffers';
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { calcTreeSize } from 'flatgeobuf/lib/mjs/packedrtree.js';
import { writeFlatGeobuf } from '../../src/core/io/write-fgb.ts';
import { mulberry32 } from '../../src/core/random.ts';

type Rect = { minX: number; minY: number; maxX: number; maxY: number };

async function readAll(bytes: Uint8Array, rect?: Rect, onHeader?: (h: HeaderMeta) => void): Promise<Feature[]> {
  const out: Feature[] = [];
  for await (const f of deserialize(bytes, rect ? { rect, headerMetaFn: onHeader } : { headerMetaFn: onHeader })) {
    out.push(f as Feature);
  }
  return out;
}

function square(x: number, y: number, size: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
  };
}

function bbox(f: Feature): number[] {
  const ring = (f.geometry as Polygon).coordinates[0];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function randomSquares(count: number, seed: number): Feature[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => ({
    type: 'Feature' as const,
    properties: { id: `f${i}`, n: i, w: rnd() * 10 },
    geometry: square(107 + rnd() * 2, 14 + rnd() * 2, 0.01 + rnd() * 0.05),
  }));
}

describe('writeFlatGeobuf', () => {
  // flatgeobuf's bbox search logs every node it visits through console.debug.
  beforeAll(() => {
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  });

  it('round-trips every feature with its properties, and records header, CRS and envelope', async () => {
    const features = randomSquares(500, 1);
    const bytes = writeFlatGeobuf(features, { title: 'Squares', description: 'test', metadata: '{"a":1}' });
    let header: HeaderMeta | undefined;
    const back = await readAll(bytes, undefined, (h) => (header = h));
    expect(back).toHaveLength(500);
    expect(header?.indexNodeSize).toBe(16);
    expect(header?.featuresCount).toBe(500);
    expect(header?.crs?.code).toBe(4326);
    expect(header?.title).toBe('Squares');
    expect(header?.metadata).toBe('{"a":1}');
    const env = header?.envelope as Float64Array;
    const all = features.map(bbox);
    expect(env[0]).toBe(Math.min(...all.map((b) => b[0])));
    expect(env[3]).toBe(Math.max(...all.map((b) => b[3])));
    const byId = new Map(back.map((f) => [f.properties?.id, f]));
    for (const f of features) {
      const g = byId.get(f.properties?.id);
      expect(g?.properties).toEqual(f.properties);
      expect(g?.geometry).toEqual(f.geometry);
    }
  });

  it('bbox reads return exactly what a brute-force filter finds', async () => {
    const features = randomSquares(2000, 7);
    const bytes = writeFlatGeobuf(features);
    const rects: Rect[] = [
      { minX: 107.5, minY: 14.5, maxX: 107.8, maxY: 14.9 },
      { minX: 106, minY: 13, maxX: 107.01, maxY: 14.02 },
      { minX: 108.5, minY: 15.5, maxX: 110, maxY: 17 },
      { minX: 120, minY: 20, maxX: 121, maxY: 21 },
    ];
    for (const rect of rects) {
      const expected = features
        .filter((f) => {
          const b = bbox(f);
          return b[0] <= rect.maxX && b[2] >= rect.minX && b[1] <= rect.maxY && b[3] >= rect.minY;
        })
        .map((f) => f.properties?.id as string)
        .sort();
      const got = (await readAll(bytes, rect)).map((f) => f.properties?.id as string).sort();
      expect(got).toEqual(expected);
    }
  });

  it('keeps nulls and missing properties, infers Int vs Double over all features, stores Vietnamese names', async () => {
    const features: Feature[] = [
      { type: 'Feature', properties: { name: 'Làng Kon Klor', pop: 10, share: null }, geometry: { type: 'Point', coordinates: [108, 14.3] } },
      { type: 'Feature', properties: { name: null, pop: 12, share: 0.5, extra: true }, geometry: { type: 'Point', coordinates: [108.1, 14.4] } },
      { type: 'Feature', properties: { name: 'Đăk Hà – Tổ dân phố 3', pop: 2.5 }, geometry: { type: 'Point', coordinates: [108.2, 14.5] } },
    ];
    const back = await readAll(writeFlatGeobuf(features));
    const byX = new Map(back.map((f) => [(f.geometry as { coordinates: number[] }).coordinates[0], f.properties]));
    expect(byX.get(108)).toEqual({ name: 'Làng Kon Klor', pop: 10 });
    expect(byX.get(108.1)).toEqual({ pop: 12, share: 0.5, extra: true });
    expect(byX.get(108.2)).toEqual({ name: 'Đăk Hà – Tổ dân phố 3', pop: 2.5 });
  });

  it('writes one feature and reads it back by bbox', async () => {
    const f: Feature = { type: 'Feature', properties: { id: 'only' }, geometry: square(108, 14, 0.1) };
    const bytes = writeFlatGeobuf([f]);
    expect(await readAll(bytes)).toHaveLength(1);
    expect(await readAll(bytes, { minX: 108.05, minY: 14.05, maxX: 108.06, maxY: 14.06 })).toHaveLength(1);
    expect(await readAll(bytes, { minX: 109, minY: 14.05, maxX: 109.1, maxY: 14.06 })).toHaveLength(0);
  });

  it('is deterministic and keeps MultiPolygon / mixed geometry types', async () => {
    const features = randomSquares(100, 3).map((f) => ({
      ...f,
      geometry: { type: 'MultiPolygon' as const, coordinates: [(f.geometry as Polygon).coordinates] },
    }));
    const a = writeFlatGeobuf(features);
    const b = writeFlatGeobuf(structuredClone(features));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    let header: HeaderMeta | undefined;
    const back = await readAll(a, undefined, (h) => (header = h));
    expect(header?.geometryType).toBe(6);
    expect(back[0].geometry.type).toBe('MultiPolygon');
    const mixed: Feature[] = [
      { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[1, 1], [2, 2]] } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[[1, 1], [2, 2]], [[3, 3], [4, 4]]] } },
    ];
    const mixedBack = await readAll(writeFlatGeobuf(mixed));
    expect(mixedBack.map((f) => f.geometry.type).sort()).toEqual(['LineString', 'MultiLineString']);
  });

  it('refuses empty input and features without geometry with a clear message', () => {
    expect(() => writeFlatGeobuf([])).toThrow(/no features/);
    expect(() =>
      writeFlatGeobuf([{ type: 'Feature', properties: {}, geometry: null as unknown as Polygon }]),
    ).toThrow(/feature 0 has no geometry/);
    expect(() =>
      writeFlatGeobuf([
        { type: 'Feature', properties: { a: 1 }, geometry: square(0, 0, 1) },
        { type: 'Feature', properties: { a: 'x' }, geometry: square(0, 0, 1) },
      ]),
    ).toThrow(/property "a"/);
  });

  it('writes the ends of a one-line MultiLineString, which GDAL before 3.9.3 needs', () => {
    const bytes = writeFlatGeobuf([{ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[[1, 1], [2, 2], [3, 1]]] } }]);
    // Magic (8) + size-prefixed header + packed tree + size-prefixed feature.
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const headerSize = view.getUint32(8, true);
    const featureAt = 8 + 4 + headerSize + calcTreeSize(1, 16);
    const feature = FgbFeature.getSizePrefixedRootAsFeature(new flatbuffers.ByteBuffer(bytes.subarray(featureAt)));
    expect(feature.geometry()?.endsArray()).toEqual(new Uint32Array([3]));
  });

  it('keeps features without geometry and writes an empty file when asked (exports keep every row)', async () => {
    const features: Feature<Polygon | null>[] = [
      { type: 'Feature', properties: { id: 'a' }, geometry: square(107, 14, 0.1) },
      { type: 'Feature', properties: { id: 'none' }, geometry: null },
    ];
    const back = await readAll(writeFlatGeobuf(features, { allowNullGeometry: true }));
    expect(back.map((f) => [f.properties?.id, f.geometry])).toEqual([['a', square(107, 14, 0.1)], ['none', { type: 'Polygon', coordinates: [[]] }]]);
    const inBox = await readAll(writeFlatGeobuf(features, { allowNullGeometry: true }), { minX: 100, minY: 10, maxX: 110, maxY: 20 });
    expect(inBox.map((f) => f.properties?.id)).toEqual(['a']);
    expect(await readAll(writeFlatGeobuf([], { allowEmpty: true }))).toEqual([]);
  });
});
