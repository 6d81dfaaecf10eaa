import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { LayerSlot } from '../../src/core/analysis/analysis-session.ts';
import type { GeoFeature } from '../../src/core/io/geojson-types.ts';
import { defaultParams } from '../../src/core/params.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { CoverageWorkerPool } from '../../src/core/analysis/worker-pool.ts';
import { createCoverageApi } from '../../workers/coverage-api.ts';
import { onThisThread } from '../helpers/on-this-thread.ts';
import { btsRecord, offset, randomVillageGeometry, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';
import { hgtName, mountainSurface, syntheticHgt } from '../helpers/synthetic-dem.ts';

/**
 * The coverage worker with an elevation model: files opened in the worker (a bad one named, the good
 * ones used), the same gap list as the in-thread analysis, a selected site's footprint and shadows
 * for the map, and hillshade tiles (Terrarium PNG) that decode back to the DEM. SYNTHETIC DEM.
 */

const LON0 = 107.5;
const LAT0 = 14.5;

function features(): Record<LayerSlot, GeoFeature[] | null> {
  const rnd = seededRandom(4);
  const villages = Array.from({ length: 12 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 4000);
    const v = villageRecord(`v${i}`, randomVillageGeometry(rnd, lon, lat, 600));
    return { type: 'Feature', properties: { id: v.id, name: v.name }, geometry: { type: 'MultiPolygon', coordinates: v.geometry } } as GeoFeature;
  });
  const bts = Array.from({ length: 8 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 4000);
    const b = btsRecord(`b${i}`, lon, lat, { radiusM: 3000, operator: i % 2 ? 'Viettel' : 'VinaPhone' });
    return { type: 'Feature', properties: { id: b.id, site_id: b.siteId, operator: b.operator, tech: b.tech, radius_m: 3000 }, geometry: { type: 'Point', coordinates: [lon, lat] } } as GeoFeature;
  });
  return { villages, bts, fibreRoutes: null, fibrePoints: null, settlements: null };
}

/** Decodes an 8-bit RGB PNG of one IDAT chunk (what demTile writes), filter 0 rows. */
function decodePng(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  let o = 8;
  let idat: Uint8Array = new Uint8Array(0);
  while (o < png.length) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    if (type === 'IDAT') idat = png.subarray(o + 8, o + 8 + len);
    o += 12 + len;
  }
  const raw = inflateSync(idat);
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(0);
    rgb.set(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3);
  }
  return { width, height, rgb };
}

