import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { readLayer, type LayerKind, type ReadLayerOptions } from '../../src/core/io/read-layer.ts';
import type { GapRow } from '../../src/core/output/gap-row.ts';
import { defaultParams } from '../../src/core/params.ts';

/**
 * The Vietnamese-format fixtures (tests/fixtures/formats, made by make-fixtures.sh) give, village by
 * village, the same gap list as the same data as plain WGS84 GeoJSON and CSV: classes and names
 * exactly, fractions within 1e-6, distances within 1 cm.
 */

const F = 'tests/fixtures/formats';

async function read<K extends LayerKind>(kind: K, name: string, options: ReadLayerOptions = {}) {
  const path = name.startsWith('public/') ? name : `${F}/${name}`;
  return readLayer(kind, { name, bytes: new Uint8Array(readFileSync(path)) }, options);
}

async function inputs(files: { villages: [string, ReadLayerOptions?]; bts: string; fibre: string; settlements: string }): Promise<AnalysisInput> {
  const fibre = await read('fibre', files.fibre);
  return {
    villages: (await read('villages', files.villages[0], files.villages[1])).records,
    bts: (await read('bts', files.bts)).records,
    fibreRoutes: fibre.routes,
    fibrePoints: fibre.points,
    settlements: (await read('settlements', files.settlements)).columns,
  };
}

const FRACTIONS = ['mobile_area_fraction', 'mobile_pop_fraction', 'ftth_fraction'] as const;
const DISTANCES = ['nearest_bts_m', 'nearest_fibre_m'] as const;

function expectSameRows(got: readonly GapRow[], want: readonly GapRow[]): void {
  expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
  got.forEach((g, i) => {
    const w = want[i];
    const at = `village ${w.id} (${w.name})`;
    expect(g.name, at).toBe(w.name);
    expect([g.district, g.province, g.population, g.status, g.gap, g.mobile_covered, g.ftth_covered, g.mobile_centre_covered], at)
      .toEqual([w.district, w.province, w.population, w.status, w.gap, w.mobile_covered, w.ftth_covered, w.mobile_centre_covered]);
    expect([...g.mobile_operators].sort(), at).toEqual([...w.mobile_operators].sort());
    for (const k of FRACTIONS) {
      if (w[k] === null) expect(g[k], `${at} ${k}`).toBeNull();
      else expect(Math.abs((g[k] as number) - (w[k] as number)), `${at} ${k}`).toBeLessThanOrEqual(1e-6);
    }
    for (const k of DISTANCES) {
      if (w[k] === null) expect(g[k], `${at} ${k}`).toBeNull();
      else expect(Math.abs((g[k] as number) - (w[k] as number)), `${at} ${k}`).toBeLessThanOrEqual(0.01);
    }
  });
}

describe('Vietnamese formats give the same gap list as plain WGS84', () => {
  let reference: GapRow[];
  beforeAll(async () => {
    reference = analyzeInThread(await inputs({
      villages: ['kon-tum-communes-wgs84.geojson'],
      bts: 'bts-sites-wgs84.csv',
      fibre: 'fibre-routes-wgs84.geojson',
      settlements: 'public/data/kon-tum/settlements.fgb',
    }), defaultParams()).rows;
  });

  it('has a reference with every kind of gap in it', () => {
    expect(reference).toHaveLength(102);
    expect(new Set(reference.map((r) => r.gap)).size).toBeGreaterThanOrEqual(3);
  });

  it('VN-2000 shapefile (UTF-8, ESRI .prj), Excel site list in DMS, KMZ fibre, VN-2000 FlatGeobuf settlements', async () => {
    const rows = analyzeInThread(await inputs({
      villages: ['communes-vn2000-utf8.zip'],
      bts: 'bts-sites.xlsx',
      fibre: 'fibre-routes.kmz',
      settlements: 'settlements-vn2000.fgb',
    }), defaultParams()).rows;
    expectSameRows(rows, reference);
  });

  it('VN-2000 shapefile with TCVN3 names and no .cpg, ;-separated Windows-1258 CSV with decimal commas', async () => {
    const rows = analyzeInThread(await inputs({
      villages: ['communes-vn2000-tcvn3.zip'],
      bts: 'bts-sites-semicolon.csv',
      fibre: 'fibre-routes-wgs84.geojson',
      settlements: 'public/data/kon-tum/settlements.fgb',
    }), defaultParams()).rows;
    expectSameRows(rows, reference);
  });

  it('VN-2000 shapefile without .prj and the CRS given, KML site list', async () => {
    const rows = analyzeInThread(await inputs({
      villages: ['communes-vn2000-noprj.zip', { crs: 'EPSG:9216' }],
      bts: 'bts-sites.kml',
      fibre: 'fibre-routes.kmz',
      settlements: 'public/data/kon-tum/settlements.fgb',
    }), defaultParams()).rows;
    expectSameRows(rows, reference);
  });
});
