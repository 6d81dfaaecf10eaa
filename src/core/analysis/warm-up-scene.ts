import { mulberry32 } from '../random.ts';
import { computeChunk } from './compute-chunk.ts';
import type { GeoFeature } from '../io/geojson-types.ts';
import { defaultParams } from '../params.ts';
import { AnalysisSession, type LayerSlot } from './analysis-session.ts';

/**
 * A small synthetic province for warming a coverage worker: while the page still fetches its layers,
 * the worker runs this scene through the real path (readers, packing, `computeChunk`, assembly), so
 * that V8 has compiled and optimised the hot code before the real data arrives. Deterministic (a
 * seeded generator): every worker does the same work, and a profile of it is reproducible.
 */

/** Sizes of the scene: a few dozen villages, a few hundred disks and sectors. */
export const WARM_UP_SCENE = { villages: 36, sites: 120, settlementsPerVillage: 6, routes: 12 } as const;

const OPERATORS = ['Viettel', 'VNPT', 'MobiFone', 'Vietnamobile'];
const TECHS = ['4G', '4G', '3G', '2G', '5G'];
/** Degrees per kilometre, near 14.5° N. */
const DEG_LAT_KM = 1 / 110.6;
const DEG_LON_KM = 1 / 107.6;

const feature = (properties: Record<string, unknown>, geometry: GeoFeature['geometry']): GeoFeature => ({ type: 'Feature', properties, geometry });

/** The scene's layers as GeoJSON features, as the page would send them. */
export function warmUpLayers(seed = 20240601): Record<LayerSlot, GeoFeature[]> {
  const rnd = mulberry32(seed);
  const side = Math.ceil(Math.sqrt(WARM_UP_SCENE.villages));
  const lon0 = 107.9;
  const lat0 = 14.4;
  const cellKm = 4;
  const villages: GeoFeature[] = [];
  const settlements: GeoFeature[] = [];
  const fibrePoints: GeoFeature[] = [];
  for (let k = 0; k < WARM_UP_SCENE.villages; k++) {
    const cx = lon0 + (k % side) * cellKm * DEG_LON_KM;
    const cy = lat0 + Math.floor(k / side) * cellKm * DEG_LAT_KM;
    const ring: [number, number][] = [];
    const corners = 24 + Math.floor(rnd() * 40);
    for (let i = 0; i < corners; i++) {
      const a = (2 * Math.PI * i) / corners;
      const r = 1.2 + rnd() * 0.7;
      ring.push([cx + Math.cos(a) * r * DEG_LON_KM, cy + Math.sin(a) * r * DEG_LAT_KM]);
    }
    ring.push(ring[0]);
    const id = `warm-${k}`;
    const population = 200 + Math.floor(rnd() * 800);
    villages.push(
      feature(
        { id, name: `Làng ${k}`, commune: `Xã ${k % 5}`, district: `Huyện ${k % 3}`, province: 'Warm', population, households: Math.round(population / 4), centre_lon: cx, centre_lat: cy },
        { type: 'MultiPolygon', coordinates: [[ring]] },
      ),
    );
    for (let s = 0; s < WARM_UP_SCENE.settlementsPerVillage; s++) {
      const a = rnd() * 2 * Math.PI;
      const r = rnd();
      settlements.push(
        feature(
          { id: `${id}-${s}`, village_id: id, population: Math.round(population / WARM_UP_SCENE.settlementsPerVillage), households: 10 },
          { type: 'Point', coordinates: [cx + Math.cos(a) * r * DEG_LON_KM, cy + Math.sin(a) * r * DEG_LAT_KM] },
        ),
      );
    }
    if (k % 3 === 0) fibrePoints.push(feature({ id: `fp-${k}`, operator: 'VNPT', kind: 'cabinet', village_id: id }, { type: 'Point', coordinates: [cx, cy] }));
  }
  const spanLon = side * cellKm * DEG_LON_KM;
  const spanLat = side * cellKm * DEG_LAT_KM;
  const bts: GeoFeature[] = [];
  for (let s = 0; s < WARM_UP_SCENE.sites; s++) {
    const lon = lon0 - cellKm * DEG_LON_KM + rnd() * (spanLon + cellKm * DEG_LON_KM);
    const lat = lat0 - cellKm * DEG_LAT_KM + rnd() * (spanLat + cellKm * DEG_LAT_KM);
    const operator = OPERATORS[Math.floor(rnd() * OPERATORS.length)];
    const tech = TECHS[Math.floor(rnd() * TECHS.length)];
    const sectors = s % 2 === 0 ? 3 : 1;
    for (let c = 0; c < sectors; c++) {
      const sector = sectors > 1 ? { azimuth_deg: c * 120 + Math.floor(rnd() * 30), beamwidth_deg: 65 + Math.floor(rnd() * 60) } : {};
      bts.push(
        feature(
          { id: `site-${s}-${c}`, site_id: `site-${s}`, operator, tech, ...(s % 7 === 0 ? { radius_m: 1500 + Math.floor(rnd() * 4000) } : {}), ...sector },
          { type: 'Point', coordinates: [lon, lat] },
        ),
      );
    }
  }
  const fibreRoutes: GeoFeature[] = [];
  for (let r = 0; r < WARM_UP_SCENE.routes; r++) {
    const line: [number, number][] = [];
    let x = lon0 + rnd() * spanLon;
    let y = lat0 + rnd() * spanLat;
    for (let i = 0; i < 6; i++) {
      line.push([x, y]);
      x += (rnd() - 0.5) * 3 * DEG_LON_KM;
      y += (rnd() - 0.5) * 3 * DEG_LAT_KM;
    }
    fibreRoutes.push(feature({ id: `fr-${r}`, operator: 'VNPT', kind: 'distribution' }, { type: 'LineString', coordinates: line }));
  }
  return { villages, bts, fibreRoutes, fibrePoints, settlements };
}

