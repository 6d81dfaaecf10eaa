/**
 * The national synthetic benchmark set: all 11,163 real communes (public/data/vn/communes-2009.fgb)
 * and the national backbone roads (data/sources/roads-backbone-vn.geojson) through the sample
 * generator, written once as indexed FlatGeobuf into tests/bench/out/national/<key>/ and reused
 * while the seed and the generator's sources are unchanged.
 *
 * Run as a script (`npx tsx tests/bench/national-set.ts [seed]`) it builds the set in its own
 * process, so the benchmark's heap does not carry the generator's ~1 GB.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { writeFlatGeobuf } from '../../src/core/io/write-fgb.ts';
import { generateRegion, type GeneratedRegion } from '../../data/scripts/generate-region.ts';
import { regionLayers } from '../../data/scripts/sample-files.ts';
import type { MultiPoly, Pos } from '../../data/scripts/geom.ts';
import type { SourceCommune, SourceRoad } from '../../data/scripts/sample-sources.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NATIONAL_OUT = join(REPO, 'tests/bench/out/national');
const COMMUNES = join(REPO, 'public/data/vn/communes-2009.fgb');
const ROADS = join(REPO, 'data/sources/roads-backbone-vn.geojson');

/** Bump when the way this file writes the set changes (this file is left out of the cache key). */
const LAYOUT_VERSION = 1;

/** The benchmark's default seed for the national set (the data README's national run used 1). */
export const NATIONAL_SEED = 1;

/** The files of one benchmark data set (absolute paths) and its counts. */
export interface BenchSetFiles {
  dir: string;
  villages: string;
  bts: string;
  settlements: string;
  /** Fibre routes and access points in one file (the app's `?fibre=` takes one URL). */
  fibre: string;
  counts: Record<string, number>;
  key: string;
}

/** Hash of what the generated set depends on: generator scripts, core random and defaults, the writer, communes, roads. */
export function generatorHash(): string {
  const h = createHash('sha256');
  h.update(`layout ${LAYOUT_VERSION}`);
  const scripts = join(REPO, 'data/scripts');
  const files = [
    ...readdirSync(scripts)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(scripts, f)),
    join(REPO, 'src/core/random.ts'),
    join(REPO, 'src/core/defaults.ts'),
    join(REPO, 'src/core/io/write-fgb.ts'),
    COMMUNES,
    ROADS,
  ];
  for (const f of files) {
    if (!existsSync(f)) continue;
    h.update(f.slice(REPO.length));
    h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
}

function filesOf(dir: string, key: string): BenchSetFiles {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { counts: Record<string, number> };
  return {
    dir,
    key,
    villages: join(dir, 'villages.fgb'),
    bts: join(dir, 'bts.fgb'),
    settlements: join(dir, 'settlements.fgb'),
    fibre: join(dir, 'fibre.fgb'),
    counts: manifest.counts,
  };
}

/**
 * The national set for `seed`: the cached files when present for this seed and generator hash,
 * else built in a child process (~150 s and ~1 GB on a 2-core machine) and cached.
 */
export function ensureNationalSet(seed = NATIONAL_SEED, log: (s: string) => void = () => {}): BenchSetFiles {
  const key = `seed-${seed}-${generatorHash()}`;
  const dir = join(NATIONAL_OUT, key);
  if (existsSync(join(dir, 'manifest.json'))) return filesOf(dir, key);
  log(`national set ${key} not cached: generating it (about 2.5 minutes)…`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(seed), dir], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: REPO,
  });
  if (r.status !== 0) throw new Error(`building the national set failed (exit ${r.status}); run npx tsx tests/bench/national-set.ts ${seed} to see why`);
  return filesOf(dir, key);
}

/** Every commune of 2009 with its population and geometry, in a stable order. */
export async function readCommunes(): Promise<SourceCommune[]> {
  const out: SourceCommune[] = [];
  const bytes = new Uint8Array(readFileSync(COMMUNES));
  for await (const f of deserialize(bytes) as AsyncGenerator<Feature>) {
    const p = f.properties as Record<string, string | number>;
    const province = String(p.province);
    const district = String(p.district);
    out.push({
      communeId: String(p.commune_id),
      districtId: `${province}/${district}`,
      provinceId: province,
      name: String(p.name),
      district,
      province,
      population: Number(p.population),
      geometry: (f.geometry as unknown as { coordinates: MultiPoly }).coordinates,
    });
  }
  // The fgb is in Hilbert order; the generator's output should not depend on the file's layout.
  out.sort((a, b) => Number(a.communeId) - Number(b.communeId) || (a.communeId < b.communeId ? -1 : 1));
  return out;
}

/** The national backbone roads. */
export function readRoads(): SourceRoad[] {
  const fc = JSON.parse(readFileSync(ROADS, 'utf8')) as { features: { properties: Record<string, string>; geometry: { coordinates: Pos[][] } }[] };
  return fc.features.map((f) => ({ ref: f.properties.ref, name: f.properties.name, kind: f.properties.kind, lines: f.geometry.coordinates }));
}

/** The synthetic layers with the sample's property names (what the readers map). */
function layers(r: GeneratedRegion): Record<'villages' | 'bts' | 'settlements' | 'fibre', Feature[]> {
  const l = regionLayers(r);
  return {
    villages: l.villages.features,
    settlements: l.settlements.features,
    bts: l.bts.features,
    fibre: l['fibre-routes'].features.concat(l['fibre-points'].features),
  };
}

async function build(seed: number, dir: string): Promise<void> {
  const t0 = performance.now();
  const communes = await readCommunes();
  const roads = readRoads();
  process.stderr.write(`generating the national set: ${communes.length} communes, ${roads.length} roads, seed ${seed}…\n`);
  const region = generateRegion(communes, roads, { seed });
  const genMs = performance.now() - t0;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const counts: Record<string, number> = {};
  for (const [name, features] of Object.entries(layers(region))) {
    counts[name] = features.length;
    writeFileSync(join(tmp, `${name}.fgb`), writeFlatGeobuf(features, { name, metadata: JSON.stringify({ synthetic: true, seed }) }));
  }
  counts.communes = communes.length;
  counts.btsSites = region.calibration.sites;
  counts.fibreRoutes = region.fibreRoutes.length;
  counts.fibrePoints = region.fibrePoints.length;
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ seed, counts, generateMs: Math.round(genMs) }, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  process.stderr.write(`national set written to ${dir} in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seed = Number(process.argv[2] ?? NATIONAL_SEED);
  const dir = process.argv[3] ?? join(NATIONAL_OUT, `seed-${seed}-${generatorHash()}`);
  await build(seed, dir);
}