describe('coverage worker with an elevation model', () => {
  test('opens DEM files, analyses on terrain, draws a site’s shadows and serves hillshade tiles', async () => {
    const api = createCoverageApi();
    const layers = features();
    for (const [slot, f] of Object.entries(layers)) api.setLayer(slot as LayerSlot, f);
    const surface = mountainSurface(17);
    const tile = syntheticHgt(107, 14, 1201, surface);
    const opened = await api.openDem([
      { name: hgtName(107, 14), bytes: tile },
      { name: 'broken.hgt', bytes: new Uint8Array(10) },
    ]);
    expect(opened.summary?.label).toBe('SRTM .hgt 3″, 93 m');
    expect(opened.errors).toHaveLength(1);
    expect(opened.errors[0]).toMatchObject({ name: 'broken.hgt', code: 'not-dem' });

    const params = defaultParams();
    const report = await api.analyse(params, { token: 1, workers: 1, chunk: 0 });
    expect(report.prepared.rebuilt).toContain('pack:terrain');
    const dem = new DemSet([readHgt(hgtName(107, 14), tile)]);
    const fc = (slot: LayerSlot) => ({ type: 'FeatureCollection', features: layers[slot] ?? [] }) as never;
    const { toAnalysisInput } = await import('../../src/app/analysis/run-coverage.ts');
    const input = toAnalysisInput({ villages: fc('villages'), bts: fc('bts'), fibreRoutes: null, fibrePoints: null, settlements: null });
    expect(report.result?.rows).toEqual(analyzeInThread({ ...input, dem }, params).rows);
    expect(report.result?.rows.every((r) => r.mobile_source.startsWith('predicted: terrain'))).toBe(true);

    // A classification change keeps the profiles and the measures.
    const again = await api.analyse({ ...params, coverageThreshold: 0.5 }, { token: 2, workers: 1, chunk: 0 });
    expect(again.prepared.computed).toBe(true);

    // A site cut by terrain: reached and shadow polygons around it.
    let shadowed = -1;
    for (let i = 0; i < 8 && shadowed < 0; i++) if (api.siteTerrain(`b${i}`).status === 'shadowed') shadowed = i;
    expect(shadowed).toBeGreaterThanOrEqual(0);
    const site = api.siteTerrain(`b${shadowed}`);
    expect(api.siteTerrain('no-such-site').status).toBe('not-broadband');
    expect(site.hidden).toBeGreaterThan(0);
    const geo = JSON.parse(new TextDecoder().decode(site.bytes!)) as { features: { properties: { kind: string }; geometry: { coordinates: number[][][][] } }[] };
    expect(geo.features.map((f) => f.properties.kind)).toEqual(['reached', 'shadow']);
    expect(geo.features[1].geometry.coordinates.length).toBeGreaterThan(0);

    // Hillshade: tile 13/… over the mast decodes to the DEM's elevations (Terrarium: R·256 + G + B/256 − 32768).
    const z = 13;
    const x = Math.floor(((LON0 + 180) / 360) * 2 ** z);
    const latRad = (LAT0 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * 2 ** z);
    const png = decodePng(api.demTile(z, x, y));
    expect([png.width, png.height]).toEqual([256, 256]);
    const lonAt = (px: number): number => ((x + (px + 0.5) / 256) / 2 ** z) * 360 - 180;
    const latAt = (py: number): number => (180 / Math.PI) * Math.atan(Math.sinh(Math.PI - (2 * Math.PI * (y + (py + 0.5) / 256)) / 2 ** z));
    for (const [px, py] of [[0, 0], [128, 77], [255, 255]]) {
      const o = (py * 256 + px) * 3;
      const h = png.rgb[o] * 256 + png.rgb[o + 1] + png.rgb[o + 2] / 256 - 32768;
      expect(Math.abs(h - dem.elevation(lonAt(px), latAt(py)))).toBeLessThan(1 / 256);
    }
    expect(api.demTile(13, 0, 0)).toHaveLength(0);

    // Removing the model: back to disks.
    await api.openDem([]);
    const plain = await api.analyse(params, { token: 3, workers: 1, chunk: 0 });
    expect(plain.result?.rows.every((r) => r.mobile_source === 'predicted: disk')).toBe(true);
    expect(api.siteTerrain(`b${shadowed}`).status).toBe('none');
  });

  test('on two workers (the app on terrain: a helper kept between runs) the gap list is the one-worker list, run after run', async () => {
    const layers = features();
    const tile = syntheticHgt(107, 14, 1201, mountainSurface(17));
    const one = createCoverageApi();
    const [holder, helper] = [createCoverageApi(), createCoverageApi()];
    for (const api of [one, holder]) {
      for (const [slot, f] of Object.entries(layers)) api.setLayer(slot as LayerSlot, f);
      await api.openDem([{ name: hgtName(107, 14), bytes: tile.slice() }]);
    }
    let handOvers = 0;
    const [holderThread, helperThread] = [holder, helper].map(onThisThread);
    const pool = new CoverageWorkerPool([holderThread, helperThread], {
      // What the app does: a channel between the two workers.
      handOver: async (from, to) => {
        if (from !== holderThread || to !== helperThread) throw new Error('only the holder hands over, to the helper');
        handOvers++;
        const { port1, port2 } = new MessageChannel();
        await Promise.all([helper.loadFrom(port2), holder.postPrepared(port1)]);
      },
    });
    const params = defaultParams();
    const runs = [params, { ...params, radiusM: { ...params.radiusM, '4G': 2600 } }, params, { ...params, coverageThreshold: 0.5 }];
    for (const [i, p] of runs.entries()) {
      const pooled = await pool.runHeld(p, { chunkSize: 3 });
      const alone = await one.analyse(p, { token: i + 1, workers: 1, chunk: 0 });
      expect(pooled.rows).toEqual(alone.result?.rows);
      expect(pooled.rows.some((r) => r.mobile_source.startsWith('predicted: terrain'))).toBe(true);
    }
    // The packed data went to the helper for each new footprint set, not for a classification change.
    expect(handOvers).toBe(3);
    // The holder answers for the map as after a one-worker run.
    expect(holder.siteTerrain('b0')).toEqual(one.siteTerrain('b0'));
  });
});
