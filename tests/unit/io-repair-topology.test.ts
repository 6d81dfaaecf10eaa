import { describe, expect, it } from 'vitest';
import { repairPolygon } from '../../src/core/io/repair-polygon.ts';

/** `n` positions along the segment from a to b (a included, b not). */
function along(a: [number, number], b: [number, number], n: number): [number, number][] {
  return Array.from({ length: n }, (_, i) => [a[0] + ((b[0] - a[0]) * i) / n, a[1] + ((b[1] - a[1]) * i) / n] as [number, number]);
}

/** A bow-tie (its two long edges cross at (2, 2)) with `perEdge` vertices on each of its four edges. */
function bowTie(perEdge: number): [number, number][] {
  const ring = [...along([0, 0], [4, 4], perEdge), ...along([4, 4], [4, 0], perEdge), ...along([4, 0], [0, 4], perEdge), ...along([0, 4], [0, 0], perEdge)];
  return [...ring, ring[0]];
}

/** A square with `perEdge` vertices on each edge, and a square hole of the same kind at `hole`. */
function square(x: number, y: number, size: number, perEdge: number): [number, number][] {
  const ring = [...along([x, y], [x + size, y], perEdge), ...along([x + size, y], [x + size, y + size], perEdge),
    ...along([x + size, y + size], [x, y + size], perEdge), ...along([x, y + size], [x, y], perEdge)];
  return [...ring, ring[0]];
}

// Below and above the edge count from which edges are paired through an R-tree (64): the same verdicts.
describe.each([3, 40])('polygon topology with %i vertices per side', (perEdge) => {
  it('finds a self-intersection', () => {
    const r = repairPolygon({ type: 'Polygon', coordinates: [bowTie(perEdge)] });
    expect(r.repairs).toContain('self-intersection');
  });

  it('finds a hole outside its shell, and overlapping parts', () => {
    const hole = repairPolygon({ type: 'Polygon', coordinates: [square(0, 0, 4, perEdge), square(10, 10, 1, perEdge)] });
    expect(hole.repairs).toContain('hole-outside-shell');
    const parts = repairPolygon({ type: 'MultiPolygon', coordinates: [[square(0, 0, 4, perEdge)], [square(2, 2, 4, perEdge)]] });
    expect(parts.repairs).toContain('overlapping-parts');
  });

  it('leaves a valid polygon with a hole, and parts that touch in a corner, unrepaired', () => {
    expect(repairPolygon({ type: 'Polygon', coordinates: [square(0, 0, 4, perEdge), [...square(1, 1, 1, perEdge)].reverse()] }).repairs).toEqual([]);
    expect(repairPolygon({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1, perEdge)], [square(1, 1, 1, perEdge)]] }).repairs).toEqual([]);
  });
});
