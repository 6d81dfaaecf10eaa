import { describe, expect, it } from 'vitest';
import { findMissingFields, normalizeFieldName, requireFields, resolveFields } from '../../src/core/io/field-mapping.ts';
import { InputError } from '../../src/core/io/input-error.ts';
import { foldDiacritics, foldDiacriticsSlow, normalizeName } from '../../src/core/io/normalize-text.ts';

describe('foldDiacritics', () => {
  it('folds character by character exactly as the full-string definition, on Vietnamese, Latin and mixed text', () => {
    // Precomposed and decomposed Vietnamese letters, đ/Đ, ASCII, punctuation and odd whitespace.
    const alphabet = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ', 'a\u0301', 'o\u031b\u0300', ' ', '  ', '\t', '\u00a0', '-', '(', '1', '9', 'Ö', 'ß', 'İ'];
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(foldDiacritics(text), JSON.stringify(text)).toBe(foldDiacriticsSlow(text));
    }
  });
  it('folds Vietnamese for search', () => {
    expect(foldDiacritics('Đắk Hà')).toBe('dak ha');
    expect(foldDiacritics('  Kon  Plông ')).toBe('kon plong');
    expect(foldDiacritics('NGỌC HỒI')).toBe('ngoc hoi');
  });
  it('matches NFC and NFD spellings alike', () => {
    expect(foldDiacritics('Đắk Tô'.normalize('NFD'))).toBe(foldDiacritics('Đắk Tô'.normalize('NFC')));
  });
});

describe('normalizeName', () => {
  it('NFC-normalises and keeps HTML as text', () => {
    const nfd = 'Thôn Kon Brây'.normalize('NFD');
    expect(normalizeName(nfd)).toBe('Thôn Kon Brây'.normalize('NFC'));
    expect(normalizeName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(normalizeName('   ')).toBeNull();
    expect(normalizeName(42)).toBe('42');
    expect(normalizeName({})).toBeNull();
  });
});

describe('field mapping', () => {
  it('normalises names: case, accents, punctuation', () => {
    expect(normalizeFieldName('Nhà mạng')).toBe('nha_mang');
    expect(normalizeFieldName('Radius (m)')).toBe('radius_m');
    expect(normalizeFieldName('LONGITUDE')).toBe('longitude');
    expect(normalizeFieldName('Dân số')).toBe('dan_so');
  });

  it('maps Vietnamese and other-case columns through aliases', () => {
    const columns = ['Mã', 'Tên', 'Dân số', 'Hộ', 'KINH_DO', 'Vĩ độ', 'Nhà mạng', 'Công nghệ', 'Bán kính'];
    const r = resolveFields(columns, ['id', 'name', 'population', 'households', 'lon', 'lat', 'operator', 'tech', 'radius_m']);
    expect(r).toEqual({
      id: 'Mã', name: 'Tên', population: 'Dân số', households: 'Hộ', lon: 'KINH_DO', lat: 'Vĩ độ',
      operator: 'Nhà mạng', tech: 'Công nghệ', radius_m: 'Bán kính',
    });
  });

  it('takes the first alias present and lets the user override', () => {
    expect(resolveFields(['X', 'lng', 'Y'], ['lon', 'lat'])).toEqual({ lon: 'lng', lat: 'Y' });
    expect(resolveFields(['net', 'Operator'], ['operator'])).toEqual({ operator: 'Operator' });
    expect(resolveFields(['a', 'b', 'lon'], ['lon', 'lat'], { lon: 'A', lat: 'b' })).toEqual({ lon: 'a', lat: 'b' });
  });

  it('takes the Vietnamese spelling of a name or place where a file gives it beside an ASCII one', () => {
    // The 2009 census communes (../shared/data/vn/communes_2009.geojson) and OpenStreetMap places.
    const census = ['province_id', 'district_id', 'commune_id', 'province', 'district', 'commune', 'province_vn', 'district_vn', 'commune_vn', 'area', 'population'];
    // (`commune_id` is not taken for an id: in a layer of villages it names their commune, shared by many.)
    expect(resolveFields(census, ['id', 'name', 'commune', 'district', 'province', 'population'])).toEqual({
      commune: 'commune_vn', district: 'district_vn', province: 'province_vn', population: 'population',
    });
    expect(resolveFields(['osm_id', 'name', 'name:en', 'name:vi'], ['name'])).toEqual({ name: 'name:vi' });
    // Without a Vietnamese column the plain one is taken; the user's choice still wins.
    expect(resolveFields(['commune', 'Tên'], ['name', 'commune'])).toEqual({ name: 'Tên', commune: 'commune' });
    expect(resolveFields(census, ['commune'], { commune: 'commune' })).toEqual({ commune: 'commune' });
  });

  it('does not let an alias steal a column the user assigned to another field', () => {
    expect(resolveFields(['id', 'code'], ['id', 'name'], { name: 'id' })).toEqual({ name: 'id', id: 'code' });
  });

  it('reports missing required fields with the columns found', () => {
    const report = findMissingFields(['easting', 'northing', 'operator'], ['lon', 'lat', 'operator']);
    expect(report.missing).toEqual(['lon', 'lat']);
    expect(report.found).toEqual(['easting', 'northing', 'operator']);
    expect(report.resolved.operator).toBe('operator');
  });

  it('throws missing-columns naming the fields and the columns found', () => {
    try {
      requireFields('BTS', ['foo', 'bar'], ['operator'], []);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const e = error as InputError;
      expect(e.name).toBe('InputError');
      expect(e.code).toBe('missing-columns');
      expect(e.params).toMatchObject({ missing: ['operator'], found: ['foo', 'bar'] });
      expect(e.message).toMatch(/operator.*Columns found: foo, bar/);
    }
  });
});
