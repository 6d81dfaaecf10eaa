/**
 * Splits one real commune into synthetic villages that tile it exactly, with apportioned population
 * and weighted settlement points. Works in a local metric frame around the commune.
 */
import { Delaunay } from 'd3-delaunay';
import { intersection } from 'polyclip-ts';
import { randNormal, streamFor, type Random } from '../../src/core/random.ts';
import { apportion } from './apportion.ts';
import {
  areaM2,
  bboxOf,
  distanceM,
  inMultiPolygon,
  localFrame,
  roundCoord,
  type LocalFrame,
  type MultiPoly,
  type Pos,
} from './geom.ts';
import type { GridIndex } from './grid-index.ts';
import type { SourceCommune } from './sample-sources.ts';
import { isUrban, villageNames } from './village-names.ts';

/** People per household used for `households` (Central Highlands average, rounded). */
export const PEOPLE_PER_HOUSEHOLD = 4.5;
const LLOYD_ITERATIONS = 2;
const MAX_VILLAGES = 24;

/** A village with what the later stages (BTS, fibre) need to know about it. */
export interface VillageDraft {
  id: string;
  name: string;
  communeId: string;
  commune: string;
  district: string;
  districtId: string;
  province: string;
  population: number;
  households: number;
  centre: Pos;
  geometry: MultiPoly;
  /** Densest point of the village (its first settlement). */
  core: Pos;
  urban: boolean;
  /** Distance from the core to the nearest real road, metres. */
  roadDistanceM: number;
  /** Distance from the core to its commune centre, metres. */
  centreDistanceM: number;
  /** Index range of its settlements in the region's settlement list. */
  settlementStart: number;
  settlementEnd: number;
}

export interface SettlementDraft {
  id: string;
  villageId: string;
  lon: number;
  lat: number;
  population: number;
  households: number;
}

export interface CommuneLayout {
  centre: Pos;
  urban: boolean;
  villages: VillageDraft[];
  settlements: SettlementDraft[];
}

/**
 * Number of villages for a commune: about 8 for a commune of 3,700 people (Kon Tum's mean), growing
 * with the fourth root of population so that large lowland communes do not explode the national count.
 */
export function villageCount(population: number, urban: boolean, rnd: Random): number {
  const base = 8.4 * Math.pow(Math.max(population, 300) / 3700, 0.25) + (urban ? 1 : 0);
  return Math.max(3, Math.min(MAX_VILLAGES, Math.round(base * (0.85 + 0.3 * rnd()))));
}

/** Uniform sampler of points inside a local-frame MultiPolygon (rejection in its bbox). */
function pointSampler(poly: MultiPoly, rnd: Random): () => Pos | null {
  const b = bboxOf(poly);
  return () => {
    for (let t = 0; t < 2000; t++) {
      const x = b[0] + rnd() * (b[2] - b[0]);
      const y = b[1] + rnd() * (b[3] - b[1]);
      if (inMultiPolygon(x, y, poly)) return [x, y];
    }
    return null;
  };
}

function mapCoords(mp: MultiPoly, f: (p: Pos) => Pos): MultiPoly {
  return mp.map((poly) => poly.map((ring) => ring.map(f)));
}

