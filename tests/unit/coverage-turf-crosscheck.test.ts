import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { computeMobileCoverage } from '../../src/core/coverage/compute-mobile-coverage.ts';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../src/core/coverage/packed-villages.ts';
import { defaultParams } from '../../src/core/params.ts';
import { btsRecord, offset, randomVillageGeometry, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';

/** Turf's sphere (R = 6,371,008.8 m) against the ellipsoid's Gaussian radius √(Mν): scaling the radius by their ratio gives Turf's circle the geodesic disk's area. */
function sphereRadiusScale(latDeg: number): number {
  const a = 6378137;
  const e2 = 0.00669437999014;
  const s2 = Math.sin((latDeg * Math.PI) / 180) ** 2;
  const m = (a * (1 - e2)) / (1 - e2 * s2) ** 1.5;
  const nu = a / Math.sqrt(1 - e2 * s2);
  return 6371008.8 / Math.sqrt(m * nu);
}

/**
 * A slow, approximate and fully independent oracle: Turf's 256-step circles (on a sphere: even with an
 * area-matched radius they are ellipses ±0.3% off the geodesic circle), polygon union, intersection and spherical area.
 * Agreement to ~1e-3 on average (5e-3 at worst) is what Turf can give: on these very cases the engine
 * agrees with the exact geodesic reference to 1e-8, so the gap is Turf's sphere.
 */
describe('area fraction vs Turf (circles of 256 steps, union, intersect, area)', () => {
  it('agrees to ~1e-3 on small random cases at 14.5°N', () => {
    const rnd = seededRandom(2024);
    const params = defaultParams();
    let worst = 0;
    let partial = 0;
    let sum = 0;
    for (let k = 0; k < 12; k++) {
      const lon = 107.5 + rnd();
      const lat = 14.5 + rnd() * 0.3;
      const geometry = randomVillageGeometry(rnd, lon, lat, 800 + rnd() * 1500);
      const bts = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
        const [slon, slat] = offset(lon, lat, rnd() * 360, 300 + rnd() * 2000);
        return btsRecord(`b${i}`, slon, slat, { radiusM: 600 + Math.round(rnd() * 1400) });
      });
      const ours = computeMobileCoverage(packVillages([villageRecord('v', geometry)]), packFootprints(bts, params), null, { start: 0, end: 1 }).areaFraction[0];
      const circles = bts.map((b) => turf.circle([b.lon, b.lat], b.radiusM! * sphereRadiusScale(b.lat), { steps: 256, units: 'meters' }));
      const union = circles.length === 1 ? circles[0] : turf.union(turf.featureCollection(circles));
      const village = turf.multiPolygon(geometry);
      const inter = union ? turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([village, union as Feature<Polygon | MultiPolygon>])) : null;
      const theirs = inter ? turf.area(inter) / turf.area(village) : 0;
      const err = Math.abs(ours - theirs);
      worst = Math.max(worst, err);
      if (ours > 0.01 && ours < 0.99) partial++;
      expect(err, `case ${k}: ours ${ours}, Turf ${theirs}`).toBeLessThan(5e-3);
      sum += err;
    }
    expect(partial).toBeGreaterThanOrEqual(4);
    expect(sum / 12).toBeLessThan(2e-3);
  });
});
