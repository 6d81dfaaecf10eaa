import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { ConformalFrame } from '../../src/core/geo/conformal-frame.ts';
import { geodesicDirect, geodesicDistance, geodesicInverse } from '../../src/core/geo/geodesic.ts';
import { seededRandom } from '../helpers/coverage-scene.ts';

const G = geodesic.Geodesic.WGS84;
const CENTRES: [number, number][] = [[107.9, 14.5], [-8.2, 51.0], [10.75, 60.0], [28.3, -29.6]];

describe('ConformalFrame (oblique stereographic on the Gauss sphere, EPSG 9809)', () => {
  for (const [lon0, lat0] of CENTRES) {
    it(`keeps geodesic distances within 15 km of (${lon0}, ${lat0}) to ≲ 1e-6`, () => {
      const frame = new ConformalFrame(lon0, lat0);
      const rnd = seededRandom(Math.round(lat0 * 100));
      let worstRadial = 0;
      let worstPair = 0;
      for (let i = 0; i < 300; i++) {
        const d1 = 15000 * Math.sqrt(rnd());
        const p = G.Direct(lat0, lon0, rnd() * 360, d1);
        const [x1, y1] = frame.project(p.lon2!, p.lat2!);
        worstRadial = Math.max(worstRadial, Math.abs(Math.hypot(x1, y1) / d1 - 1));
        // Pairs inside a 7.5 km disk: every distance up to 15 km, scale ≤ 1 + (7.5 km / 2R)².
        const a = G.Direct(lat0, lon0, rnd() * 360, 7500 * Math.sqrt(rnd()));
        const b = G.Direct(lat0, lon0, rnd() * 360, 7500 * Math.sqrt(rnd()));
        const s = G.Inverse(a.lat2!, a.lon2!, b.lat2!, b.lon2!).s12!;
        if (s < 100) continue;
        const [ax, ay] = frame.project(a.lon2!, a.lat2!);
        const [bx, by] = frame.project(b.lon2!, b.lat2!);
        worstPair = Math.max(worstPair, Math.abs(Math.hypot(bx - ax, by - ay) / s - 1));
      }
      expect(worstRadial).toBeLessThan(1e-6);
      expect(worstPair).toBeLessThan(1e-6);
      expect(frame.scaleAt(lon0, lat0)).toBeCloseTo(1, 14);
    });

    it(`inverts forward to 1e-12° and measures the distance from its centre to 1e-8 at (${lon0}, ${lat0})`, () => {
      const frame = new ConformalFrame(lon0, lat0);
      const rnd = seededRandom(7);
      for (let i = 0; i < 200; i++) {
        const d = 100_000 * rnd();
        const p = G.Direct(lat0, lon0, rnd() * 360, d);
        const [x, y] = frame.project(p.lon2!, p.lat2!);
        const [lon, lat] = frame.unproject(x, y);
        expect(Math.abs(lon - p.lon2!)).toBeLessThan(1e-12);
        expect(Math.abs(lat - p.lat2!)).toBeLessThan(1e-12);
        if (d > 1) expect(Math.abs(frame.distanceFromCentre(x, y) / d - 1)).toBeLessThan(1e-8);
      }
    });

    it(`maps geodesic circles to circles (1e-6 m) and true north to its angle near (${lon0}, ${lat0})`, () => {
      const frame = new ConformalFrame(lon0, lat0);
      const rnd = seededRandom(11);
      const out = new Float64Array(6);
      for (let i = 0; i < 40; i++) {
        const site = G.Direct(lat0, lon0, rnd() * 360, 15000 * rnd());
        const r = 300 + rnd() * 9000;
        frame.footprintCircle(site.lon2!, site.lat2!, r, out, 0);
        const [px, py] = frame.project(site.lon2!, site.lat2!);
        expect(out[3]).toBe(px);
        expect(out[4]).toBe(py);
        for (let k = 0; k < 36; k++) {
          const q = G.Direct(site.lat2!, site.lon2!, k * 10, r);
          const [x, y] = frame.project(q.lon2!, q.lat2!);
          expect(Math.abs(Math.hypot(x - out[0], y - out[1]) - out[2])).toBeLessThan(1e-6);
        }
        const north = G.Direct(site.lat2!, site.lon2!, 0, 0.01);
        const [nx, ny] = frame.project(north.lon2!, north.lat2!);
        expect(Math.abs(Math.atan2(ny - py, nx - px) - out[5])).toBeLessThan(1e-6);
      }
    });
  }

  it('refuses a centre it cannot use, naming the value', () => {
    expect(() => new ConformalFrame(10, 95)).toThrow(/95/);
    expect(() => new ConformalFrame(Number.NaN, 10)).toThrow(/lon\/lat/);
  });
});

describe('geodesic helpers', () => {
  it('wrap GeographicLib: direct then inverse returns the distance and azimuth', () => {
    const [lon, lat] = geodesicDirect(107.9, 14.5, 37, 12345.678);
    const inv = geodesicInverse(107.9, 14.5, lon, lat);
    expect(inv.distanceM).toBeCloseTo(12345.678, 6);
    expect(inv.azimuth1Deg).toBeCloseTo(37, 9);
    expect(geodesicDistance(107.9, 14.5, lon, lat)).toBeCloseTo(12345.678, 6);
  });
});
