/**
 * The dense benchmark set of the CLI: the 3,000 villages nearest Cần Thơ from the sample generator
 * (with their settlements and fibre; ~5,000 km² of delta communes), and 7,800 BTS cells placed like a
 * city's: ~0.4 sites per km² of village area, radii 1.5–6 km, a share of sites with three 65°
 * sectors, 15 % shared by two operators, each with 4G cells and some 3G and 5G ones. Written once
 * as indexed FlatGeobuf into tests/bench/out/dense/<key>/ and reused while the seed and the
 * generator's sources are unchanged.
 *
 * Run as a script (`npx tsx tests/bench/dense-set.ts [seed]`) it builds the set and prints its folder.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature } from 'geojson';
import { generateRegion, type GeneratedBts } from '../../data/scripts/generate-region.ts';
import { areaM2, bboxOf, inMultiPolygon, type MultiPoly } from '../../data/scripts/geom.ts';
import { regionLayers } from '../../data/scripts/sample-files.ts';
import { writeFlatGeobuf } from '../../src/core/io/write-fgb.ts';
import { pick, streamFor, type Random } from '../../src/core/random.ts';
import { generatorHash, readCommunes, readRoads, type BenchSetFiles } from './national-set.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DENSE_OUT = join(REPO, 'tests/bench/out/dense');

/** Bump when the way this file makes the set changes. */
const LAYOUT_VERSION = 2;
export const DENSE_SEED = 1;
const VILLAGES = 3000;
const CELLS = 7800;
const SITES_PER_KM2 = 0.4;
const RADIUS_M: [number, number] = [1500, 6000];
/**
 * Panel antennas' usual opening; each sector's reach differs from its site's by up to ±15 % (tilt,
 * power). Three equal 120° sectors would close the circle and be merged into one disk.
 */
const BEAMWIDTH_DEG = 65;
const SECTOR_REACH_SPREAD = 0.15;
const SHARED_SITE_SHARE = 0.15;
/**
 * Ninh Kiều, Cần Thơ: the villages nearest it are taken. Around Hà Nội or Hồ Chí Minh City the
 * generator's 3,000 nearest villages cover only ~1,000 km², where 0.4 sites per km² is ~400 sites.
 */
const CENTRE: [number, number] = [105.78, 10.03];
const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'] as const;
const OPERATOR_WEIGHTS = [0.45, 0.3, 0.2, 0.05];
/** Each operator on a site has 4G cells, and 3G and 5G cells of their own with these chances. */
const EXTRA_TECHS: [GeneratedBts['tech'], number][] = [
  ['3G', 0.5],
  ['5G', 0.1],
];
const TECHS_PER_OPERATOR = 1 + EXTRA_TECHS.reduce((s, [, p]) => s + p, 0);

function weighted<T>(rnd: Random, items: readonly T[], weights: readonly number[]): T {
  let x = rnd() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x <= 0) return items[i];
  }
  return items[items.length - 1];
}

/** A uniform point of the villages' union: a village by area, then a point of it by rejection. */
function pointIn(rnd: Random, villages: readonly { geometry: MultiPoly; bbox: number[] }[], cumulative: Float64Array): [number, number] {
  const target = rnd() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  const v = villages[lo];
  for (;;) {
    const x = v.bbox[0] + rnd() * (v.bbox[2] - v.bbox[0]);
    const y = v.bbox[1] + rnd() * (v.bbox[3] - v.bbox[1]);
    if (inMultiPolygon(x, y, v.geometry)) return [x, y];
  }
}

/** Cells of city-like sites over the villages, exactly `CELLS` of them. */
function denseCells(seed: number, villages: readonly { geometry: MultiPoly }[]): { cells: GeneratedBts[]; sites: number; areaKm2: number; sectorShare: number } {
  const rnd = streamFor(seed, 'dense-bts');
  const withBox = villages.map((v) => ({ geometry: v.geometry, bbox: bboxOf(v.geometry) }));
  const cumulative = new Float64Array(villages.length);
  let areaKm2 = 0;
  villages.forEach((v, i) => {
    areaKm2 += areaM2(v.geometry) / 1e6;
    cumulative[i] = areaKm2;
  });
  // Cells per site = operators × technologies × (3 with sectors, else 1): the sector share that gives CELLS at the density.
  const sitesWanted = SITES_PER_KM2 * areaKm2;
  const perSite = CELLS / sitesWanted;
  const sectorShare = Math.min(1, Math.max(0, (perSite / ((1 + SHARED_SITE_SHARE) * TECHS_PER_OPERATOR) - 1) / 2));
  const cells: GeneratedBts[] = [];
  let sites = 0;
  while (cells.length < CELLS) {
    sites++;
    const [lon, lat] = pointIn(rnd, withBox, cumulative);
    const first = weighted(rnd, OPERATORS, OPERATOR_WEIGHTS);
    const operators = rnd() < SHARED_SITE_SHARE ? [first, pick(rnd, OPERATORS.filter((o) => o !== first))] : [first];
    const sectored = rnd() < sectorShare;
    const azimuth0 = Math.floor(rnd() * 120);
    for (const operator of operators) {
      for (const tech of ['4G' as const, ...EXTRA_TECHS.filter(([, p]) => rnd() < p).map(([t]) => t)]) {
        const siteRadiusM = RADIUS_M[0] + rnd() * (RADIUS_M[1] - RADIUS_M[0]);
        for (const az of sectored ? [azimuth0, azimuth0 + 120, azimuth0 + 240] : [null]) {
          if (cells.length === CELLS) break;
          const spread = az === null ? 1 : 1 + SECTOR_REACH_SPREAD * (2 * rnd() - 1);
          const radiusM = Math.min(RADIUS_M[1], Math.max(RADIUS_M[0], Math.round((siteRadiusM * spread) / 50) * 50));
          cells.push({
            id: `dense-${cells.length + 1}`,
            siteId: `site-${sites}`,
            operator,
            tech,
            lon,
            lat,
            radiusM,
            azimuthDeg: az,
            beamwidthDeg: az === null ? null : BEAMWIDTH_DEG,
            heightM: 30,
            bandMhz: tech === '5G' ? 3500 : tech === '3G' ? 2100 : 1800,
          });
        }
      }
    }
  }
  return { cells, sites, areaKm2, sectorShare };
}

