import { describe, expect, it } from 'vitest';
import { computeMobileCoverage } from '../../src/core/coverage/compute-mobile-coverage.ts';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../src/core/coverage/packed-villages.ts';
import { defaultParams } from '../../src/core/params.ts';
import type { BtsRecord, MultiPolygonCoords, Position, VillageRecord } from '../../src/core/model.ts';
import { btsRecord, offset, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';

/**
 * Invariants on seeded random scenes. A scene is described by plane offsets (bearing, distance) from
 * a centre, so it can be rebuilt at another place or turned as a whole.
 */
interface SceneSpec {
  villages: { bearing: number; dist: number; radius: number; seed: number; hole: boolean }[];
  sites: { bearing: number; dist: number; radius: number; operator: string; azimuth: number | null; beamwidth: number | null }[];
}

function spec(seed: number, sites: number): SceneSpec {
  const rnd = seededRandom(seed);
  const villages = Array.from({ length: 12 }, () => ({
    bearing: rnd() * 360,
    dist: 6000 * Math.sqrt(rnd()),
    radius: 600 + rnd() * 2000,
    seed: Math.floor(rnd() * 1e9),
    hole: rnd() < 0.2,
  }));
  const list: SceneSpec['sites'] = [];
  for (let s = 0; s < sites; s++) {
    const kind = rnd();
    const base = { bearing: rnd() * 360, dist: 8000 * Math.sqrt(rnd()), radius: 700 + Math.round(rnd() * 2500), operator: ['A', 'B', 'C'][s % 3] };
    if (kind < 0.3) {
      const az = Math.round(rnd() * 360);
      for (let k = 0; k < 3; k++) list.push({ ...base, azimuth: az + 120 * k, beamwidth: 120 });
    } else if (kind < 0.45) list.push({ ...base, azimuth: rnd() * 360, beamwidth: 20 + rnd() * 320 });
    else list.push({ ...base, azimuth: null, beamwidth: null });
  }
  return { villages, sites: list };
}

function build(s: SceneSpec, lon: number, lat: number, turn = 0, siteCount = s.sites.length): { villages: VillageRecord[]; bts: BtsRecord[] } {
  const villages = s.villages.map((v, i) => {
    const [vlon, vlat] = offset(lon, lat, v.bearing + turn, v.dist);
    return villageRecord(`v${i}`, villageGeometry(v, vlon, vlat, turn));
  });
  const bts = s.sites.slice(0, siteCount).map((t, i) => {
    const [slon, slat] = offset(lon, lat, t.bearing + turn, t.dist);
    return btsRecord(`b${i}`, slon, slat, { operator: t.operator, radiusM: t.radius, azimuthDeg: t.azimuth === null ? null : t.azimuth + turn, beamwidthDeg: t.beamwidth });
  });
  return { villages, bts };
}

/** A random star-shaped village (seeded), every vertex bearing turned by `turn` degrees. */
function villageGeometry(v: SceneSpec['villages'][number], lon: number, lat: number, turn: number): MultiPolygonCoords {
  const rnd = seededRandom(v.seed);
  const n = 12;
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const bearing = (360 * (i + 0.8 * rnd())) / n;
    ring.push(offset(lon, lat, -bearing + turn, v.radius * (0.5 + 0.5 * rnd())));
  }
  ring.push(ring[0]);
  const poly = [ring];
  if (v.hole) {
    const hole = [45, 135, 225, 315].map((b) => offset(lon, lat, b + turn, v.radius * 0.2 * Math.SQRT2));
    hole.push(hole[0]);
    poly.push(hole);
  }
  return [poly];
}

function run(villages: VillageRecord[], bts: BtsRecord[]) {
  return computeMobileCoverage(packVillages(villages), packFootprints(bts, defaultParams()), null, { start: 0, end: villages.length });
}

const SEEDS = [1, 2, 3, 4, 5, 6];

