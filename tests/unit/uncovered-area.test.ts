import { destination } from '@turf/turf';
import { describe, expect, test } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { BtsRecord, MultiPolygonCoords, VillageRecord } from '../../src/core/model.ts';
import { defaultParams } from '../../src/core/params.ts';
import { broadbandFootprints, uncoveredArea, type FootprintShape } from '../../src/core/coverage/uncovered-area.ts';

const LAT = 14.5;
const LON = 108;
const M_LAT = 110_600;
const M_LON = 111_320 * Math.cos((LAT * Math.PI) / 180);

/** A square of side `sideM` metres centred on (LON, LAT). */
function square(sideM: number): MultiPolygonCoords {
  const dx = sideM / 2 / M_LON;
  const dy = sideM / 2 / M_LAT;
  return [[[[LON - dx, LAT - dy], [LON + dx, LAT - dy], [LON + dx, LAT + dy], [LON - dx, LAT + dy], [LON - dx, LAT - dy]]]];
}

function disk(lon: number, lat: number, radiusM: number, record = 0): FootprintShape {
  return { lon, lat, radiusM, azimuthDeg: null, beamwidthDeg: null, record };
}

function bts(id: string, lon: number, lat: number, extra: Partial<BtsRecord> = {}): BtsRecord {
  return {
    id, siteId: id, operator: 'Viettel', tech: '4G', lon, lat, radiusM: null, azimuthDeg: null, beamwidthDeg: null,
    heightM: null, bandMhz: null, source: 'predicted', ...extra,
  };
}

describe('uncoveredArea', () => {
  test('a square half covered by a large disk leaves about half, on the uncovered side', () => {
    // A 100 km disk whose edge runs through the square's vertical centre line (sag under 5 m over 2 km).
    const radius = 100_000;
    const [cLon, cLat] = destination([LON, LAT], radius, 90, { units: 'meters' }).geometry.coordinates;
    const result = uncoveredArea(square(2000), [disk(cLon, cLat, radius)]);
    expect(result.uncoveredFraction).toBeGreaterThan(0.49);
    expect(result.uncoveredFraction).toBeLessThan(0.51);
    expect(result.villageM2).toBeGreaterThan(3.9e6);
    expect(result.villageM2).toBeLessThan(4.1e6);
    // The uncovered part lies west of the centre line (the 128-gon's chord bows ~30 m east at the corners).
    const xs = (result.geometry?.type === 'Polygon' ? result.geometry.coordinates : result.geometry?.coordinates.flat() ?? []).flat().map((p) => p[0]);
    expect(Math.max(...xs)).toBeLessThan(LON + 40 / M_LON);
  });

  test('no footprint near: the whole village is uncovered; one enclosing disk: nothing is', () => {
    const village = square(1000);
    const far = uncoveredArea(village, [disk(LON + 1, LAT, 3000)]);
    expect(far.uncoveredFraction).toBe(1);
    expect(far.footprintRecords).toEqual([]);
    const inside = uncoveredArea(village, [disk(LON, LAT, 5000, 7)]);
    expect(inside.uncoveredFraction).toBeLessThan(1e-9);
    expect(inside.footprintRecords).toEqual([7]);
  });

  test('agrees with the engine’s mobile_area_fraction to 1 % (disks, overlapping, and a sector)', () => {
    const params = { ...defaultParams(), coverageMeasure: 'area' as const };
    const village: VillageRecord = {
      id: 'v1', name: 'Thôn Một', commune: null, district: null, province: null, population: 100, households: 20,
      centre: null, geometry: square(6000),
    };
    const records = [
      bts('a', LON - 2500 / M_LON, LAT + 1000 / M_LAT, { radiusM: 2000 }),
      bts('b', LON - 1000 / M_LON, LAT + 1500 / M_LAT, { radiusM: 1800, operator: 'VinaPhone' }),
      bts('c', LON + 2800 / M_LON, LAT - 2600 / M_LAT, { azimuthDeg: 315, beamwidthDeg: 120, radiusM: 3000 }),
      bts('d', LON + 2000 / M_LON, LAT + 2000 / M_LAT, { tech: '2G', radiusM: 5000 }),
    ];
    const [row] = analyzeInThread({ villages: [village], bts: records, fibreRoutes: [], fibrePoints: [], settlements: null }, params).rows;
    const result = uncoveredArea(village.geometry, broadbandFootprints(records, params));
    expect(row.mobile_area_fraction).toBeGreaterThan(0.2);
    expect(row.mobile_area_fraction).toBeLessThan(0.8);
    expect(Math.abs(1 - result.uncoveredFraction - (row.mobile_area_fraction ?? NaN))).toBeLessThan(0.01);
    // 2G does not count as broadband by default, so its footprint is not subtracted.
    expect(result.footprintRecords.sort()).toEqual([0, 1, 2]);
  });
});

describe('broadbandFootprints', () => {
  test('keeps broadband technologies, uses the default radius, and sectors only when asked', () => {
    const params = defaultParams();
    const records = [bts('a', LON, LAT, { azimuthDeg: 90, beamwidthDeg: 120 }), bts('b', LON, LAT, { tech: '3G' })];
    const shapes = broadbandFootprints(records, params);
    expect(shapes).toEqual([{ lon: LON, lat: LAT, radiusM: params.radiusM['4G'], azimuthDeg: 90, beamwidthDeg: 120, record: 0 }]);
    const disksOnly = broadbandFootprints(records, { ...params, sectors: false });
    expect(disksOnly[0].azimuthDeg).toBeNull();
  });
});
