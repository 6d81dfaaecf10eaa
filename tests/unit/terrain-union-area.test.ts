import * as polyclip from 'polyclip-ts';
import { describe, expect, it } from 'vitest';
import { packFootprints, type PackedFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../src/core/coverage/packed-villages.ts';
import { defaultParams } from '../../src/core/params.ts';
import { PlanarPolygon } from '../../src/core/coverage/planar-polygon.ts';
import { ShapeBuffer } from '../../src/core/coverage/shapes.ts';
import { UnionAreaCalculator } from '../../src/core/coverage/union-area.ts';
import { ConformalFrame } from '../../src/core/geo/conformal-frame.ts';
import type { BtsRecord } from '../../src/core/model.ts';
import { packProfiles, TERRAIN_SHADOWED, type PackedTerrain } from '../../src/core/terrain/packed-terrain.ts';
import { PolarRegions } from '../../src/core/terrain/polar-regions.ts';
import type { SiteProfile } from '../../src/core/terrain/site-profile.ts';
import { TerrainUnionArea } from '../../src/core/terrain/terrain-union-area.ts';
import { btsRecord, offset, randomVillageGeometry, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';

/**
 * The exact union area over terrain footprints (polar regions), against the disk engine where there
 * is no terrain and against polygon clipping (polyclip-ts, arcs cut into 0.5° chords) where there is.
 */

const LON0 = 107.5;
const LAT0 = 14.5;
const ALL = new Uint32Array(4).fill(0xffffffff);

interface Scene {
  poly: PlanarPolygon;
  frame: ConformalFrame;
  fp: PackedFootprints;
}

function scene(rnd: () => number, bts: BtsRecord[], hole: boolean): Scene {
  const villages = packVillages([villageRecord('v', randomVillageGeometry(rnd, LON0, LAT0, 1500, { hole }))]);
  const frame = new ConformalFrame(LON0, LAT0);
  const poly = new PlanarPolygon();
  poly.load(villages, 0, frame);
  return { poly, frame, fp: packFootprints(bts, defaultParams()) };
}

function randomBts(rnd: () => number, n: number): BtsRecord[] {
  const out: BtsRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 3000);
    const sector = rnd() < 0.4;
    out.push(
      btsRecord(`b${i}`, lon, lat, {
        radiusM: 1500 + rnd() * 2500,
        operator: rnd() < 0.5 ? 'A' : 'B',
        azimuthDeg: sector ? rnd() * 360 : null,
        beamwidthDeg: sector ? 60 + rnd() * 200 : null,
      }),
    );
  }
  return out;
}

/** A made-up profile per footprint: `bearings` wedges, each reached on random intervals from the mast out. */
function randomTerrain(rnd: () => number, fp: PackedFootprints, bearings: number): PackedTerrain {
  const profiles: SiteProfile[] = [];
  for (let f = 0; f < fp.count; f++) {
    const reach = fp.data[f * 5 + 2] + 500;
    const starts = [0];
    const radii: number[] = [];
    for (let k = 0; k < bearings; k++) {
      let d = 0;
      while (d < reach) {
        const a = d;
        const b = Math.min(reach, a + 100 + rnd() * 1400);
        radii.push(Math.fround(a), Math.fround(b));
        d = b + 50 + rnd() * 750;
      }
      starts.push(radii.length / 2);
    }
    profiles.push({
      lon: fp.data[f * 5],
      lat: fp.data[f * 5 + 1],
      groundM: 0,
      antennaM: 30,
      bandMhz: 0,
      sampling: { bearings, steps: 1, stepM: 1, reachM: reach, cellM: 30 },
      start: Uint32Array.from(starts),
      radii: Float32Array.from(radii),
      clear: false,
    });
  }
  return {
    ...packProfiles(profiles),
    status: new Uint8Array(fp.count).fill(TERRAIN_SHADOWED),
    profileOf: Int32Array.from({ length: fp.count }, (_, i) => i),
    hidden: new Float32Array(fp.count),
    dem: { extent: [0, 0, 0, 0], arcSeconds: 1, metres: 30, sources: [], formats: [], posts: 0, voids: 0, filled: 0, label: 'test' },
  };
}