/**
 * One round of the scene through a fresh session, the way a real run goes (prepare, the ranges
 * through `computeChunk`, assembly); odd rounds draw every site as a disk, even ones with sectors.
 * Returns the villages it classified as covered (so the work cannot be optimised away).
 */
export function warmUpRound(round: number, layers: Record<LayerSlot, GeoFeature[]> = warmUpLayers()): number {
  const session = new AnalysisSession();
  for (const [slot, features] of Object.entries(layers)) session.setLayer(slot as LayerSlot, features);
  const params = defaultParams();
  params.sectors = round % 2 === 0;
  const p = session.prepare(params);
  const chunks = [];
  for (let s = 0; s < p.villageCount; s += 8) chunks.push(computeChunk(session.prepared, s, Math.min(p.villageCount, s + 8)));
  return session.assemble(chunks).rows.filter((r) => r.mobile_covered).length;
}

/**
 * Detaches the buffer of one typed array of each kind, as sending a result back does (a transfer).
 * Call it once when a thread that sends typed arrays starts, before any work. In V8 (Chromium 156,
 * measured) the first transfer of a kind's buffer in a thread throws away every function optimised
 * on arrays of that kind ("dependent prototype chain changed"): in a coverage worker that was the
 * whole engine, at the first result it sent back, so its next run (a planner's first radius edit on
 * terrain) compiled it all again, ~1 s of compiling on the two cores the workers computed on. Node's
 * V8 has no such storm (src/core/terrain/README.md), so the CLI's threads do not call it.
 */
export function detachEachTypedArrayKind(): void {
  for (const Kind of [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray]) {
    const array = new Kind(1);
    structuredClone({ array }, { transfer: [array.buffer] });
  }
}

/** Rounds of the scene a worker runs at start: the gain flattens beyond this (measured in Node and Chromium). */
export const WARM_UP_ROUNDS = 4;

/**
 * Runs up to `rounds` rounds, letting messages in between two (`pause`) and stopping early when
 * `stop()` says real work has come: a late warm-up must not delay the analysis by more than a round.
 * Resolves with the time spent (ms).
 */
export async function runWarmUp(options: { rounds?: number; pause?: () => Promise<void>; stop?: () => boolean } = {}): Promise<number> {
  const started = performance.now();
  const layers = warmUpLayers();
  for (let round = 0; round < (options.rounds ?? WARM_UP_ROUNDS); round++) {
    if (options.stop?.()) break;
    warmUpRound(round, layers);
    await options.pause?.();
  }
  return performance.now() - started;
}
