import { describe, expect, it } from 'vitest';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { radialSampling } from '../../src/core/terrain/radial-sampling.ts';
import { computeSiteProfile, EARTH_RADIUS_M, type SiteProfile } from '../../src/core/terrain/site-profile.ts';
import { defaultTerrainParams, type TerrainParams } from '../../src/core/terrain/terrain-params.ts';
import { localSurfaceTile } from '../helpers/synthetic-dem.ts';

/**
 * The line-of-sight profiles against cases with an analytic (or exactly computable) answer, on
 * SYNTHETIC .hgt tiles written and read back as real files would be.
 */

const LON0 = 107.5;
const LAT0 = 14.5;

function demOf(side: 1201 | 3601, surface: (x: number, y: number) => number): DemSet {
  const t = localSurfaceTile(LON0, LAT0, side, surface);
  return new DemSet([readHgt(t.name, t.bytes)]);
}

function params(over: Partial<TerrainParams> = {}): TerrainParams {
  return { ...defaultTerrainParams(), ...over };
}

function profile(dem: DemSet, radiusM: number, antennaM: number, p: TerrainParams): SiteProfile {
  const made = computeSiteProfile(dem, { lon: LON0, lat: LAT0, antennaM, bandMhz: 0, radiusM }, p);
  if ('reason' in made) throw new Error(`no profile: ${made.reason}`);
  return made;
}

/** The reached intervals (m) of the wedge holding `bearingDeg`. */
function intervalsAt(p: SiteProfile, bearingDeg: number): [number, number][] {
  const n = p.sampling.bearings;
  const k = Math.floor((((bearingDeg % 360) + 360) % 360) / (360 / n));
  const out: [number, number][] = [];
  for (let i = p.start[k]; i < p.start[k + 1]; i++) out.push([p.radii[2 * i], p.radii[2 * i + 1]]);
  return out;
}

function reachedAt(p: SiteProfile, bearingDeg: number, d: number): boolean {
  return intervalsAt(p, bearingDeg).some(([a, b]) => d >= a && d <= b);
}

/**
 * The exact answer on the continuous surface along a straight line of the local metric (0.25 m
 * samples): receiver at distance d reached when no point before it rises above the line from the
 * antenna (heights lowered by d²/2kR).
 */
function oracleIntervals(surface: (x: number, y: number) => number, bearingDeg: number, reach: number, antennaM: number, p: TerrainParams): [number, number][] {
  const step = 0.25;
  const ux = Math.sin((bearingDeg * Math.PI) / 180);
  const uy = Math.cos((bearingDeg * Math.PI) / 180);
  const drop = (d: number): number => (d * d) / (2 * p.kFactor * EARTH_RADIUS_M);
  const tx = surface(0, 0) + antennaM;
  let maxSlope = -Infinity;
  const out: [number, number][] = [];
  let open = 0;
  let inside = true;
  for (let d = step; d <= reach; d += step) {
    const h = surface(d * ux, d * uy) - drop(d);
    const seen = (h + p.receiverHeightM - tx) / d >= maxSlope;
    maxSlope = Math.max(maxSlope, (h - tx) / d);
    if (seen !== inside) {
      if (inside) out.push([open, d]);
      else open = d;
      inside = seen;
    }
  }
  if (inside) out.push([open, reach]);
  return out;
}

describe('radial sampling', () => {
  it('takes half a post along radials and at most a post between them at the reach', () => {
    const s = radialSampling(14.5, 1 / 3600, 1 / 3600, 3500);
    expect(s.cellM).toBeGreaterThan(29.5);
    expect(s.cellM).toBeLessThan(30.5);
    expect(s.stepM).toBeLessThanOrEqual(s.cellM / 2);
    expect((2 * Math.PI * s.reachM) / s.bearings).toBeLessThanOrEqual(s.cellM);
    expect(s.bearings % 8).toBe(0);
    // A radius within the reach quantum keeps the same sampling (cached profiles stay valid).
    expect(radialSampling(14.5, 1 / 3600, 1 / 3600, 3400)).toEqual(s);
  });
});

