import { describe, expect, test } from 'vitest';
import { readBts } from '../../src/core/io/read-bts.ts';
import { readVillages } from '../../src/core/io/read-villages.ts';
import { readFibre } from '../../src/core/io/read-fibre.ts';
import { readSettlements } from '../../src/core/io/read-settlements.ts';
import { BROWSER_MAX_FILE_BYTES, guessKind, readFileBytes, readOwnLayer, type FileLike } from '../../src/app/own-data/own-data.ts';

const enc = new TextEncoder();

function fakeFile(name: string, bytes: Uint8Array, chunk = 7): FileLike {
  return {
    name,
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.subarray(i, i + chunk));
          controller.close();
        },
      }),
  };
}

const VILLAGES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { ma: 'T1', ten: 'Thôn 1', dan_so: '120', centre_lon: 107.91, centre_lat: 14.61 },
      geometry: { type: 'Polygon', coordinates: [[[107.9, 14.6], [107.92, 14.6], [107.92, 14.62], [107.9, 14.62], [107.9, 14.6]]] },
    },
    // A bow-tie: repaired and reported.
    {
      type: 'Feature',
      properties: { ma: 'T2', ten: 'Thôn 2' },
      geometry: { type: 'Polygon', coordinates: [[[108, 14.6], [108.02, 14.62], [108.02, 14.6], [108, 14.62], [108, 14.6]]] },
    },
  ],
};

describe('reading a picked file', () => {
  test('a file over the limit is refused from its size alone, before a byte is read', async () => {
    const huge: FileLike = {
      name: 'huge.geojson',
      size: 200 * 1024 * 1024,
      stream: () => {
        throw new Error('the file must not be read');
      },
    };
    await expect(readFileBytes(huge)).rejects.toMatchObject({ name: 'InputError', code: 'too-large', params: { size: huge.size, maxBytes: BROWSER_MAX_FILE_BYTES } });
  });

  test('bytes arrive whole, with progress up to 1, and a cancel stops the read', async () => {
    const bytes = enc.encode('lon,lat\n1,2\n3,4\n');
    const seen: number[] = [];
    expect(await readFileBytes(fakeFile('a.csv', bytes), { onProgress: (f) => seen.push(f) })).toEqual(bytes);
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThan(1);
    const controller = new AbortController();
    controller.abort();
    await expect(readFileBytes(fakeFile('a.csv', bytes), { signal: controller.signal })).rejects.toThrow();
  });

  test('villages become contract-named features that read back to the same records', async () => {
    const layer = await readOwnLayer('villages', 'thon.geojson', enc.encode(JSON.stringify(VILLAGES)));
    expect(layer).toMatchObject({ kind: 'villages', format: 'geojson', count: 2, invalid: 0, repaired: 1 });
    const fc = layer.layers.villages!;
    expect(fc.features[0].properties).toMatchObject({ id: 'T1', name: 'Thôn 1', population: 120, centre_lon: 107.91, centre_lat: 14.61 });
    const again = readVillages(fc as never).records;
    const first = readVillages(VILLAGES as never).records;
    expect(again.map((r) => [r.id, r.name, r.population, r.centre])).toEqual(first.map((r) => [r.id, r.name, r.population, r.centre]));
    expect(again.map((r) => r.geometry)).toEqual(first.map((r) => r.geometry));
  });

  test('an OpenCelliD CSV reads as BTS with operators named; a bad line is an issue with its number', async () => {
    const csv = 'LTE,452,4,1000,1,0,107.9,14.6,1500,3,1,1,2,0\nGSM,452,2,1000,2,0,x,14.6,1500,3,1,1,2,0\nNR,452,1,1000,3,0,108,14.7,1500,3,1,1,2,0\n';
    const layer = await readOwnLayer('bts', 'cells.csv', enc.encode(csv));
    expect(layer.format).toBe('csv-opencellid');
    expect(layer.count).toBe(2);
    expect(layer.issues.map((i) => i.index)).toContain(2);
    const records = readBts(layer.layers.bts as never).records;
    expect(records.map((r) => [r.operator, r.tech])).toEqual([['Viettel', '4G'], ['MobiFone', '5G']]);
  });

  test('a CSV with other column names needs a mapping, then reads', async () => {
    const csv = 'E;N;Mang;Song\n107.9;14.6;Viettel;4G\n';
    await expect(readOwnLayer('bts', 'tram.csv', enc.encode(csv))).rejects.toMatchObject({ code: 'missing-columns', params: { missing: ['lon', 'lat'] } });
    await expect(readOwnLayer('bts', 'tram.csv', enc.encode(csv), { mapping: { lon: 'E', lat: 'N' } })).rejects.toMatchObject({
      code: 'missing-columns',
      params: { missing: ['operator', 'tech'] },
    });
    const layer = await readOwnLayer('bts', 'tram.csv', enc.encode(csv), { mapping: { lon: 'E', lat: 'N', operator: 'Mang', tech: 'Song' } });
    expect(readBts(layer.layers.bts as never).records[0]).toMatchObject({ operator: 'Viettel', tech: '4G', lon: 107.9, lat: 14.6 });
  });

  test('a file where no row could be taken is refused, naming the first problem', async () => {
    const csv = 'lon,lat,operator,tech\nabc,14.6,Viettel,4G\n';
    // The real reason (the coordinate and its value), not "no column for operator, tech".
    await expect(readOwnLayer('bts', 'bad.csv', enc.encode(csv))).rejects.toMatchObject({
      code: 'no-records',
      message: expect.stringMatching(/^bad\.csv: no BTS sites could be read from it \(its one row was skipped; line 2: longitude: "abc" is not a coordinate/),
    });
    const noOperator = 'lon,lat,operator,tech\n107.9,14.6,,4G\n';
    await expect(readOwnLayer('bts', 'bad.csv', enc.encode(noOperator))).rejects.toMatchObject({ code: 'no-records', message: expect.stringMatching(/line 2: no operator/) });
  });

  test('fibre splits into routes and access points; settlements keep their weight', async () => {
    const fibre = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'r', operator: 'VNPT' }, geometry: { type: 'LineString', coordinates: [[107.9, 14.6], [108, 14.7]] } },
        { type: 'Feature', properties: { id: 'p', kind: 'splitter' }, geometry: { type: 'Point', coordinates: [107.95, 14.65] } },
      ],
    };
    const layer = await readOwnLayer('fibre', 'fibre.geojson', enc.encode(JSON.stringify(fibre)));
    expect(layer.layers.fibreRoutes!.features).toHaveLength(1);
    expect(layer.layers.fibrePoints!.features).toHaveLength(1);
    const back = readFibre(layer.layers.fibreRoutes as never);
    expect(back.routes[0]).toMatchObject({ id: 'r', operator: 'VNPT' });
    const settlements = 'lon,lat,households\n107.9,14.6,12\n';
    const s = await readOwnLayer('settlements', 's.csv', enc.encode(settlements));
    expect(readSettlements(s.layers.settlements as never).columns.weight[0]).toBe(12);
  });

  test('the drop dialog guesses the layer from the file name', () => {
    expect(guessKind('cell_towers_452.csv')).toBe('bts');
    expect(guessKind('cap-quang-kon-tum.geojson')).toBe('fibre');
    expect(guessKind('thon-ban.fgb')).toBe('villages');
    expect(guessKind('data.geojson')).toBeNull();
  });
});
