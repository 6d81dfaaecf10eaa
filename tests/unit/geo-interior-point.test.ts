import { describe, expect, it } from 'vitest';
import { interiorPoint, interiorPointLonLat } from '../../src/core/geo/interior-point.ts';
import { PlanarPolygon } from '../../src/core/coverage/planar-polygon.ts';
import type { MultiPolygonCoords } from '../../src/core/model.ts';

function planar(parts: number[][][][]): PlanarPolygon {
  const xy: number[] = [];
  const ringStart: number[] = [];
  const partStart: number[] = [];
  for (const part of parts) {
    partStart.push(ringStart.length);
    for (const ring of part) {
      ringStart.push(xy.length / 2);
      for (const [x, y] of ring) xy.push(x, y);
    }
  }
  ringStart.push(xy.length / 2);
  partStart.push(ringStart.length - 1);
  const p = new PlanarPolygon();
  p.loadPlanar(xy, ringStart, partStart);
  return p;
}

describe('interiorPoint', () => {
  it('returns the centroid of a convex polygon', () => {
    const p = planar([[[[0, 0], [4, 0], [4, 2], [0, 2]]]]);
    const out = [0, 0];
    expect(interiorPoint(p, out)).toBe(true);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo(1, 12);
  });

  it('finds a point inside a C shape whose centroid lies outside', () => {
    const c = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10]];
    const p = planar([[c]]);
    const out = [0, 0];
    interiorPoint(p, out);
    expect(p.contains(out[0], out[1])).toBe(true);
  });

  it('avoids a hole that holds the centroid, and a scan line through vertices', () => {
    const p = planar([[[[0, 0], [10, 0], [10, 10], [0, 10]], [[2, 2], [2, 8], [8, 8], [8, 2]]]]);
    const out = [0, 0];
    interiorPoint(p, out);
    expect(p.contains(out[0], out[1])).toBe(true);
  });

  it('takes the largest part of a multipolygon', () => {
    const p = planar([[[[0, 0], [1, 0], [1, 1], [0, 1]]], [[[10, 10], [20, 10], [20, 20], [10, 20]]]]);
    const out = [0, 0];
    interiorPoint(p, out);
    expect(out[0]).toBeGreaterThan(10);
    expect(p.contains(out[0], out[1])).toBe(true);
  });

  it('says so for a polygon without area', () => {
    const out = [0, 0];
    expect(interiorPoint({ xy: [0, 0, 1, 1, 2, 2], ringStart: [0, 3], partStart: [0, 1], partCount: 1 }, out)).toBe(false);
    expect(Number.isNaN(out[0])).toBe(true);
  });

  it('works on lon/lat coordinates with closed rings', () => {
    const g: MultiPolygonCoords = [[[[107, 14], [108, 14], [108, 14.2], [107.2, 14.2], [107.2, 14.8], [108, 14.8], [108, 15], [107, 15], [107, 14]]]];
    const pt = interiorPointLonLat(g)!;
    const p = planar([[g[0][0].slice(0, -1)]]);
    expect(p.contains(pt[0], pt[1])).toBe(true);
  });
});
