import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { placeSites } from '../../src/core/unit-kpis.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import { readFgb } from '../../src/core/io/read-fgb.ts';
import { defaultParams } from '../../src/core/params.ts';
import type { LayerSlot } from '../../src/core/analysis/analysis-session.ts';
import { createCoverageApi } from '../../workers/coverage-api.ts';
import { growRect, villagesInRect } from '../../src/core/analysis/session-views.ts';
import { geodesicDirect } from '../../src/core/geo/geodesic.ts';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';
import { KON_TUM, SAMPLE_FILES } from '../helpers/kon-tum.ts';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { MARKS_LAYER } from '../../src/core/output/mark-tiles.ts';

/** The lon/lat box of a multipolygon. */
function geojsonBox(geometry: number[][][][]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of geometry) for (const ring of polygon) for (const [x, y] of ring) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }
  return b;
}

/**
 * The path of a set too large for the page: the coverage worker reads the layers by URL itself
 * (over HTTP range requests), runs lean (the page gets only the KPIs), and hands out the gap rows
 * page by page, the villages of a viewport, the marks, a village's context, the district table
 * and the export file. Each must equal what the full path gives.
 */

const K = resolve(KON_TUM);
const FILES = SAMPLE_FILES;

let server: RangeServer;
beforeAll(async () => {
  server = await startRangeServer(K);
});
afterAll(async () => {
  await server.close();
});

async function features(slot: LayerSlot): Promise<GeoFeature[]> {
  return (await readFgb(new Uint8Array(readFileSync(`${K}/${FILES[slot]}.fgb`)))).features;
}

