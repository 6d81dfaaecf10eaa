/**
 * PostGIS on the same inputs, the common way: disks as `ST_Buffer(geography, r, 'quad_segs=64')`,
 * sectors as polygons of `ST_Project` points (the same 256 steps per full turn), a GiST index,
 * `&&` + `ST_Intersects` prefilter, `ST_Union` of the footprints per village, then
 * area(village ∩ union) / area(village) on the spheroid (geography). Two parallel workers allowed.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VillageRecord } from '../../src/core/model.ts';
import {
  FOOTPRINT_STRIDE,
  FP_BEARING_FROM,
  FP_BEARING_TO,
  FP_LAT,
  FP_LON,
  FP_RADIUS,
  type PackedFootprints,
} from '../../src/core/coverage/packed-footprints.ts';
import type { PostgisPeer } from './postgis-peer.ts';

export interface PostgisBenchResult {
  /** Building the footprint polygons and their GiST index (ms). */
  footprintsMs: number;
  /** The per-village union, intersection and area query (ms). */
  queryMs: number;
  totalMs: number;
  /** Whether the query plan used parallel workers (EXPLAIN shows a Gather). */
  parallel: boolean;
  /** Area fraction per village index (NaN where the village is invalid or was not computed). */
  areaFraction: Float64Array;
}

/** WKT of a MultiPolygon (rings as given: closed). */
function multiPolygonWkt(geometry: VillageRecord['geometry']): string {
  return `MULTIPOLYGON(${geometry.map((poly) => `(${poly.map((ring) => `(${ring.map(([x, y]) => `${x} ${y}`).join(',')})`).join(',')})`).join(',')})`;
}

const SETTINGS = `SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET jit = off;
`;

/** The per-village query (also used for EXPLAIN). */
const QUERY = `SELECT v.id,
       CASE WHEN u.g IS NULL THEN 0
            ELSE ST_Area(ST_Intersection(v.geom, u.g)::geography) / ST_Area(v.geom::geography) END AS frac
FROM bench_villages v
LEFT JOIN LATERAL (
  SELECT ST_Union(f.geom) AS g FROM bench_fp f WHERE f.geom && v.geom AND ST_Intersects(f.geom, v.geom)
) u ON true`;

/**
 * Loads the villages and broadband footprints into the peer (untimed), then times building the
 * footprints and the query with psql's \timing.
 */
export function benchPostgis(
  peer: PostgisPeer,
  villages: readonly VillageRecord[],
  footprints: PackedFootprints,
  log: (s: string) => void,
): PostgisBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'vunglom-bench-pg-'));
  chmodSync(dir, 0o755);
  try {
    const vFile = join(dir, 'villages.tsv');
    const lines: string[] = [];
    villages.forEach((v, i) => {
      if (!v.invalidReason && v.geometry.length > 0) lines.push(`${i}\tSRID=4326;${multiPolygonWkt(v.geometry)}`);
    });
    writeFileSync(vFile, lines.join('\n') + '\n');
    const fFile = join(dir, 'footprints.tsv');
    const fl: string[] = [];
    const d = footprints.data;
    for (let f = 0; f < footprints.count; f++) {
      const o = f * FOOTPRINT_STRIDE;
      const from = d[o + FP_BEARING_FROM];
      const to = d[o + FP_BEARING_TO];
      fl.push([f, d[o + FP_LON], d[o + FP_LAT], d[o + FP_RADIUS], Number.isNaN(from) ? '\\N' : from, Number.isNaN(to) ? '\\N' : to].join('\t'));
    }
    writeFileSync(fFile, fl.join('\n') + '\n');
    chmodSync(vFile, 0o644);
    chmodSync(fFile, 0o644);
    log(`  postgis: loading ${lines.length} villages and ${footprints.count} footprints…`);
    peer.sql(`DROP TABLE IF EXISTS bench_villages, bench_fp_in, bench_fp, bench_res;
CREATE TABLE bench_villages (id int PRIMARY KEY, geom geometry(MultiPolygon, 4326));
CREATE TABLE bench_fp_in (id int, lon float8, lat float8, r float8, bfrom float8, bto float8);
\\copy bench_villages FROM '${vFile}'
\\copy bench_fp_in FROM '${fFile}'
ANALYZE bench_villages; ANALYZE bench_fp_in;`);

    log('  postgis: footprints (ST_Buffer geography quad_segs=64, ST_Project sectors) + GiST index…');
    const fp = peer.timed(`${SETTINGS}
CREATE TABLE bench_fp AS
SELECT s.id,
  CASE WHEN s.bfrom IS NULL THEN ST_Buffer(s.site::geography, s.r, 'quad_segs=64')::geometry
  ELSE ST_MakePolygon(ST_MakeLine(ARRAY[s.site] || ARRAY(
         SELECT ST_Project(s.site::geography, s.r, radians(s.bfrom + s.open * k / s.n))::geometry
         FROM generate_series(0, s.n) AS k ORDER BY k) || ARRAY[s.site]))
  END AS geom
FROM (
  SELECT id, r, bfrom, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS site, o.open,
         greatest(1, ceil(256 * o.open / 360))::int AS n
  FROM bench_fp_in
  CROSS JOIN LATERAL (SELECT CASE WHEN bfrom IS NULL THEN 360 ELSE (bto - bfrom + 720)::numeric % 360 END::float8 AS open) o
) s;
CREATE INDEX bench_fp_gix ON bench_fp USING gist (geom);
ANALYZE bench_fp;`);
    const footprintsMs = fp.ms.reduce((a, b) => a + b, 0);

    const plan = peer.sql(`${SETTINGS}EXPLAIN ${QUERY};`);
    const parallel = /Gather/.test(plan);
    log(`  postgis: per-village union + intersection + geography area (${parallel ? 'parallel plan' : 'serial plan'})…`);
    const q = peer.timed(`${SETTINGS}CREATE TABLE bench_res AS ${QUERY};`);
    const queryMs = q.ms.reduce((a, b) => a + b, 0);

    const areaFraction = new Float64Array(villages.length).fill(NaN);
    for (const line of peer.sql('SELECT id, frac FROM bench_res;').split('\n')) {
      if (!line) continue;
      const [id, frac] = line.split('|');
      areaFraction[Number(id)] = Number(frac);
    }
    peer.sql('DROP TABLE IF EXISTS bench_villages, bench_fp_in, bench_fp, bench_res;');
    return { footprintsMs, queryMs, totalMs: footprintsMs + queryMs, parallel, areaFraction };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