describe('line-of-sight profiles on synthetic DEMs', () => {
  it('a flat DEM hides nothing within a macro cell’s radius', () => {
    const p = profile(demOf(1201, () => 400), 3500, 30, params());
    expect(p.clear).toBe(true);
    expect(p.groundM).toBe(400);
  });

  it('Earth curvature alone: a 30 m mast sees the ground to √(2kRh), and a 1.5 m receiver to √(2kRh) + √(2kRr)', () => {
    const dem = demOf(1201, () => 100);
    for (const k of [4 / 3, 1]) {
      const ground = profile(dem, 30_000, 30, params({ kFactor: k, receiverHeightM: 0 }));
      const phone = profile(dem, 30_000, 30, params({ kFactor: k, receiverHeightM: 1.5 }));
      const horizon = Math.sqrt(2 * k * EARTH_RADIUS_M * 30);
      const withPhone = horizon + Math.sqrt(2 * k * EARTH_RADIUS_M * 1.5);
      const step = ground.sampling.stepM;
      for (const bearing of [0, 37, 90, 181, 300]) {
        const a = intervalsAt(ground, bearing);
        expect(a).toHaveLength(1);
        expect(a[0][0]).toBe(0);
        expect(Math.abs(a[0][1] - horizon)).toBeLessThanOrEqual(step);
        const b = intervalsAt(phone, bearing);
        expect(b).toHaveLength(1);
        expect(Math.abs(b[0][1] - withPhone)).toBeLessThanOrEqual(step);
      }
    }
  });

  it('a straight ridge lower than the mast casts a band of shadow that ends where the analytic line of sight returns', () => {
    // A N–S ridge 20 m high with a flat top 60 m wide whose far edge (the shadow's caster) stands
    // on a post of the 1″ grid ~1 km east, seen from a 60 m mast: flat Earth, the shadow ends at
    // edge·(60 − 1.5)/(60 − 20) = 1.46 edge. A flat top keeps the caster's height exact: a sharp
    // crest between samples would be cut lower, and a grazing ray magnifies height errors.
    const mx = localSurfaceTile(LON0, LAT0, 1201, () => 0).mx;
    const edge = (Math.round((1000 / mx) * 3600) / 3600) * mx;
    const surface = (x: number): number => {
      const u = x < edge - 60 ? edge - 60 - x : x > edge ? x - edge : 0;
      return 500 + 20 * Math.max(0, 1 - u / 200);
    };
    const p = params();
    const prof = profile(demOf(3601, (x) => surface(x)), 3500, 60, p);
    const step = prof.sampling.stepM;
    for (const bearing of [90, 75, 110]) {
      const ours = intervalsAt(prof, bearing);
      const exact = oracleIntervals((x) => surface(x), bearing, 3500, 60, p);
      const caster = edge / Math.sin((bearing * Math.PI) / 180);
      expect(exact).toHaveLength(2);
      expect(ours).toHaveLength(2);
      expect(Math.abs(exact[1][0] - caster * (58.5 / 40))).toBeLessThan(15);
      // The shadow's start (past the edge) within a range step; its end is a grazing ray from the
      // caster, met by the samples within a step, an error the ratio end ÷ caster distance magnifies.
      expect(ours[0][0]).toBe(0);
      expect(Math.abs(ours[0][1] - exact[0][1])).toBeLessThanOrEqual(step);
      expect(Math.abs(ours[1][0] - exact[1][0])).toBeLessThanOrEqual(step * (1 + exact[1][0] / caster));
      expect(ours[1][1]).toBe(3500);
    }
    // North and south the ridge is never crossed.
    expect(intervalsAt(prof, 0)).toEqual([[0, 3500]]);
    expect(intervalsAt(prof, 180)).toEqual([[0, 3500]]);
  });

  it('a cone hill hides a wedge behind it, as wide as its silhouette', () => {
    // Cone 300 m high, 400 m base radius, 1.5 km east of a 30 m mast on a 500 m plain.
    const surface = (x: number, y: number): number => 500 + 300 * Math.max(0, 1 - Math.hypot(x - 1500, y) / 400);
    const p = params();
    const prof = profile(demOf(3601, surface), 3500, 30, p);
    const step = prof.sampling.stepM;
    // Central bearing: visible up the front and a little past the apex, then shadow to the radius.
    const ours = intervalsAt(prof, 90);
    const exact = oracleIntervals(surface, 90, 3500, 30, p);
    expect(exact).toHaveLength(1);
    expect(ours).toHaveLength(1);
    expect(Math.abs(ours[0][1] - exact[0][1])).toBeLessThanOrEqual(step);
    // At 3 km the shadow spans the bearings whose ray passes the cone higher than the receiver's
    // line: lateral offset e < b·(1 − (hA − (hA − hR)·D/3000)/H), i.e. ±14.6° (flat Earth).
    const half = (Math.asin((400 * (1 - (30 - (28.5 * 1500) / 3000) / 300)) / 1500) * 180) / Math.PI;
    expect(half).toBeGreaterThan(14);
    expect(half).toBeLessThan(15.2);
    const wedge = 360 / prof.sampling.bearings;
    for (const off of [0, 5, 10, half - 1]) {
      expect(reachedAt(prof, 90 + off, 3000)).toBe(false);
      expect(reachedAt(prof, 90 - off, 3000)).toBe(false);
    }
    for (const off of [half + 1 + wedge, 25, 40]) {
      expect(reachedAt(prof, 90 + off, 3000)).toBe(true);
      expect(reachedAt(prof, 90 - off, 3000)).toBe(true);
    }
  });

  it('a mast in a valley sees its walls up to the crests and the valley floor to its radius', () => {
    // V-valley along N–S: walls rise 200 m over 1 km, then a plateau.
    const surface = (x: number): number => 500 + 200 * Math.min(1, Math.abs(x) / 1000);
    const p = params();
    const prof = profile(demOf(3601, (x) => surface(x)), 3500, 30, p);
    const step = prof.sampling.stepM;
    // A rim of the plateau just behind the crest is seen: W·(H + hR − hA)/(H − hA) = 1,008.8 m.
    const rim = (1000 * (200 + 1.5 - 30)) / (200 - 30);
    for (const bearing of [90, 270]) {
      const ours = intervalsAt(prof, bearing);
      const exact = oracleIntervals((x) => surface(x), bearing, 3500, 30, p);
      expect(exact).toHaveLength(1);
      expect(Math.abs(exact[0][1] - rim)).toBeLessThan(2);
      expect(ours).toHaveLength(1);
      expect(Math.abs(ours[0][1] - exact[0][1])).toBeLessThanOrEqual(step);
    }
    expect(intervalsAt(prof, 0)).toEqual([[0, 3500]]);
    expect(intervalsAt(prof, 180)).toEqual([[0, 3500]]);
  });

  it('Fresnel clearance and path loss only take away from line of sight', () => {
    const surface = (x: number, y: number): number => 500 + 300 * Math.max(0, 1 - Math.hypot(x - 1500, y) / 400);
    const dem = demOf(1201, surface);
    const los = profile(dem, 3500, 30, params());
    const fresnel = computeSiteProfile(dem, { lon: LON0, lat: LAT0, antennaM: 30, bandMhz: 1800, radiusM: 3500 }, params({ fresnelClearance: 0.6 }));
    const loss = computeSiteProfile(dem, { lon: LON0, lat: LAT0, antennaM: 30, bandMhz: 1800, radiusM: 3500 }, params({ criterion: 'path-loss', maxPathLossDb: 120 }));
    if ('reason' in fresnel || 'reason' in loss) throw new Error('no profile');
    const area = (p: SiteProfile): number => {
      let sum = 0;
      for (let i = 0; i < p.radii.length; i += 2) sum += p.radii[i + 1] ** 2 - p.radii[i] ** 2;
      return sum;
    };
    expect(area(fresnel)).toBeLessThan(area(los));
    expect(area(loss)).toBeLessThan(area(los));
    // Every bearing: what Fresnel clearance reaches, line of sight reaches too.
    for (const bearing of [0, 60, 90, 100, 200]) {
      for (const d of [200, 900, 1400, 2500, 3400]) {
        if (reachedAt(fresnel, bearing, d)) expect(reachedAt(los, bearing, d)).toBe(true);
      }
    }
  });
});
