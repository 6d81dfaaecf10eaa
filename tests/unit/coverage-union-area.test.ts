import { describe, expect, it } from 'vitest';
import { computeMobileCoverage } from '../../src/core/coverage/compute-mobile-coverage.ts';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../src/core/coverage/packed-villages.ts';
import { defaultParams } from '../../src/core/params.ts';
import { PlanarPolygon } from '../../src/core/coverage/planar-polygon.ts';
import { ShapeBuffer } from '../../src/core/coverage/shapes.ts';
import { UnionAreaCalculator } from '../../src/core/coverage/union-area.ts';
import { btsRecord, offset, randomVillageGeometry, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';

/** Degenerate planar layouts (tangencies, vertices on circles, shared edges) with exact answers. */
type Sector = { px: number; py: number; fromDeg: number; toDeg: number };

function areaOf(ring: number[][], shapes: [number, number, number, Sector?][]): number {
  const poly = new PlanarPolygon();
  poly.loadPlanar(ring.flat(), [0, ring.length], [0, 1]);
  const buf = new ShapeBuffer();
  shapes.forEach(([cx, cy, r, sector], i) => buf.addPlanar(i, cx, cy, r, sector));
  const subset = Int32Array.from({ length: buf.count }, (_, i) => i);
  return new UnionAreaCalculator().area(poly, buf, subset, buf.count);
}

const square = (h: number) => [[-h, -h], [h, -h], [h, h], [-h, h]];

describe('UnionAreaCalculator on degenerate layouts', () => {
  it('handles a circle through two vertices', () => {
    const unit = [[0, 0], [1000, 0], [1000, 1000], [0, 1000]];
    expect(areaOf(unit, [[0, 0, 1000]])).toBeCloseTo((Math.PI / 4) * 1e6, 4);
  });

  it('handles a circle through all four vertices, and one tangent to all four edges', () => {
    expect(areaOf(square(1000), [[0, 0, 1000 * Math.SQRT2]])).toBeCloseTo(4e6, 4);
    expect(areaOf(square(1000), [[0, 0, 1000]])).toBeCloseTo(Math.PI * 1e6, 4);
  });

  it('gives nothing for a disk touching an edge from outside', () => {
    expect(areaOf(square(1000), [[0, 2000, 1000]])).toBeCloseTo(0, 6);
  });

  it('drops a disk internally tangent to a bigger one', () => {
    const big = areaOf(square(1000), [[500, 0, 1000]]);
    expect(areaOf(square(1000), [[500, 0, 1000], [0, 0, 500]])).toBeCloseTo(big, 4);
    expect(areaOf(square(1000), [[0, 0, 500], [500, 0, 1000]])).toBeCloseTo(big, 4);
  });

  it('counts identical disks once, whatever their order', () => {
    const one = areaOf(square(1000), [[300, 200, 800]]);
    expect(areaOf(square(1000), [[300, 200, 800], [300, 200, 800], [300, 200, 800]])).toBe(one);
  });

  it('joins disks a millimetre apart without a seam', () => {
    const one = areaOf(square(1000), [[0, 0, 500]]);
    const two = areaOf(square(1000), [[0, 0, 500], [0.001, 0, 500]]);
    expect(two - one).toBeGreaterThan(0);
    expect(two - one).toBeLessThan(1.01);
  });

  it('makes a disk of sectors sharing edges, and counts a shared edge or arc once', () => {
    // Apex off the origin, so that a wrongly counted or dropped straight edge changes the integral.
    const c = { x: 150, y: -250 };
    const p = { px: c.x, py: c.y };
    const disk = areaOf(square(1000), [[c.x, c.y, 600]]);
    const three = areaOf(square(1000), [
      [c.x, c.y, 600, { ...p, fromDeg: 10, toDeg: 130 }],
      [c.x, c.y, 600, { ...p, fromDeg: 130, toDeg: 250 }],
      [c.x, c.y, 600, { ...p, fromDeg: 250, toDeg: 10 }],
    ]);
    expect(three).toBeCloseTo(disk, 4);
    // A narrow sector on the same edge as a wider one with a longer radius: the edge counts once.
    const wide = areaOf(square(1000), [[c.x, c.y, 600, { ...p, fromDeg: 0, toDeg: 90 }]]);
    expect(wide).toBeCloseTo((Math.PI * 600 ** 2) / 4, 4);
    expect(areaOf(square(1000), [[c.x, c.y, 600, { ...p, fromDeg: 0, toDeg: 90 }], [c.x, c.y, 300, { ...p, fromDeg: 0, toDeg: 30 }]])).toBeCloseTo(wide, 4);
    expect(areaOf(square(1000), [[c.x, c.y, 300, { ...p, fromDeg: 0, toDeg: 30 }], [c.x, c.y, 600, { ...p, fromDeg: 0, toDeg: 90 }]])).toBeCloseTo(wide, 4);
    expect(areaOf(square(1000), [[c.x, c.y, 600, { ...p, fromDeg: 0, toDeg: 90 }], [c.x, c.y, 300, { ...p, fromDeg: 60, toDeg: 90 }]])).toBeCloseTo(wide, 4);
    // Overlapping sectors on one circle: the shared arc counts once.
    const both = areaOf(square(1000), [[c.x, c.y, 600, { ...p, fromDeg: 0, toDeg: 90 }], [c.x, c.y, 600, { ...p, fromDeg: 45, toDeg: 135 }]]);
    expect(both).toBeCloseTo((Math.PI * 600 ** 2 * 135) / 360, 4);
    // A sector whose straight edge halves the square.
    expect(areaOf(square(1000), [[0, 0, 3000, { px: 0, py: 0, fromDeg: 0, toDeg: 180 }]])).toBeCloseTo(2e6, 4);
  });
});

describe('sectors of one mast through the whole pipeline', () => {
  it('three 120° sectors at non-integer azimuths equal the disk, and every operator alone too', () => {
    const rnd = seededRandom(5);
    const [lon, lat] = [107.9, 14.5];
    const geometry = randomVillageGeometry(rnd, lon, lat, 1500);
    const [slon, slat] = offset(lon, lat, 70, 900);
    const sectors = [33.3, 153.3, 273.3].flatMap((az, k) => ['A', 'B'].map((operator) => btsRecord(`s${k}${operator}`, slon, slat, { operator, radiusM: 1700, azimuthDeg: az, beamwidthDeg: 120 })));
    const disk = [btsRecord('d', slon, slat, { radiusM: 1700 })];
    const params = defaultParams();
    const pv = packVillages([villageRecord('v', geometry)]);
    const a = computeMobileCoverage(pv, packFootprints(sectors, params), null, { start: 0, end: 1 });
    const b = computeMobileCoverage(pv, packFootprints(disk, params), null, { start: 0, end: 1 });
    expect(b.areaFraction[0]).toBeGreaterThan(0.05);
    expect(b.areaFraction[0]).toBeLessThan(0.95);
    expect(Math.abs(a.areaFraction[0] - b.areaFraction[0])).toBeLessThan(1e-9);
    expect(Math.abs(a.byOperator[0] - b.areaFraction[0])).toBeLessThan(1e-9);
    expect(Math.abs(a.byOperator[1] - b.areaFraction[0])).toBeLessThan(1e-9);
  });
});
