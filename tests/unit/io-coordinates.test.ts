import { describe, expect, it } from 'vitest';
import { lonLatProblem, parseCoordinate } from '../../src/core/io/coordinates.ts';
import { resolveFields } from '../../src/core/io/field-mapping.ts';

const value = (raw: unknown, axis: 'lon' | 'lat' = 'lon') => {
  const r = parseCoordinate(raw, axis);
  return r.kind === 'value' ? r.value : r.kind;
};

describe('parseCoordinate', () => {
  it('reads decimal degrees with a dot or a decimal comma, and numbers as they are', () => {
    expect(value('107.5')).toBe(107.5);
    expect(value('107,5')).toBe(107.5);
    expect(value(' -14,25 ', 'lat')).toBe(-14.25);
    expect(value(107.504)).toBe(107.504);
    expect(value('')).toBe('empty');
    expect(value(null)).toBe('empty');
  });

  it('reads degrees-minutes-seconds with or without symbols and hemisphere letters', () => {
    const dms = 107 + 30 / 60 + 15.2 / 3600;
    expect(value(`107°30'15.2"E`)).toBeCloseTo(dms, 12);
    expect(value('107° 30′ 15,2″ E')).toBeCloseTo(dms, 12);
    expect(value('E107°30\'15.2"')).toBeCloseTo(dms, 12);
    expect(value('107 30 15.2')).toBeCloseTo(dms, 12);
    expect(value('14 21 05 N', 'lat')).toBeCloseTo(14 + 21 / 60 + 5 / 3600, 12);
    expect(value('14:21:05', 'lat')).toBeCloseTo(14 + 21 / 60 + 5 / 3600, 12);
    expect(value("14°21.5'N", 'lat')).toBeCloseTo(14 + 21.5 / 60, 12);
    expect(value('8 33 10 S', 'lat')).toBeCloseTo(-(8 + 33 / 60 + 10 / 3600), 12);
    expect(value('-107 30 00')).toBeCloseTo(-107.5, 12);
  });

  it('refuses what is not a coordinate, saying why, and a hemisphere letter of the other axis', () => {
    const r = parseCoordinate('107°30\'15"N', 'lon');
    expect(r).toEqual({ kind: 'error', message: expect.stringMatching(/latitude \(N\) in the longitude column: are the columns swapped/) });
    expect(parseCoordinate('14 75 00', 'lat')).toMatchObject({ kind: 'error', message: expect.stringMatching(/below 60/) });
    expect(parseCoordinate('abc', 'lon')).toMatchObject({ kind: 'error', message: expect.stringMatching(/"abc" is not a coordinate/) });
    expect(parseCoordinate('107.5 30', 'lon').kind).toBe('error');
    expect(parseCoordinate('1 2 3 4', 'lon').kind).toBe('error');
  });
});

describe('lonLatProblem', () => {
  it('calls a pair swapped when swapping would make it valid, and out of range otherwise, with the values', () => {
    expect(lonLatProblem(107.5, 14.3)).toBeNull();
    expect(lonLatProblem(14.3, 107.5)).toEqual({ code: 'swapped-coordinates', message: expect.stringMatching(/longitude 14.3, latitude 107.5.*swapped/) });
    expect(lonLatProblem(512345, 1612345)).toEqual({ code: 'out-of-range', message: expect.stringMatching(/\(512345, 1612345\)/) });
  });
});

describe('Vietnamese column names', () => {
  it('are matched case-, diacritic- and unit-insensitively', () => {
    const columns = ['STT', 'Mã trạm', 'Mã vị trí', 'NHÀ MẠNG', 'Công nghệ', 'Kinh độ (E)', 'Vĩ độ (N)', 'Bán kính (m)',
      'Góc phương vị (độ)', 'Độ rộng búp sóng', 'Độ cao anten [m]', 'Băng tần (MHz)'];
    expect(resolveFields(columns, ['id', 'site_id', 'operator', 'tech', 'lon', 'lat', 'radius_m', 'azimuth_deg', 'beamwidth_deg', 'height_m', 'band_mhz'])).toEqual({
      id: 'Mã trạm', site_id: 'Mã vị trí', operator: 'NHÀ MẠNG', tech: 'Công nghệ', lon: 'Kinh độ (E)', lat: 'Vĩ độ (N)',
      radius_m: 'Bán kính (m)', azimuth_deg: 'Góc phương vị (độ)', beamwidth_deg: 'Độ rộng búp sóng', height_m: 'Độ cao anten [m]', band_mhz: 'Băng tần (MHz)',
    });
    expect(resolveFields(['Tên thôn', 'Xã', 'Huyện', 'Tỉnh', 'Dân số', 'Số hộ'], ['name', 'commune', 'district', 'province', 'population', 'households'])).toEqual({
      name: 'Tên thôn', commune: 'Xã', district: 'Huyện', province: 'Tỉnh', population: 'Dân số', households: 'Số hộ',
    });
    expect(resolveFields(['Phường'], ['commune'])).toEqual({ commune: 'Phường' });
  });
});