function filesOf(dir: string, key: string): BenchSetFiles {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { counts: Record<string, number> };
  return { dir, key, villages: join(dir, 'villages.fgb'), bts: join(dir, 'bts.fgb'), settlements: join(dir, 'settlements.fgb'), fibre: join(dir, 'fibre.fgb'), counts: manifest.counts };
}

/** Builds the set into `dir` (~20 s). */
async function build(seed: number, dir: string): Promise<void> {
  const communes = await readCommunes();
  const roads = readRoads();
  const d = (c: { geometry: MultiPoly }): number => {
    const b = bboxOf(c.geometry);
    return Math.hypot((b[0] + b[2]) / 2 - CENTRE[0], (b[1] + b[3]) / 2 - CENTRE[1]);
  };
  // The communes nearest the centre, twice as many villages as needed, then the nearest villages.
  const near = communes.map((c) => ({ c, d: d(c) })).sort((a, b) => a.d - b.d);
  const region = generateRegion(near.slice(0, 400).map((x) => x.c), roads, { seed });
  const byDistance = region.villages.map((v, i) => ({ i, d: Math.hypot(v.centre[0] - CENTRE[0], v.centre[1] - CENTRE[1]) })).sort((a, b) => a.d - b.d);
  if (byDistance.length < VILLAGES) throw new Error(`the dense set needs ${VILLAGES} villages, the communes gave ${byDistance.length}`);
  const keep = new Set(byDistance.slice(0, VILLAGES).map((x) => x.i));
  const villages = region.villages.filter((_, i) => keep.has(i));
  const ids = new Set(villages.map((v) => v.id));
  const box = villages.map((v) => bboxOf(v.geometry)).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  const inBox = ([x, y]: number[]): boolean => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
  const { cells, sites, areaKm2, sectorShare } = denseCells(seed, villages);
  const layers = regionLayers({
    ...region,
    villages,
    settlements: region.settlements.filter((s) => ids.has(s.villageId)),
    bts: cells,
    fibreRoutes: region.fibreRoutes.filter((r) => r.coordinates.some(inBox)),
    fibrePoints: region.fibrePoints.filter((p) => inBox([p.lon, p.lat])),
  });
  const files: Record<string, Feature[]> = {
    villages: layers.villages.features,
    settlements: layers.settlements.features,
    bts: layers.bts.features,
    fibre: layers['fibre-routes'].features.concat(layers['fibre-points'].features),
  };
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const counts: Record<string, number> = {};
  for (const [name, features] of Object.entries(files)) {
    counts[name] = features.length;
    writeFileSync(join(tmp, `${name}.fgb`), writeFlatGeobuf(features, { name, metadata: JSON.stringify({ synthetic: true, seed, dense: true }) }));
  }
  counts.sites = sites;
  const stats = { areaKm2: Math.round(areaKm2), sitesPerKm2: Math.round((sites / areaKm2) * 1000) / 1000, sectorShare: Math.round(sectorShare * 1000) / 1000 };
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ seed, counts, stats }, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  process.stderr.write(`dense set written to ${dir}: ${JSON.stringify(counts)} ${JSON.stringify(stats)}\n`);
}

/** The dense set for `seed`: the cached files when present, else built (in this process) and cached. */
export async function ensureDenseSet(seed = DENSE_SEED, log: (s: string) => void = () => {}): Promise<BenchSetFiles> {
  const key = `seed-${seed}-v${LAYOUT_VERSION}-${generatorHash()}`;
  const dir = join(DENSE_OUT, key);
  if (!existsSync(join(dir, 'manifest.json'))) {
    log(`dense set ${key} not cached: generating it…`);
    await build(seed, dir);
  }
  return filesOf(dir, key);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await ensureDenseSet(Number(process.argv[2] ?? DENSE_SEED), (s) => process.stderr.write(`${s}\n`));
  process.stdout.write(`${files.dir}\n`);
}
