import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGeoJson, readVillages } from '../../src/core/io/read-geojson.ts';
import { repairPolygon } from '../../src/core/io/repair-polygon.ts';
import type { MultiPolygonCoords, Position } from '../../src/core/model.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}
function area(g: MultiPolygonCoords): number {
  return g.reduce((t, poly) => t + poly.reduce((a, ring) => a + ringArea(ring), 0), 0);
}
function expectWellFormed(g: MultiPolygonCoords): void {
  for (const poly of g) {
    poly.forEach((ring, i) => {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ring.length).toBeGreaterThanOrEqual(4);
      if (i === 0) expect(ringArea(ring)).toBeGreaterThan(0);
      else expect(ringArea(ring)).toBeLessThan(0);
    });
  }
}

describe('repairPolygon', () => {
  it('leaves a valid polygon alone except for orientation (outer CCW, holes CW)', () => {
    const cwOuter = [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]];
    const ccwHole = [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]];
    const r = repairPolygon({ type: 'Polygon', coordinates: [cwOuter, ccwHole] });
    expect(r.repairs).toEqual([]);
    expect(r.invalidReason).toBeUndefined();
    expectWellFormed(r.geometry);
    expect(area(r.geometry)).toBe(15);
  });

  it('splits a bow-tie into two triangles by the non-zero rule', () => {
    const r = repairPolygon({ type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] });
    expect(r.repairs).toContain('self-intersection');
    expect(r.invalidReason).toBeUndefined();
    expect(r.geometry).toHaveLength(2);
    expectWellFormed(r.geometry);
    expect(area(r.geometry)).toBeCloseTo(2, 12);
  });

  it('closes an unclosed ring', () => {
    const r = repairPolygon({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] });
    expect(r.repairs).toEqual(['closed-ring']);
    expectWellFormed(r.geometry);
    expect(area(r.geometry)).toBe(1);
  });

  it('drops repeated vertices and out-and-back spikes', () => {
    const r = repairPolygon({
      type: 'Polygon',
      coordinates: [[[0, 0], [1, 0], [1, 0], [1, 1], [3, 3], [1, 1], [0, 1], [0, 0]]],
    });
    expect(r.repairs).toEqual(['removed-repeated-vertices', 'removed-spike']);
    expect(r.geometry).toEqual([[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]]);
  });

  it('rebuilds a ring that folds back along itself', () => {
    const r = repairPolygon({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [2, 1], [0, 2], [0, 0]]] });
    expect(r.repairs).toContain('self-intersection');
    expectWellFormed(r.geometry);
  });

  it('keeps a zero-area or too-short polygon with a reason, never drops it', () => {
    const line = repairPolygon({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [2, 2], [0, 0]]] });
    expect(line.invalidReason).toBe('zero-area');
    expect(line.geometry).toEqual([[[[0, 0], [1, 1], [2, 2], [0, 0]]]]);
    const two = repairPolygon({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] });
    expect(two.invalidReason).toBe('too-few-points');
    const junk = repairPolygon({ type: 'Polygon', coordinates: [[[0, 0], ['a', 1], [0, 1]]] });
    expect(junk.invalidReason).toBe('bad-coordinates');
  });

  it('drops a degenerate part of a MultiPolygon and says so', () => {
    const r = repairPolygon({
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 6], [5, 5]]]],
    });
    expect(r.repairs).toEqual(['dropped-degenerate-part']);
    expect(r.geometry).toHaveLength(1);
  });

  it('unions parts nested inside each other and reports the area lost to double counting', () => {
    const outer = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const inner = [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]];
    const r = repairPolygon({ type: 'MultiPolygon', coordinates: [[outer], [inner]] });
    expect(r.repairs).toContain('overlapping-parts');
    expect(r.repairs).toContain('area-lost');
    expect(area(r.geometry)).toBe(16);
    expect(r.areaChange).toBeCloseTo(-1 / 17, 12);
  });

  it('clips a hole that lies outside its shell', () => {
    const r = repairPolygon({
      type: 'Polygon',
      coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]],
    });
    expect(r.repairs).toContain('hole-outside-shell');
    expect(area(r.geometry)).toBe(4);
  });

  it('accepts a hole touching the shell in one point (valid) without a repair', () => {
    const r = repairPolygon({
      type: 'Polygon',
      coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[0, 2], [1, 1], [1, 3], [0, 2]]],
    });
    expect(r.repairs).toEqual([]);
  });
});

describe('the 76 invalid wards of 2025 (real bad input)', () => {
  const table = parseGeoJson(fixture('wards-2025-invalid.geojson'));
  const result = readVillages(table);

  it('gives one record per feature, in order, none dropped', () => {
    expect(table.features).toHaveLength(76);
    expect(result.records).toHaveLength(76);
    expect(result.records.map((r) => r.id)).toEqual(table.features.map((f) => f.properties.id));
  });

  it('repairs or reports every one of them', () => {
    for (const r of result.records) {
      const handled = (r.repairs?.length ?? 0) > 0 || r.invalidReason !== undefined;
      expect(handled, `${r.id} neither repaired nor reported`).toBe(true);
      if (r.invalidReason === undefined) expectWellFormed(r.geometry);
    }
  });

  it('names the repair that matches what GEOS saw', () => {
    const geos = new Map(table.features.map((f) => [f.properties.id, String(f.properties.geos_reason)]));
    for (const r of result.records) {
      const reason = geos.get(r.id) ?? '';
      // GEOS says "Self-intersection" also when two parts of a MultiPolygon cross, or when a part
      // has collapsed onto a line (ward 22291: eleven points on one parallel).
      const selfCodes = ['self-intersection', 'overlapping-parts', 'dropped-degenerate-part'];
      if (/Self-intersection/i.test(reason)) {
        expect(r.repairs?.some((c) => selfCodes.includes(c)), r.id).toBe(true);
      }
      if (/Too few points/i.test(reason)) expect(r.repairs, r.id).toContain('dropped-degenerate-part');
      if (/Nested shells/i.test(reason)) expect(r.repairs, r.id).toContain('overlapping-parts');
    }
  });

  it('reports every repair that lost area beyond the tolerance', () => {
    const lost = result.records.filter((r) => r.repairs?.includes('area-lost')).map((r) => r.id);
    expect(result.issues.filter((i) => i.code === 'area-lost').map((i) => table.features[i.index].properties.id)).toEqual(lost);
  });
});