/** Drops rings that rounding made degenerate (fewer than 4 points or no area). */
function cleanMultiPolygon(mp: MultiPoly): MultiPoly {
  const out: MultiPoly = [];
  for (const poly of mp) {
    const rings = poly.filter((ring) => {
      const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`));
      return ring.length >= 4 && distinct.size >= 3;
    });
    if (rings.length > 0 && rings[0] === poly[0]) out.push(rings);
  }
  return out;
}

/** Distance in metres to the nearest road sample, or a large number when there are no roads. */
function roadDistance(roads: GridIndex, p: Pos): number {
  const id = roads.nearest(p);
  return id < 0 ? 1e6 : distanceM(p, [roads.xs[id], roads.ys[id]]);
}

/** Lays out the villages and settlements of one commune. */
export function makeCommuneVillages(c: SourceCommune, roads: GridIndex, seed: number): CommuneLayout {
  const rnd = streamFor(seed, `villages:${c.communeId}`);
  const urban = isUrban(c.name);
  const b = bboxOf(c.geometry);
  const frame: LocalFrame = localFrame((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
  const toLonLat = (p: Pos): Pos => {
    const q = frame.toLonLat(p[0], p[1]);
    return [roundCoord(q[0]), roundCoord(q[1])];
  };
  const polyL = mapCoords(c.geometry, (p) => frame.toLocal(p[0], p[1]));
  const sample = pointSampler(polyL, rnd);
  const areaKm2 = areaM2(c.geometry) / 1e6;

  const k = villageCount(c.population, urban, rnd);
  const cloud: Pos[] = [];
  for (let i = 0; i < Math.max(40 * k, 300); i++) {
    const p = sample();
    if (p) cloud.push(p);
  }
  if (cloud.length < k) throw new Error(`commune ${c.communeId}: could not sample points inside its polygon`);
  const mean: Pos = [cloud.reduce((s, p) => s + p[0], 0) / cloud.length, cloud.reduce((s, p) => s + p[1], 0) / cloud.length];
  const scale = Math.sqrt(areaKm2) * 1000;

  // Commune centre (the People's Committee): central, and on a road where one passes.
  let centreL = cloud[0];
  let bestScore = -Infinity;
  for (let i = 0; i < Math.min(40, cloud.length); i++) {
    const p = cloud[i];
    const dRoad = roadDistance(roads, frame.toLonLat(p[0], p[1]));
    const score = -Math.hypot(p[0] - mean[0], p[1] - mean[1]) / scale - Math.min(dRoad, 20000) / 4000;
    if (score > bestScore) {
      bestScore = score;
      centreL = p;
    }
  }

  // Village seeds: random points, then Lloyd relaxation against the sample cloud.
  let seeds: Pos[] = cloud.slice(cloud.length - k);
  for (let it = 0; it < LLOYD_ITERATIONS; it++) {
    const d = Delaunay.from(seeds);
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const n = new Uint32Array(k);
    let last = 0;
    for (const p of cloud) {
      last = d.find(p[0], p[1], last);
      sx[last] += p[0];
      sy[last] += p[1];
      n[last]++;
    }
    seeds = seeds.map((s, i) => {
      if (n[i] === 0) return s;
      const m: Pos = [sx[i] / n[i], sy[i] / n[i]];
      return inMultiPolygon(m[0], m[1], polyL) ? m : s;
    });
  }
  // Village 01 is the one nearest the commune centre.
  seeds.sort((p, q) => Math.hypot(p[0] - centreL[0], p[1] - centreL[1]) - Math.hypot(q[0] - centreL[0], q[1] - centreL[1]));

  const lb = bboxOf(polyL);
  const margin = 1000;
  const voronoi = Delaunay.from(seeds).voronoi([lb[0] - margin, lb[1] - margin, lb[2] + margin, lb[3] + margin]);
  const names = villageNames(c.name, k, rnd);
  const centre = toLonLat(centreL);

  interface Cell {
    polyL: MultiPoly;
    geometry: MultiPoly;
    core: Pos;
    coreL: Pos;
    roadM: number;
    centreM: number;
    weight: number;
    areaKm2: number;
  }
  const cells: Cell[] = [];
  for (let i = 0; i < k; i++) {
    const ring = voronoi.cellPolygon(i) as unknown as Pos[];
    const clippedL = intersection([ring] as never, polyL as never) as MultiPoly;
    const geometry = cleanMultiPolygon(mapCoords(clippedL, toLonLat));
    const cellArea = areaM2(geometry) / 1e6;
    // The village core: a point of the cell drawn towards roads and the commune centre.
    const cellSample = pointSampler(clippedL, rnd);
    let coreL = seeds[i];
    let best = -Infinity;
    let bestRoad = 0;
    for (let t = 0; t < (urban ? 1 : 10); t++) {
      const p = t === 0 ? seeds[i] : cellSample();
      if (!p) continue;
      const roadM = roadDistance(roads, frame.toLonLat(p[0], p[1]));
      const centreM = Math.hypot(p[0] - centreL[0], p[1] - centreL[1]);
      const score = -Math.min(roadM, 15000) / 2500 - centreM / 6000 + 0.5 * randNormal(rnd);
      if (score > best) {
        best = score;
        coreL = p;
        bestRoad = roadM;
      }
    }
    const centreM = Math.hypot(coreL[0] - centreL[0], coreL[1] - centreL[1]);
    const weight = urban
      ? Math.exp(0.25 * randNormal(rnd))
      : Math.sqrt(cellArea + 0.2) *
        Math.exp(0.35 * randNormal(rnd)) *
        (1 + 2.5 * Math.exp(-centreM / 1500)) *
        (1 + 1.2 * Math.exp(-bestRoad / 1000));
    cells.push({ polyL: clippedL, geometry, core: toLonLat(coreL), coreL, roadM: bestRoad, centreM, weight, areaKm2: cellArea });
  }

  const pops = apportion(c.population, cells.map((v) => v.weight));
  const villages: VillageDraft[] = [];
  const settlements: SettlementDraft[] = [];
  cells.forEach((cell, i) => {
    const id = `${c.communeId}-${String(i + 1).padStart(2, '0')}`;
    const population = pops[i];
    const households = Math.round(population / PEOPLE_PER_HOUSEHOLD);
    const count =
      population === 0 ? 1 : urban ? Math.min(8, 2 + Math.round(population / 400)) : Math.min(10, 1 + Math.round(population / 110));
    const sigma = urban ? 150 : 300 + 120 * Math.sqrt(cell.areaKm2);
    const sampleCell = pointSampler(cell.polyL, rnd);
    const pts: Pos[] = [cell.coreL];
    const weights: number[] = [2.5];
    for (let s = 1; s < count; s++) {
      let p: Pos | null = null;
      if (rnd() < 0.75) {
        for (let t = 0; t < 20 && !p; t++) {
          const q: Pos = [cell.coreL[0] + sigma * randNormal(rnd), cell.coreL[1] + sigma * randNormal(rnd)];
          if (inMultiPolygon(q[0], q[1], cell.polyL)) p = q;
        }
      }
      p ??= sampleCell() ?? cell.coreL;
      pts.push(p);
      weights.push(Math.exp(0.6 * randNormal(rnd)));
    }
    const sPops = apportion(population, weights);
    const sHh = apportion(households, weights);
    const start = settlements.length;
    pts.forEach((p, s) => {
      const ll = toLonLat(p);
      settlements.push({
        id: `${id}-${String(s + 1).padStart(2, '0')}`,
        villageId: id,
        lon: ll[0],
        lat: ll[1],
        population: sPops[s],
        households: sHh[s],
      });
    });
    // The cultural house: a few tens of metres from the densest settlement, inside the village.
    let heaviest = 0;
    for (let s = 1; s < sPops.length; s++) if (sPops[s] > sPops[heaviest]) heaviest = s;
    const hp = pts[heaviest];
    const angle = rnd() * 2 * Math.PI;
    const shifted: Pos = [hp[0] + 40 * Math.cos(angle), hp[1] + 40 * Math.sin(angle)];
    const centrePoint = toLonLat(inMultiPolygon(shifted[0], shifted[1], cell.polyL) ? shifted : hp);
    villages.push({
      id,
      name: names[i],
      communeId: c.communeId,
      commune: c.name,
      district: c.district,
      districtId: c.districtId,
      province: c.province,
      population,
      households,
      centre: centrePoint,
      geometry: cell.geometry,
      core: cell.core,
      urban,
      roadDistanceM: cell.roadM,
      centreDistanceM: cell.centreM,
      settlementStart: start,
      settlementEnd: settlements.length,
    });
  });
  return { centre, urban, villages, settlements };
}