/** A region's wedge intervals as polygons (annular sectors, arcs cut into 0.5° chords), with their boxes. */
function regionPolygons(regions: PolarRegions, q: number): { ring: [number, number][]; box: [number, number, number, number] }[] {
  const d = regions.data;
  const o = q * 16;
  const px = d[o];
  const py = d[o + 1];
  const north = d[o + 3];
  const from = d[o + 5];
  const span = d[o + 6];
  const profile = d[o + 7];
  const n = profile >= 0 ? d[o + 8] : 1;
  const delta = (2 * Math.PI) / n;
  const wedges: [number, number, number][] = [];
  if (profile < 0) wedges.push([from, from + span, 0]);
  else {
    for (let kk = Math.floor(from / delta); kk * delta < from + span; kk++) {
      const b0 = Math.max(kk * delta, from);
      const b1 = Math.min((kk + 1) * delta, from + span);
      if (b1 > b0) wedges.push([b0, b1, ((kk % n) + n) % n]);
    }
  }
  const out: { ring: [number, number][]; box: [number, number, number, number] }[] = [];
  const iv = new Float64Array(4096);
  for (const [b0, b1, k] of wedges) {
    const count = regions.intervals(q, k, iv);
    const steps = Math.max(2, Math.ceil((b1 - b0) / ((0.5 * Math.PI) / 180)));
    for (let i = 0; i < count; i++) {
      const a = iv[2 * i];
      const b = iv[2 * i + 1];
      const ring: [number, number][] = [];
      for (let s = 0; s <= steps; s++) {
        const t = north - (b0 + ((b1 - b0) * s) / steps);
        ring.push(snap(px + b * Math.cos(t), py + b * Math.sin(t)));
      }
      for (let s = steps; s >= 0; s--) {
        const t = north - (b0 + ((b1 - b0) * s) / steps);
        ring.push(snap(px + a * Math.cos(t), py + a * Math.sin(t)));
      }
      ring.push(ring[0]);
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      out.push({ ring, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    }
  }
  return out;
}

function villageGeom(poly: PlanarPolygon): polyclip.Geom {
  const village: [number, number][][][] = [];
  for (let p = 0; p < poly.partCount; p++) {
    const rings: [number, number][][] = [];
    for (let r = poly.partStart[p]; r < poly.partStart[p + 1]; r++) {
      const ring: [number, number][] = [];
      for (let v = poly.ringStart[r]; v < poly.ringStart[r + 1]; v++) ring.push([poly.xy[2 * v], poly.xy[2 * v + 1]]);
      ring.push(ring[0]);
      rings.push(ring);
    }
    village.push(rings);
  }
  return village;
}

function geomArea(g: polyclip.Geom): number {
  let area = 0;
  for (const p of g as [number, number][][][]) {
    for (const ring of p) {
      let s = 0;
      for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      area += s / 2;
    }
  }
  return area;
}

/**
 * Area of the village ∩ (region a ∪ region b) by polygon clipping, from pieces that never overlap
 * within a region: Σ area(V ∩ piece of a) + Σ area(V ∩ piece of b) − Σ area(V ∩ piece of a ∩ piece
 * of b). An independent answer (polyclip-ts, two simple polygons at a time), short of the exact one
 * by the chords' sagitta (~1e-5 relative).
 */
function clippedArea(poly: PlanarPolygon, regions: PolarRegions, a: number, b: number | null): number {
  const village = villageGeom(poly);
  const vbox = [poly.minX, poly.minY, poly.maxX, poly.maxY];
  const meets = (x: number[], y: number[]): boolean => x[0] <= y[2] && x[2] >= y[0] && x[1] <= y[3] && x[3] >= y[1];
  const pa = regionPolygons(regions, a).filter((p) => meets(p.box, vbox));
  const pb = b === null ? [] : regionPolygons(regions, b).filter((p) => meets(p.box, vbox));
  let area = 0;
  for (const p of [...pa, ...pb]) area += geomArea(polyclip.intersection(village, [p.ring]));
  for (const p of pa) {
    for (const r of pb) {
      if (!meets(p.box, r.box)) continue;
      const both = polyclip.intersection([p.ring], [r.ring]);
      if (both.length > 0) area -= geomArea(polyclip.intersection(village, both));
    }
  }
  return area;
}

/** Coordinates on a 0.1 mm grid: polyclip-ts fails on edges that overlap within rounding noise. */
function snap(x: number, y: number): [number, number] {
  return [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4];
}

function maskOf(regions: number[]): Uint32Array {
  const m = new Uint32Array(4);
  for (const q of regions) m[q >>> 5] |= 1 << (q & 31);
  return m;
}

describe('terrain union area', () => {
  it('without terrain, polar disks and sectors give the disk engine’s exact area (≤ 2e-7)', () => {
    const rnd = seededRandom(11);
    let worst = 0;
    for (let trial = 0; trial < 40; trial++) {
      const { poly, frame, fp } = scene(rnd, randomBts(rnd, 1 + Math.floor(rnd() * 5)), trial % 3 === 0);
      const shapes = new ShapeBuffer();
      for (let f = 0; f < fp.count; f++) shapes.addFootprint(fp, f, frame);
      const exact = new UnionAreaCalculator().area(poly, shapes, Int32Array.from({ length: shapes.count }, (_, i) => i), shapes.count) / poly.area;
      const regions = new PolarRegions();
      regions.clear(null);
      for (let f = 0; f < fp.count; f++) regions.addFootprint(fp, f, frame);
      const union = new TerrainUnionArea();
      union.prepare(poly, regions);
      worst = Math.max(worst, Math.abs(union.area(ALL) / poly.area - exact));
    }
    expect(worst).toBeLessThan(2e-7);
  });

  it('with fragmented terrain profiles, agrees with polygon clipping for each region and each pair (≤ 2e-5)', () => {
    const rnd = seededRandom(5);
    let worst = 0;
    let cases = 0;
    for (let trial = 0; trial < 4; trial++) {
      const { poly, frame, fp } = scene(rnd, randomBts(rnd, 3), trial % 2 === 0);
      const terrain = randomTerrain(rnd, fp, 24 + 8 * Math.floor(rnd() * 2));
      const regions = new PolarRegions();
      regions.clear(terrain);
      for (let f = 0; f < fp.count; f++) regions.addFootprint(fp, f, frame);
      const union = new TerrainUnionArea();
      union.prepare(poly, regions);
      for (let a = 0; a < regions.count; a++) {
        for (const b of [null, ...Array.from({ length: regions.count - a - 1 }, (_, i) => a + 1 + i)]) {
          const ours = union.area(maskOf(b === null ? [a] : [a, b])) / poly.area;
          const clipped = clippedArea(poly, regions, a, b) / poly.area;
          worst = Math.max(worst, Math.abs(ours - clipped));
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(20);
    console.info(`terrain union vs polygon clipping: worst ${worst.toExponential(2)} over ${cases} subsets`);
    expect(worst).toBeLessThan(2e-5);
  });

  it('identical footprints of two operators on one mast are one region; sectors of one profile add up to its disk', () => {
    const rnd = seededRandom(3);
    const [lon, lat] = offset(LON0, LAT0, 30, 800);
    const bts = [
      btsRecord('a', lon, lat, { radiusM: 3000, operator: 'A' }),
      btsRecord('b', lon, lat, { radiusM: 3000, operator: 'B' }),
      btsRecord('s1', lon, lat, { radiusM: 3000, operator: 'C', azimuthDeg: 0, beamwidthDeg: 120 }),
      btsRecord('s2', lon, lat, { radiusM: 3000, operator: 'C', azimuthDeg: 120, beamwidthDeg: 120 }),
      btsRecord('s3', lon, lat, { radiusM: 3000, operator: 'C', azimuthDeg: 240, beamwidthDeg: 120 }),
    ];
    const params = { ...defaultParams(), sectors: true };
    const fp = packFootprints(bts, params);
    const villages = packVillages([villageRecord('v', randomVillageGeometry(rnd, LON0, LAT0, 1500))]);
    const frame = new ConformalFrame(LON0, LAT0);
    const poly = new PlanarPolygon();
    poly.load(villages, 0, frame);
    const one = randomTerrain(rnd, fp, 64);
    // Every footprint uses the first profile.
    one.profileOf.fill(0);
    const regions = new PolarRegions();
    regions.clear(one);
    for (let f = 0; f < fp.count; f++) regions.addFootprint(fp, f, frame);
    expect(regions.regionOfFootprint[0]).toBe(regions.regionOfFootprint[1]);
    const union = new TerrainUnionArea();
    union.prepare(poly, regions);
    const disk = union.area(maskOf([regions.regionOfFootprint[0]]));
    expect(disk).toBeGreaterThan(0);
    expect(Math.abs(union.area(ALL) - disk) / poly.area).toBeLessThan(1e-9);
    // Three operators' sectors (packing merges one operator's full set of sectors into a disk).
    const sectors = packFootprints(bts.slice(2).map((b, i) => ({ ...b, operator: `S${i}` })), params);
    const terrain = { ...one, profileOf: new Int32Array(sectors.count).fill(0), status: new Uint8Array(sectors.count).fill(TERRAIN_SHADOWED) };
    const r2 = new PolarRegions();
    r2.clear(terrain);
    for (let f = 0; f < sectors.count; f++) r2.addFootprint(sectors, f, frame);
    const u2 = new TerrainUnionArea();
    u2.prepare(poly, r2);
    expect(sectors.count).toBe(3);
    expect(r2.count).toBe(3);
    expect(Math.abs(u2.area(ALL) - disk) / poly.area).toBeLessThan(1e-9);
  });

  it('more than 32 regions (two mask words): each pair of regions has the area it has alone, in a fresh or a reused calculator (≤ 1e-9)', () => {
    const rnd = seededRandom(17);
    const { poly, frame, fp } = scene(rnd, randomBts(rnd, 40), false);
    const terrain = randomTerrain(rnd, fp, 96);
    const regions = new PolarRegions();
    regions.clear(terrain);
    for (let f = 0; f < fp.count; f++) regions.addFootprint(fp, f, frame);
    expect(regions.count).toBe(40);
    /** Area of footprints `a` and `b` in a calculator of their two regions only (one mask word). */
    const pair = (a: number, b: number): number => {
      const two = new PolarRegions();
      two.clear(terrain);
      two.addFootprint(fp, a, frame);
      two.addFootprint(fp, b, frame);
      const u = new TerrainUnionArea();
      u.prepare(poly, two);
      return u.area(ALL);
    };
    // A fresh calculator, and one that measured 30 of the regions first (its buffers sized for one mask word).
    const fresh = new TerrainUnionArea();
    fresh.prepare(poly, regions);
    const reused = new TerrainUnionArea();
    const fewer = new PolarRegions();
    fewer.clear(terrain);
    for (let f = 0; f < 30; f++) fewer.addFootprint(fp, f, frame);
    reused.prepare(poly, fewer);
    reused.prepare(poly, regions);
    let worst = 0;
    let overlapping = 0;
    for (let a = 0; a < 3; a++) {
      for (let b = a + 1; b < regions.count; b++) {
        const both = pair(a, b);
        if (both > 0) overlapping++;
        const m = maskOf([a, b]);
        worst = Math.max(worst, Math.abs(fresh.area(m) - both) / poly.area, Math.abs(reused.area(m) - both) / poly.area);
      }
    }
    expect(overlapping).toBeGreaterThan(20);
    expect(worst).toBeLessThan(1e-9);
  });
  it('a village of two parts with a region whose edges all pass between them: the part inside counts, not the whole village', () => {
    /** A square of side 200 m around (lon, lat), as a ring. */
    const square = (lon: number, lat: number): [number, number][] => {
      const ring = [45, 135, 225, 315].map((b) => offset(lon, lat, b, 100 * Math.SQRT2) as [number, number]);
      return [...ring, ring[0]];
    };
    const [lonB, latB] = offset(LON0, LAT0, 45, 2000);
    const frame = new ConformalFrame(LON0, LAT0);
    const load = (parts: [number, number][][][]): PlanarPolygon => {
      const poly = new PlanarPolygon();
      poly.load(packVillages([villageRecord('v', parts)]), 0, frame);
      return poly;
    };
    const both = load([[square(LON0, LAT0)], [square(lonB, latB)]]);
    const first = load([[square(LON0, LAT0)]]);
    // A mast in the first part reaching 600 m and 650 m on alternate wedges: its boundary, short arcs
    // and radials, crosses the village's box between the parts, away from both.
    const fp = packFootprints([btsRecord('m', LON0, LAT0, { radiusM: 700 })], defaultParams());
    const bearings = 72;
    const radii: number[] = [];
    for (let k = 0; k < bearings; k++) radii.push(0, k % 2 ? 650 : 600);
    const terrain: PackedTerrain = {
      ...packProfiles([
        {
          lon: LON0,
          lat: LAT0,
          groundM: 0,
          antennaM: 30,
          bandMhz: 0,
          sampling: { bearings, steps: 1, stepM: 1, reachM: 700, cellM: 30 },
          start: Uint32Array.from({ length: bearings + 1 }, (_, k) => k),
          radii: Float32Array.from(radii),
          clear: false,
        },
      ]),
      status: new Uint8Array(1).fill(TERRAIN_SHADOWED),
      profileOf: new Int32Array(1),
      hidden: new Float32Array(1),
      dem: { extent: [0, 0, 0, 0], arcSeconds: 1, metres: 30, sources: [], formats: [], posts: 0, voids: 0, filled: 0, label: 'test' },
    };
    const regions = new PolarRegions();
    regions.clear(terrain, both);
    regions.addFootprint(fp, 0, frame);
    const union = new TerrainUnionArea();
    union.prepare(both, regions);
    expect(first.area / both.area).toBeCloseTo(0.5, 3);
    expect(Math.abs(union.area(ALL) - first.area) / both.area).toBeLessThan(1e-9);
  });
});
