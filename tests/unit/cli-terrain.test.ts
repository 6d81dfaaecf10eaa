import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/core/model.ts';
import { vunglom } from '../helpers/run-cli.ts';
import { localSurfaceTile } from '../helpers/synthetic-dem.ts';

/**
 * `--dem`, `--terrain-cache` and the terrain assumptions of `--config` on the command line, on a
 * SYNTHETIC 3″ tile: a village behind a 150 m ridge from the only mast.
 */

const dir = mkdtempSync(join(tmpdir(), 'vunglom-cli-terrain-'));
const LON0 = 107.5;
const LAT0 = 14.5;
const tile = localSurfaceTile(LON0, LAT0, 1201, (x) => 500 + 150 * Math.max(0, 1 - Math.abs(x - 1000) / 150));
const demPath = join(dir, tile.name);
writeFileSync(demPath, tile.bytes);
const at = (x: number, y: number): Position => [LON0 + x / tile.mx, LAT0 + y / tile.my];
const square = (x0: number, x1: number): Position[] => [at(x0, -400), at(x1, -400), at(x1, 400), at(x0, 400), at(x0, -400)];
const villages = join(dir, 'villages.geojson');
writeFileSync(
  villages,
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'behind', name: 'Behind the ridge' }, geometry: { type: 'Polygon', coordinates: [square(1600, 2400)] } },
      { type: 'Feature', properties: { id: 'open', name: 'Open side' }, geometry: { type: 'Polygon', coordinates: [square(-2400, -1600)] } },
    ],
  }),
);
const bts = join(dir, 'bts.csv');
writeFileSync(bts, `id,operator,tech,lon,lat,radius_m,height_m\nmast,Viettel,4G,${LON0},${LAT0},3500,30\n`);
const layers = ['--villages', villages, '--bts', bts];

interface Row {
  id: string;
  mobile_covered: boolean;
  reasons: string[];
  mobile_source: string;
  mobile_shadow_fraction: number | null;
}

function rows(path: string): { rows: Row[]; meta: { inputs: { role: string }[]; params: { terrain: { receiverHeightM: number } } } } {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as { features: { properties: Row }[]; vunglom: { inputs: { role: string }[]; params: { terrain: { receiverHeightM: number } } } };
  return { rows: fc.features.map((f) => f.properties), meta: fc.vunglom };
}

describe('the command line with an elevation model', () => {
  it('analyze --dem: the village behind the ridge is a terrain-shadow gap; profiles are kept in --terrain-cache', () => {
    const out = join(dir, 'gaps.geojson');
    const cache = join(dir, 'terrain.cache');
    const first = vunglom(['analyze', ...layers, '--dem', demPath, '--terrain-cache', cache, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/DEM SRTM \.hgt 3″, 93 m, 107, 14, 108, 15 \(.*N14E107\.hgt\)/);
    expect(first.stderr).toMatch(/^terrain: 1 masts profiled; 1 footprints cut by terrain, 0 clear$/m);
    const { rows: r, meta } = rows(out);
    const behind = r.find((x) => x.id === 'behind')!;
    expect(behind.mobile_covered).toBe(false);
    expect(behind.reasons).toContain('terrain-shadow');
    expect(behind.mobile_shadow_fraction).toBeGreaterThan(0.99);
    expect(r.find((x) => x.id === 'open')!.mobile_covered).toBe(true);
    expect(r.every((x) => x.mobile_source === 'predicted: terrain (SRTM .hgt 3″, 93 m)')).toBe(true);
    expect(meta.inputs.map((i) => i.role)).toContain('dem');
    expect(existsSync(cache)).toBe(true);
    // The second run reads the profile from the file.
    const second = vunglom(['analyze', ...layers, '--dem', demPath, '--terrain-cache', cache, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^terrain: 0 masts profiled, 1 from the cache;/m);
    // Without the DEM, the radius covers both.
    const plain = vunglom(['analyze', ...layers, '--out', out]);
    expect(plain.stderr).not.toMatch(/DEM/);
    expect(rows(out).rows.every((x) => x.mobile_covered && x.mobile_source === 'predicted: disk' && x.mobile_shadow_fraction === null)).toBe(true);
  });

  it('terrain assumptions come from --config, and a bad one or a bad DEM file is refused in one line', () => {
    const out = join(dir, 'gaps2.geojson');
    const config = join(dir, 'terrain.json');
    writeFileSync(config, JSON.stringify({ terrain: { receiverHeightM: 10, kFactor: 1 } }));
    const ok = vunglom(['analyze', ...layers, '--dem', demPath, '--config', config, '--out', out]);
    expect(ok.code).toBe(0);
    expect(rows(out).meta.params.terrain.receiverHeightM).toBe(10);
    writeFileSync(config, JSON.stringify({ terrain: { receiverHeightM: 100 } }));
    const bad = vunglom(['analyze', ...layers, '--dem', demPath, '--config', config, '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/terrain\.json: "terrain\.receiverHeightM" must be a number from 0 to 30 m, got 100\.$/);
    const notDem = join(dir, 'N14E107.hgt.txt');
    writeFileSync(notDem, 'not an elevation model');
    const refused = vunglom(['analyze', ...layers, '--dem', notDem, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/N14E107\.hgt\.txt is not an elevation model we read/);
  });

  it('plan --dem: proposals carry the antenna height', () => {
    const out = join(dir, 'plan.geojson');
    const r = vunglom(['plan', ...layers, '--dem', demPath, '--operator', 'Viettel', '--target', '1', '--out', out]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { height_m: number; villages_gained: number } }[] };
    expect(plan.features.length).toBeGreaterThan(0);
    expect(plan.features.every((f) => f.properties.height_m === 30)).toBe(true);
  });
});
