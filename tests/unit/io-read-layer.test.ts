import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import { type RangeServer, startRangeServer } from '../helpers/range-server.ts';
import { settlementRecords } from '../../src/core/settlement-columns.ts';

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(dir + name));

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected a rejection');
}

describe('readLayer', () => {
  it('reads OpenCelliD bytes as BTS', async () => {
    const r = await readLayer('bts', { name: 'cells.csv', bytes: bytes('opencellid_lesotho.csv') });
    expect(r.format).toBe('csv-opencellid');
    expect(r.records).toHaveLength(1936);
  });

  it('reads GeoJSON bytes as villages, keeping every one', async () => {
    const r = await readLayer('villages', { name: 'w.geojson', bytes: bytes('wards-2025-invalid.geojson') });
    expect(r.format).toBe('geojson');
    expect(r.records).toHaveLength(76);
  });

  it('reads a generic CSV as settlements with the user mapping', async () => {
    const csv = new TextEncoder().encode('E;N;people\n107,5;14,5;250\n');
    const r = await readLayer('settlements', { name: 's.csv', bytes: csv }, { mapping: { lon: 'E', lat: 'N', population: 'people' } });
    expect(settlementRecords(r.columns)).toEqual([{ id: 'line-2', lon: 107.5, lat: 14.5, weight: 250 }]);
  });

  it('refuses the wrong layer shape through the same path', async () => {
    const e = await rejection(readLayer('villages', { name: 'n.geojson', bytes: bytes('watra_fibre_nodes.geojson') }));
    expect(e.code).toBe('wrong-geometry');
  });

  it('refuses a layer from which no record could be read, with the real reasons (exit 2 in the CLI, a notice in the app)', async () => {
    const enc = new TextEncoder();
    // Every row rejected: a technology no spelling names, and coordinates that are no number.
    const csv = 'lon,lat,operator,tech\n107.9,14.7,Viettel,6G\n"107.9x","14.7",Viettel,4G\n';
    const e = await rejection(readLayer('bts', { name: 'sites.csv', bytes: enc.encode(csv) }));
    expect(e.code).toBe('no-records');
    expect(e.message).toMatch(/^sites\.csv: no BTS sites could be read from it \(all 2 rows were skipped; line 2: technology "6G" is not one of .*; line 3: longitude: "107\.9x" is not a coordinate/);
    expect(e.message).not.toMatch(/no column/);
    expect(e.message).not.toMatch(/\n/);
    const empty = await rejection(readLayer('settlements', { name: 'none.geojson', bytes: enc.encode('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[107,14],[108,15]]}}]}') }));
    expect(empty.code).toBe('no-records');
    expect(empty.message).toMatch(/none\.geojson: no settlements could be read from it \(its one row was skipped; feature 0: a settlement must be a point, this is MultiPoint/);
  });

  it('refuses a FlatGeobuf cut in its features instead of reading fewer villages', async () => {
    const whole = new Uint8Array(readFileSync(fileURLToPath(new URL('../../public/data/kon-tum/villages.fgb', import.meta.url))));
    const e = await rejection(readLayer('villages', { name: 'villages.fgb', bytes: whole.slice(0, Math.floor(whole.length * 0.8)) }));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/^villages\.fgb is cut short: it ends at byte \d+, inside feature \d+ of 824/);
  });

  it('refuses a file over the limit before parsing', async () => {
    const e = await rejection(readLayer('fibre', { name: 'l.geojson', bytes: bytes('watra_fibre_lines.geojson') }, { maxBytes: 1000 }));
    expect(e.code).toBe('too-large');
  });

  describe('by URL', () => {
    let server: RangeServer;
    beforeAll(async () => {
      server = await startRangeServer(dir);
    });
    afterAll(async () => {
      await server.close();
    });

    it('reads FlatGeobuf by bbox and other formats whole, filtered by the same box', async () => {
      const rect = { minX: 107.25, minY: 14.25, maxX: 107.55, maxY: 14.45 };
      const fgb = await readLayer('bts', { url: `${server.url}/fgb/grid-points-indexed.fgb` }, { rect });
      expect(fgb.format).toBe('fgb');
      expect(fgb.records.map((b) => b.id).sort()).toEqual(['p34', 'p35', 'p44', 'p45', 'p54', 'p55']);
      const gj = await readLayer('bts', { url: `${server.url}/fgb/grid-points.geojson` }, { rect });
      expect(gj.format).toBe('geojson');
      expect(gj.records.map((b) => b.id).sort()).toEqual(['p34', 'p35', 'p44', 'p45', 'p54', 'p55']);
    });

    it('reads FlatGeobuf whole while it arrives, by its bytes whatever its name, and the same records as from bytes', async () => {
      const fromBytes = await readLayer('settlements', { name: 'g.fgb', bytes: bytes('fgb/grid-900-indexed.fgb') });
      const streamed = await readLayer('settlements', { url: `${server.url}/fgb/grid-900-indexed.fgb` });
      expect(streamed.format).toBe('fgb');
      expect(streamed.columns).toEqual(fromBytes.columns);
      expect(streamed.columns.ids).toHaveLength(900);
      const noIndex = await readLayer('bts', { url: `${server.url}/fgb/grid-points-no-index.fgb`, name: 'sites.bin' });
      expect(noIndex.format).toBe('fgb');
      expect(noIndex.records).toHaveLength(100);
    });

    it('reports a missing file as an HTTP error', async () => {
      const e = await rejection(readLayer('bts', { url: `${server.url}/missing.geojson` }));
      expect(e.code).toBe('http-error');
      expect(e.params.status).toBe(404);
    });
  });
});
