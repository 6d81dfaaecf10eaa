import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { readBts } from '../../src/core/io/read-geojson.ts';
import { readFgb, readFgbFeatures } from '../../src/core/io/read-fgb.ts';
import { type RangeServer, startRangeServer } from '../helpers/range-server.ts';

const dir = fileURLToPath(new URL('../fixtures/fgb/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(dir + name));
// The grid holds points at lon 107.0..107.9, lat 14.0..14.9 in 0.1° steps; this box holds
// lon 107.3, 107.4, 107.5 × lat 14.3, 14.4.
const RECT = { minX: 107.25, minY: 14.25, maxX: 107.55, maxY: 14.45 };
const IN_RECT = ['p34', 'p35', 'p44', 'p45', 'p54', 'p55'];

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
const ids = (t: { features: { properties: Record<string, unknown> }[] }): string[] =>
  t.features.map((f) => String(f.properties.id)).sort();

describe('readFgb from bytes', () => {
  it('reads every feature with its properties (diacritics intact)', async () => {
    const t = await readFgb(bytes('grid-points-indexed.fgb'));
    expect(t.features).toHaveLength(100);
    const p1 = t.features.find((f) => f.properties.id === 'p1');
    expect(p1?.properties.name).toBe('Điểm 1');
    expect(p1?.geometry).toEqual({ type: 'Point', coordinates: [107, 14] });
    const bts = readBts(t);
    expect(bts.records).toHaveLength(100);
    expect(bts.issues).toEqual([]);
  });

  it('selects by rect through the index, and by a full scan when there is none', async () => {
    expect(ids(await readFgb(bytes('grid-points-indexed.fgb'), { rect: RECT }))).toEqual(IN_RECT);
    expect(ids(await readFgb(bytes('grid-points-no-index.fgb'), { rect: RECT }))).toEqual(IN_RECT);
  });

  it('refuses another CRS, naming it', async () => {
    const e = await rejection(readFgb(bytes('grid-points-3857.fgb')));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('wrong-crs');
    expect((e as InputError).params.crs).toBe('EPSG:3857');
  });

  it('refuses what is not FlatGeobuf', async () => {
    const e = await rejection(readFgb(bytes('grid-points.geojson')));
    expect((e as InputError).code).toBe('not-flatgeobuf');
    expect(e.message).toMatch(/ogr2ogr -f FlatGeobuf/);
  });

  it('works on a view that does not start at offset 0', async () => {
    const file = bytes('grid-points-indexed.fgb');
    const padded = new Uint8Array(file.length + 8);
    padded.set(file, 8);
    expect((await readFgb(padded.subarray(8))).features).toHaveLength(100);
  });

  it('stops with AbortError when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(readFgb(bytes('grid-points-indexed.fgb'), { signal: controller.signal }));
    expect(e.name).toBe('AbortError');
    const mid = new AbortController();
    let seen = 0;
    const e2 = await rejection((async () => {
      for await (const _ of readFgbFeatures(bytes('grid-points-indexed.fgb'), { signal: mid.signal })) {
        if (++seen === 10) mid.abort();
      }
    })());
    expect(e2.name).toBe('AbortError');
    expect(seen).toBe(10);
  });
});

describe('readFgb over HTTP', () => {
  let server: RangeServer;
  beforeAll(async () => {
    server = await startRangeServer(dir);
  });
  afterAll(async () => {
    await server.close();
  });

  it('reads a bbox by range requests, fetching only part of the file', async () => {
    expect(ids(await readFgb(`${server.url}/grid-points-indexed.fgb`, { rect: RECT }))).toEqual(IN_RECT);
    // 900 points, 0.03° apart from (107, 14): this box holds i = 10..11, j = 10..11.
    server.resetBytes();
    const t = await readFgb(`${server.url}/grid-900-indexed.fgb`, { rect: { minX: 107.29, minY: 14.29, maxX: 107.34, maxY: 14.34 } });
    expect(ids(t)).toEqual(['g10_10', 'g10_11', 'g11_10', 'g11_11']);
    expect(server.bytesSent()).toBeLessThan(statSync(dir + 'grid-900-indexed.fgb').size / 2);
  });

  it('reads a whole file by URL without rect', async () => {
    expect((await readFgb(`${server.url}/grid-points-no-index.fgb`)).features).toHaveLength(100);
  });

  it('says a file without spatial index cannot be read by bbox, and how to fix it', async () => {
    const e = await rejection(readFgb(`${server.url}/grid-points-no-index.fgb`, { rect: RECT }));
    expect((e as InputError).code).toBe('no-spatial-index');
    expect(e.message).toMatch(/ogr2ogr -f FlatGeobuf out\.fgb in\.geojson/);
  });

  it('refuses another CRS and non-FlatGeobuf over HTTP too', async () => {
    expect(((await rejection(readFgb(`${server.url}/grid-points-3857.fgb`, { rect: RECT }))) as InputError).code).toBe('wrong-crs');
    expect(((await rejection(readFgb(`${server.url}/grid-points.geojson`, { rect: RECT }))) as InputError).code).toBe('not-flatgeobuf');
    expect(((await rejection(readFgb(`${server.url}/grid-points.geojson`))) as InputError).code).toBe('not-flatgeobuf');
  });

  it('reports HTTP errors and refuses a server that ignores Range', async () => {
    const missing = (await rejection(readFgb(`${server.url}/nope.fgb`, { rect: RECT }))) as InputError;
    expect(missing.code).toBe('http-error');
    expect(missing.params.status).toBe(404);
    const noRange: typeof fetch = (url, init) => fetch(url, { ...init, headers: {} });
    const e = (await rejection(readFgb(`${server.url}/grid-points-indexed.fgb`, { rect: RECT, fetch: noRange }))) as InputError;
    expect(e.code).toBe('http-error');
    expect(e.message).toMatch(/ignores HTTP Range/);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const e = (await rejection(readFgb(`${server.url}/grid-points-no-index.fgb`, { maxBytes: 1000 }))) as InputError;
    expect(e.code).toBe('too-large');
  });

  it('aborts a range read', async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(readFgb(`${server.url}/grid-points-indexed.fgb`, { rect: RECT, signal: controller.signal }));
    expect(e.name).toBe('AbortError');
  });
});
