import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { readBts } from '../../src/core/io/read-geojson.ts';
import { readFgb, readFgbFeatures } from '../../src/core/io/read-fgb.ts';
import { type RangeServer, startRangeServer } from '../helpers/range-server.ts';
import { rejection } from '../helpers/rejection.ts';

const dir = fileURLToPath(new URL('../fixtures/fgb/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(dir + name));
// The grid holds points at lon 107.0..107.9, lat 14.0..14.9 in 0.1° steps; this box holds
// lon 107.3, 107.4, 107.5 × lat 14.3, 14.4.
const RECT = { minX: 107.25, minY: 14.25, maxX: 107.55, maxY: 14.45 };
const IN_RECT = ['p34', 'p35', 'p44', 'p45', 'p54', 'p55'];

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

  it('reads a file without spatial index whole and keeps what meets the box', async () => {
    server.resetBytes();
    expect(ids(await readFgb(`${server.url}/grid-points-no-index.fgb`, { rect: RECT }))).toEqual(IN_RECT);
    // The first range request, then the whole file once.
    expect(server.bytesSent()).toBeGreaterThanOrEqual(statSync(dir + 'grid-points-no-index.fgb').size);
  });

  it('refuses another CRS and non-FlatGeobuf over HTTP too', async () => {
    expect(((await rejection(readFgb(`${server.url}/grid-points-3857.fgb`, { rect: RECT }))) as InputError).code).toBe('wrong-crs');
    expect(((await rejection(readFgb(`${server.url}/grid-points.geojson`, { rect: RECT }))) as InputError).code).toBe('not-flatgeobuf');
    expect(((await rejection(readFgb(`${server.url}/grid-points.geojson`))) as InputError).code).toBe('not-flatgeobuf');
  });

  it('reports HTTP errors, and reads the whole file once from a server that ignores Range', async () => {
    const missing = (await rejection(readFgb(`${server.url}/nope.fgb`, { rect: RECT }))) as InputError;
    expect(missing.code).toBe('http-error');
    expect(missing.params.status).toBe(404);
    let requests = 0;
    const noRange: typeof fetch = (url, init) => {
      requests++;
      return fetch(url, { ...init, headers: {} });
    };
    const reasons: string[] = [];
    const t = await readFgb(`${server.url}/grid-900-indexed.fgb`, { rect: RECT, fetch: noRange, onWholeFile: (r) => reasons.push(r) });
    expect(t.features.length).toBeGreaterThan(0);
    expect(reasons).toEqual(['ignores-range']);
    expect(requests).toBe(1);
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

describe('whole or refused: what a FlatGeobuf promises is checked against what it holds', () => {
  const villages = new Uint8Array(readFileSync(fileURLToPath(new URL('../../public/data/kon-tum/villages.fgb', import.meta.url))));
  const noIndex = bytes('grid-points-no-index.fgb');
  // Header length (bytes 8–11), then the header, then the index, then the features.
  const headerEnd = (b: Uint8Array): number => 12 + new DataView(b.buffer, b.byteOffset).getUint32(8, true);

  async function refusal(source: Uint8Array, name = 'villages.fgb'): Promise<InputError> {
    const e = await rejection(readFgb(source, { name }));
    expect(e).toBeInstanceOf(InputError);
    // One line, naming the file.
    expect(e.message).not.toMatch(/\n/);
    expect(e.message).toContain(name);
    return e as InputError;
  }

  it('a file cut inside its header is refused at once, never a hang', { timeout: 5_000 }, async () => {
    for (const at of [3, 10, 40, headerEnd(villages) - 1]) {
      const e = await refusal(villages.slice(0, at));
      expect(e.code).toBe(at < 4 ? 'not-flatgeobuf' : 'truncated');
      if (at >= 4) expect(e.message).toMatch(new RegExp(`ends at byte ${at}, inside its header`));
    }
  });

  it('a file cut inside its spatial index or its features is refused, never read short', async () => {
    const inIndex = await refusal(villages.slice(0, headerEnd(villages) + 100));
    expect(inIndex.code).toBe('truncated');
    expect(inIndex.message).toMatch(/inside its spatial index/);
    const inFeatures = await refusal(villages.slice(0, Math.floor(villages.length * 0.6)));
    expect(inFeatures.code).toBe('truncated');
    expect(inFeatures.message).toMatch(/inside feature \d+ of 824/);
    // Cut exactly between two features: the count in the header tells.
    const whole = await readFgb(villages);
    const table = await readFgb(noIndex);
    expect(whole.features).toHaveLength(824);
    expect(table.features).toHaveLength(100);
    const lastFeatureSize = (() => {
      // Walk the features of the GDAL file (no index) to find where the last one starts.
      let at = headerEnd(noIndex);
      let last = at;
      const view = new DataView(noIndex.buffer, noIndex.byteOffset);
      while (at < noIndex.length) {
        last = at;
        at += 4 + view.getUint32(at, true);
      }
      return noIndex.length - last;
    })();
    const short = await refusal(noIndex.slice(0, noIndex.length - lastFeatureSize), 'grid.fgb');
    expect(short.message).toMatch(/holds 99 of the 100 features its header announces/);
  });

  it('bytes after the last feature the header announces are refused', async () => {
    const longer = new Uint8Array(noIndex.length + 16);
    longer.set(noIndex);
    longer.fill(9, noIndex.length);
    const e = await refusal(longer, 'grid.fgb');
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/goes on after the last of the 100 features/);
  });

  it('a corrupt feature is an InputError naming the feature, not a stack trace', async () => {
    const broken = noIndex.slice();
    const view = new DataView(broken.buffer);
    const first = headerEnd(broken);
    // The root offset of feature 1 now points far outside it.
    view.setUint32(first + 4, 0x7fffff00, true);
    const e = await refusal(broken, 'grid.fgb');
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/grid\.fgb is corrupt: feature 1 of 100 does not decode/);
    // A feature whose size prefix is absurd.
    const huge = noIndex.slice();
    new DataView(huge.buffer).setUint32(first, 0xfffffff0, true);
    expect((await refusal(huge, 'grid.fgb')).message).toMatch(/feature 1 claims to be \d+ bytes long/);
  });

  it('a header whose length or fields cannot be is refused as corrupt', async () => {
    const b = villages.slice();
    new DataView(b.buffer).setUint32(8, 0xffffffff, true);
    expect((await refusal(b)).message).toMatch(/header claims to be 4294967295 bytes long/);
    const c = villages.slice();
    // The header's root offset points outside the header.
    new DataView(c.buffer).setUint32(12, 0x00ffffff, true);
    expect((await refusal(c)).code).toBe('corrupt');
  });

  it('an empty file says it is empty', async () => {
    expect((await refusal(new Uint8Array(0), 'empty.fgb')).code).toBe('empty-file');
  });
});

describe('a cut file over HTTP', () => {
  let server: RangeServer;
  let cutDir: string;
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    cutDir = mkdtempSync(`${tmpdir()}/vunglom-fgb-cut-`);
    const whole = new Uint8Array(readFileSync(fileURLToPath(new URL('../../public/data/kon-tum/villages.fgb', import.meta.url))));
    writeFileSync(`${cutDir}/header-cut.fgb`, whole.slice(0, 30));
    writeFileSync(`${cutDir}/features-cut.fgb`, whole.slice(0, Math.floor(whole.length * 0.7)));
    server = await startRangeServer(cutDir);
  });
  afterAll(async () => {
    await server.close();
    const { rmSync } = await import('node:fs');
    rmSync(cutDir, { recursive: true, force: true });
  });

  it('is refused whole and by bounding box, naming the URL', { timeout: 10_000 }, async () => {
    for (const file of ['header-cut.fgb', 'features-cut.fgb']) {
      const url = `${server.url}/${file}`;
      const whole = (await rejection(readFgb(url))) as InputError;
      expect(whole.code).toBe('truncated');
      expect(whole.message).toContain(url);
      const byBox = (await rejection(readFgb(url, { rect: { minX: 100, minY: 0, maxX: 120, maxY: 30 } }))) as InputError;
      expect(byBox.code).toBe('truncated');
      expect(byBox.message).toContain(url);
    }
  });
});
