import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readDem } from '../../src/core/terrain/read-dem.ts';
import { HGT_VOID, hgtCorner, readHgt, writeHgt } from '../../src/core/terrain/read-hgt.ts';
import { computeSiteProfile } from '../../src/core/terrain/site-profile.ts';
import { defaultTerrainParams } from '../../src/core/terrain/terrain-params.ts';
import { hgtName, mountainSurface, syntheticHgt, tileElevations } from '../helpers/synthetic-dem.ts';

/**
 * Reading elevation models: SRTM .hgt tiles (plain, zipped, several side by side, with voids) and
 * GeoTIFFs written by GDAL (gdal_translate, as Copernicus and SRTM GeoTIFFs are made). All SYNTHETIC.
 */

const dir = mkdtempSync(join(tmpdir(), 'vunglom-dem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const surface = mountainSurface(7);

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<InputError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the file to be refused');
}

describe('SRTM .hgt tiles', () => {
  it('reads a 3″ tile: corner from the name, big-endian posts north to south', () => {
    const bytes = syntheticHgt(107, 14, 1201, surface);
    const r = readHgt('N14E107.hgt', bytes);
    expect([r.width, r.height, r.west, r.north, r.format]).toEqual([1201, 1201, 107, 15, 'SRTM .hgt 3″']);
    const expected = tileElevations(107, 14, 1201, surface);
    for (const k of [0, 1, 1200, 600 * 1201 + 17, 1201 * 1201 - 1]) expect(r.data[k]).toBe(Math.round(expected[k]));
    // Post (row 0, col 0) is the north-west corner.
    expect(new DemSet([r]).elevation(107, 15)).toBe(Math.round(surface(107, 15)));
    expect(hgtCorner('s08w035.SRTMGL1.hgt.zip')).toEqual({ lon: -35, lat: -8 });
  });

  it('refuses a file of the wrong size or without its corner in the name, saying why', async () => {
    const short = await refusal(() => readHgt('N14E107.hgt', new Uint8Array(1000)));
    expect(short.code).toBe('not-dem');
    expect(short.message).toMatch(/N14E107\.hgt is 1,000 bytes; an SRTM tile is 2,884,802 bytes \(3″/);
    const nameless = await refusal(() => readHgt('tile.hgt', syntheticHgt(107, 14, 1201, surface)));
    expect(nameless.message).toMatch(/rename it to its south-west corner, e\.g\. N14E107\.hgt/);
    const other = await refusal(readDem('notes.txt', new TextEncoder().encode('hello')));
    expect(other.message).toMatch(/not an elevation model we read/);
  });

  it('fills small voids from their neighbours and keeps the core of a wide one unknown', () => {
    const side = 1201;
    const values = tileElevations(107, 14, side, () => 500);
    // A 3 × 3 void and a 41 × 41 void.
    for (let i = 100; i < 103; i++) for (let j = 100; j < 103; j++) values[i * side + j] = NaN;
    for (let i = 600; i < 641; i++) for (let j = 600; j < 641; j++) values[i * side + j] = NaN;
    const r = readHgt('N14E107.hgt', writeHgt(values, side));
    expect(r.voids).toBe(9 + 41 * 41);
    expect(r.filled).toBeLessThan(r.voids);
    expect(r.data[101 * side + 101]).toBe(500);
    expect(r.data[620 * side + 620]).toBe(HGT_VOID);
    const dem = new DemSet([r]);
    expect(dem.summary().voids - dem.summary().filled).toBe(25 * 25);
    // A mast whose reach crosses the unknown core keeps its disk: no profile over made-up ground.
    const lon = 107 + 620 / 1200;
    const lat = 15 - 620 / 1200;
    const made = computeSiteProfile(dem, { lon: lon + 0.03, lat, antennaM: 30, bandMhz: 0, radiusM: 3000 }, defaultTerrainParams());
    expect(made).toMatchObject({ reason: 'dem-voids' });
  });

  it('reads zipped tiles and mosaics neighbours across their shared edge', async () => {
    const zip = zipSync({ 'N14E107.hgt': syntheticHgt(107, 14, 1201, surface), 'N14E108.hgt': syntheticHgt(108, 14, 1201, surface) });
    const rasters = await readDem('kon-tum-srtm.zip', zip);
    expect(rasters.map((r) => r.source)).toEqual(['kon-tum-srtm.zip/N14E107.hgt', 'kon-tum-srtm.zip/N14E108.hgt']);
    const dem = new DemSet(rasters);
    const s = dem.summary();
    expect(s.extent).toEqual([107, 14, 109, 15]);
    expect(s.label).toBe('SRTM .hgt 3″, 93 m');
    // A window straddling 108°E equals the surface at its posts.
    const w = dem.window(107.99, 14.49, 108.01, 14.51);
    expect(w.missing).toBe(0);
    for (let i = 0; i < w.height; i += 5) {
      for (let j = 0; j < w.width; j += 3) {
        expect(w.data[i * w.width + j]).toBe(Math.round(surface(w.west + j * w.dLon, w.north - i * w.dLat)));
      }
    }
    // A mast on the edge between the tiles gets a profile from both.
    expect('reason' in computeSiteProfile(dem, { lon: 108, lat: 14.5, antennaM: 30, bandMhz: 0, radiusM: 3500 }, defaultTerrainParams())).toBe(false);
  });
});

describe('GeoTIFF DEMs (made with GDAL)', () => {
  const hgt = join(dir, hgtName(107, 14));
  writeFileSync(hgt, syntheticHgt(107, 14, 1201, surface));

  it('reads a deflate-compressed, tiled Float32 GeoTIFF ("pixel is area") at the same posts as the .hgt', async () => {
    const tif = join(dir, 'dem.tif');
    execFileSync('gdal_translate', ['-q', '-ot', 'Float32', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3', '-co', 'TILED=YES', hgt, tif]);
    const [r] = await readDem('dem.tif', new Uint8Array(readFileSync(tif)));
    const h = readHgt(hgtName(107, 14), new Uint8Array(readFileSync(hgt)));
    expect(r.width).toBe(1201);
    expect(Math.abs(r.west - 107)).toBeLessThan(1e-9);
    expect(Math.abs(r.north - 15)).toBeLessThan(1e-9);
    const a = new DemSet([r]);
    const b = new DemSet([h]);
    for (const [lon, lat] of [[107.2, 14.3], [107.5, 14.5], [107.91, 14.07]]) expect(a.elevation(lon, lat)).toBeCloseTo(b.elevation(lon, lat), 6);
    expect(a.summary().label).toBe('GeoTIFF 3″, 93 m');
  });

  it('refuses a GeoTIFF in a projected CRS with the gdalwarp line that converts it', async () => {
    const utm = join(dir, 'utm.tif');
    execFileSync('gdalwarp', ['-q', '-t_srs', 'EPSG:32648', '-tr', '90', '90', hgt, utm]);
    const error = await refusal(readDem('utm.tif', new Uint8Array(readFileSync(utm))));
    expect(error.message).toMatch(/utm\.tif is in EPSG:32648, not WGS84 longitude\/latitude; convert it with gdalwarp -t_srs EPSG:4326/);
  });

  it('refuses a damaged GeoTIFF', async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'dem.tif'))).slice(0, 2000);
    const error = await refusal(readDem('cut.tif', bytes));
    expect(error.code).toBe('not-dem');
  });
});