describe('coverage worker, layers read by URL and a lean run', () => {
  test('read in the worker = sent by the page; lean result pages back to the same gap list', async () => {
    const params = defaultParams();
    const sent = createCoverageApi();
    for (const slot of Object.keys(FILES) as LayerSlot[]) sent.setLayer(slot, await features(slot));
    const full = (await sent.analyse(params, { token: 1, workers: 1, chunk: 0 })).result!;

    const read = createCoverageApi();
    for (const slot of Object.keys(FILES) as LayerSlot[]) {
      const opened = await read.openLayer(slot, { url: `${server.url}/${FILES[slot]}.fgb` });
      expect(opened, slot).toMatchObject({ count: (await features(slot)).length });
      if (slot === 'villages') expect(opened).toMatchObject({ provinces: ['Kon Tum'], bbox: [expect.closeTo(107.4, 0), expect.closeTo(13.9, 0), expect.closeTo(108.5, 0), expect.closeTo(15.4, 0)] });
    }
    const lean = (await read.analyse(params, { token: 1, workers: 1, chunk: 0, lean: true })).result!;
    expect(lean.rows).toEqual([]);
    expect(lean.geometries).toEqual([]);
    expect(lean.sites.sites).toEqual([]);
    expect(lean.kpis).toEqual(full.kpis);
    const paged = [...read.gapRows(0, 500), ...read.gapRows(500, 10_000)];
    expect(paged).toEqual(full.rows);
    expect(read.sitePlacement()).toEqual(placeSites(full.sites.sites, full.geometries));

    // The export written in the worker is the page's export, byte for byte (bar the creation time).
    const sources = [{ role: 'villages' as const, name: 'villages.fgb', bytes: new Uint8Array([1, 2, 3]) }];
    const csv = await read.gapFile('csv', { gapsOnly: true, sources, region: 'Kon Tum' });
    expect(csv.name).toMatch(/^vunglom-gaps-only-kon-tum-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(String(csv.data).split('\n').length - 2).toBe(full.rows.filter((r) => r.gap !== 'none').length);
    const geojson = JSON.parse(String((await read.gapFile('geojson', { gapsOnly: false, sources, region: 'Kon Tum' })).data));
    expect(geojson.features).toHaveLength(full.rows.length);
    expect(geojson.features[7].geometry.coordinates).toEqual(full.geometries[7]);
    expect(geojson.vunglom.kpis).toEqual(full.kpis);

    // The villages of a viewport carry their index as id and their result as properties.
    const { bytes, shown, total } = read.viewVillages({ minX: 107.9, minY: 14.3, maxX: 108.2, maxY: 14.6 }, 50);
    const view = JSON.parse(new TextDecoder().decode(bytes));
    expect(shown).toBe(Math.min(50, total));
    expect(total).toBeGreaterThan(0);
    for (const f of view.features) {
      expect(f.properties.id).toBe(full.rows[f.id].id);
      expect(f.properties.gap).toBe(full.rows[f.id].gap);
      expect(f.geometry.coordinates).toEqual(full.geometries[f.id]);
    }
    // The dots: the world tile holds every village once, with its index and gap class.
    const world = new VectorTile(new PbfReader(read.markTile(0, 0, 0))).layers[MARKS_LAYER];
    expect(world.length).toBe(full.rows.length);
    const gaps = Array.from({ length: world.length }, (_, k) => world.feature(k)).map((f) => [f.id, f.properties.gap]);
    expect(gaps).toEqual(full.rows.map((r, i) => [i, r.gap]));
    // A zoom-10 tile holds exactly the villages whose dot falls in it (or within its margin), where it falls.
    const [lon, lat] = [107.9, 14.6];
    const n = 2 ** 10;
    const tx = Math.floor(((lon + 180) / 360) * n);
    const ty = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
    const tile = new VectorTile(new PbfReader(read.markTile(10, tx, ty))).layers[MARKS_LAYER];
    expect(tile.length).toBeGreaterThan(0);
    for (let k = 0; k < tile.length; k++) {
      const f = tile.feature(k);
      const [[p]] = f.loadGeometry();
      expect(p.x).toBeGreaterThanOrEqual(-64);
      expect(p.x).toBeLessThanOrEqual(4096 + 64);
      const g = f.toGeoJSON(tx, ty, 10).geometry as { coordinates: number[] };
      const row = geojsonBox(full.geometries[Number(f.id)]);
      expect(g.coordinates[0]).toBeGreaterThanOrEqual(row[0] - 1e-4);
      expect(g.coordinates[0]).toBeLessThanOrEqual(row[2] + 1e-4);
      expect(g.coordinates[1]).toBeGreaterThanOrEqual(row[1] - 1e-4);
      expect(g.coordinates[1]).toBeLessThanOrEqual(row[3] + 1e-4);
    }
    expect(read.markTile(10, 0, 0).byteLength).toBe(0);

    const context = read.villageContext(3, 20_000);
    expect(context.geometry).toEqual(full.geometries[3]);
    expect(context.bts.length).toBeGreaterThan(0);
  });

  test('a file that cannot be read leaves the slot empty and says why', async () => {
    const api = createCoverageApi();
    const opened = await api.openLayer('bts', { url: `${server.url}/missing.fgb` });
    expect(opened).toMatchObject({ error: { code: expect.any(String), message: expect.stringContaining('missing.fgb') } });
  });
});

describe('session views', () => {
  test('villagesInRect counts every village meeting the box but returns at most the limit', () => {
    const square = (x: number): [number, number][][][] => [[[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]];
    const villages = [0, 2, 4, 6].map((x, i) => ({ id: `v${i}`, name: `V${i}`, commune: null, district: null, province: null, population: 1, households: 1, centre: null, geometry: square(x) }));
    const { collection, total } = villagesInRect(villages, null, { minX: 1.5, minY: 0.5, maxX: 6.5, maxY: 0.6 }, 2);
    expect(total).toBe(3);
    expect(collection.features.map((f) => (f as { id: number }).id)).toEqual([1, 2]);
  });

  test('growRect grows by metres on every side: every point that far away is inside, with little to spare', () => {
    const rect = { minX: 108, minY: 14, maxX: 108.2, maxY: 14.1 };
    const r = growRect(rect, 1113.2);
    for (let azimuth = 0; azimuth < 360; azimuth += 15) {
      for (const [lon, lat] of [[rect.minX, rect.minY], [rect.maxX, rect.maxY], [rect.minX, rect.maxY], [rect.maxX, rect.minY]]) {
        const [x, y] = geodesicDirect(lon, lat, azimuth, 1113.2);
        expect(x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY, `${azimuth}°`).toBe(true);
      }
    }
    expect(r.maxY - rect.maxY).toBeLessThan(0.0102);
    expect(r.maxX - rect.maxX).toBeLessThan(0.0106);
  });
});
