import { describe, expect, it } from 'vitest';
import { parseCount } from '../../src/core/io/layer-input.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';

describe('counts (population, households)', () => {
  it('reads thousands as Vietnamese writes them, never as decimals', () => {
    const cases: [unknown, number | undefined][] = [
      ['1.234', 1234], ['12.345.678', 12345678], ['1,234', 1234], ['12 345', 12345], ['12\u00a0345', 12345], ['1234', 1234], [12, 12],
      // Not grouped by threes: read as before (a decimal comma or point).
      ['1,5', 1.5], ['1.5', 1.5], ['', undefined],
    ];
    for (const [text, n] of cases) expect([text, parseCount(text)]).toEqual([text, n]);
    expect(parseCount('1.234,5')).toBeNaN();
    expect(parseCount('1.234.56')).toBeNaN();
  });

  it('gives a settlement "1.234" people a weight of 1,234 and a village "12.345" people, with no issue', async () => {
    const settlements = await readLayer('settlements', { name: 'pop.csv', bytes: new TextEncoder().encode('id,lon,lat,population,households\na,107.95,14.35,"1.234",\nb,107.96,14.36,,"1.020"\n') });
    expect([...settlements.columns.weight]).toEqual([1234, 1020]);
    expect(settlements.issues).toEqual([]);
    const square = [[[107.9, 14.3], [108.0, 14.3], [108.0, 14.4], [107.9, 14.4], [107.9, 14.3]]];
    const villages = await readLayer('villages', { name: 'v.geojson', bytes: new TextEncoder().encode(JSON.stringify({
      type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'v', 'Dân số': '12.345', 'Số hộ': '3.087' }, geometry: { type: 'Polygon', coordinates: square } }],
    })) });
    expect(villages.records.map((v) => [v.population, v.households])).toEqual([[12345, 3087]]);
  });
});

describe('whole BTS values', () => {
  it('reads a radius "3.500" m and a band "1.800" MHz as thousands; a decimal height stays decimal', async () => {
    const read = await readLayer('bts', { name: 'b.csv', bytes: new TextEncoder().encode('id;lon;lat;operator;tech;radius_m;band_mhz;height_m\nS1;107,9;14,6;Viettel;4G;3.500;1.800;35,5\n') });
    expect(read.records.map((r) => [r.radiusM, r.bandMhz, r.heightM])).toEqual([[3500, 1800, 35.5]]);
    expect(read.issues).toEqual([]);
  });
});