describe('coverage invariants (seeded random scenes)', () => {
  it('gives fractions within [0, 1], overall and per operator and technology', () => {
    for (const seed of SEEDS) {
      const { villages, bts } = build(spec(seed, 10), 107.9, 14.5);
      const r = run(villages, bts);
      for (const arr of [r.areaFraction, r.popFraction, r.byOperator, r.byTech, r.popByOperator, r.popByTech]) {
        for (const x of arr) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
      }
      // The union covers at least what any one operator covers.
      for (let i = 0; i < villages.length; i++) {
        for (let op = 0; op < r.operatorCount; op++) expect(r.byOperator[i * r.operatorCount + op]).toBeLessThanOrEqual(r.areaFraction[i] + 1e-12);
      }
    }
  });

  it('never lowers a fraction when a site is added', () => {
    for (const seed of SEEDS) {
      const s = spec(seed, 12);
      let prev: Float64Array | null = null;
      for (let k = 0; k <= s.sites.length; k += 3) {
        const { villages, bts } = build(s, 107.9, 14.5, 0, k);
        const r = run(villages, bts);
        if (prev) for (let i = 0; i < villages.length; i++) expect(r.areaFraction[i]).toBeGreaterThanOrEqual(prev[i] - 1e-12);
        prev = r.areaFraction;
      }
    }
  });

  it('does not change when the scene moves along a parallel (an exact isometry of the ellipsoid)', () => {
    for (const seed of SEEDS) {
      const s = spec(seed, 10);
      const here = build(s, 107.9, 14.5);
      const east = build(s, 107.9 + 0.0371, 14.5);
      const a = run(here.villages, here.bts);
      const b = run(east.villages, east.bts);
      for (let i = 0; i < a.areaFraction.length; i++) expect(Math.abs(a.areaFraction[i] - b.areaFraction[i])).toBeLessThan(1e-9);
    }
  });

  it('changes by < 1e-6 when a village and its sites are rebuilt 5 km further north or turned by 33°', () => {
    // Each village with the sites placed around it by geodesic bearing and distance from its centre:
    // rebuilt elsewhere or turned, the local geometry is the same up to the ellipsoid's curvature.
    let partial = 0;
    for (const seed of SEEDS) {
      const s = spec(seed, 10);
      for (let i = 0; i < s.villages.length; i += 3) {
        const local = (lon: number, lat: number, turn: number) => {
          const village = villageRecord('v', villageGeometry(s.villages[i], lon, lat, turn));
          const bts = s.sites.map((t, k) => {
            const [slon, slat] = offset(lon, lat, t.bearing + turn, t.dist * 0.6);
            return btsRecord(`b${k}`, slon, slat, { operator: t.operator, radiusM: t.radius, azimuthDeg: t.azimuth === null ? null : t.azimuth + turn, beamwidthDeg: t.beamwidth });
          });
          return run([village], bts).areaFraction[0];
        };
        const a = local(107.9, 14.5, 0);
        if (a > 0.01 && a < 0.99) partial++;
        expect(Math.abs(local(107.9, 14.5 + 5000 / 110_574, 0) - a)).toBeLessThan(1e-6);
        expect(Math.abs(local(107.9, 14.5, 33) - a)).toBeLessThan(1e-6);
      }
    }
    expect(partial).toBeGreaterThan(5);
  });

  it('does not mutate its inputs and gives the same answer in chunks', () => {
    const { villages, bts } = build(spec(9, 10), 107.9, 14.5);
    const before = JSON.stringify({ villages, bts });
    const pv = packVillages(villages);
    const fp = packFootprints(bts, defaultParams());
    const whole = computeMobileCoverage(pv, fp, null, { start: 0, end: pv.count });
    const first = computeMobileCoverage(pv, fp, null, { start: 0, end: 5 });
    const rest = computeMobileCoverage(pv, fp, null, { start: 5, end: pv.count });
    expect(JSON.stringify({ villages, bts })).toBe(before);
    expect([...first.areaFraction, ...rest.areaFraction]).toEqual([...whole.areaFraction]);
    expect([...first.byOperator, ...rest.byOperator]).toEqual([...whole.byOperator]);
    expect(rest.start).toBe(5);
  });
});
