import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, scoreText } from '../../src/core/io/encoding/detect-encoding.ts';
import { decodeBytes, parseEncodingLabel, type TextEncoding } from '../../src/core/io/encoding/text-encodings.ts';
import { isVietnameseSyllable } from '../../src/core/io/encoding/vietnamese-syllables.ts';
import { decodeVni } from '../../src/core/io/encoding/vni.ts';

/** The commune and district names of Kon Tum, written by glibc iconv (and vni_encode.py) in each encoding. */
const F = 'tests/fixtures/formats';
const names = readFileSync(`${F}/names.utf-8.txt`, 'utf8');
const LEGACY: [TextEncoding, string][] = [
  ['tcvn3', 'names.tcvn3.txt'],
  ['windows-1258', 'names.windows-1258.txt'],
  ['viscii', 'names.viscii.txt'],
  ['vni', 'names.vni.txt'],
];

function bytes(text: string, encoding: 'latin1' | 'utf8' = 'latin1'): Uint8Array {
  return new Uint8Array(Buffer.from(text, encoding));
}

describe('decoding the Vietnamese encodings', () => {
  it.each(LEGACY)('%s gives every name exactly, in NFC', (encoding, file) => {
    const text = decodeBytes(readFileSync(`${F}/${file}`), encoding);
    expect(text).toBe(names.normalize('NFC'));
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toMatch(/Đắk Tô/);
  });

  it('reads UTF-16 with its byte-order mark', () => {
    const raw = readFileSync(`${F}/names.utf-16.txt`);
    const choice = chooseEncoding(raw);
    expect(choice).toMatchObject({ from: 'bom' });
    expect(decodeBytes(raw, choice.encoding)).toBe(names);
  });

  it('reads VNI as its fonts write it (vectors from published VNI tables, not from our encoder)', () => {
    expect(decodeVni(bytes('Xin chaøo caùc baïn'))).toBe('Xin chào các bạn');
    expect(decodeVni(bytes('Ñaék Haø, Ngoïc Hoài, Tröôøng, Thöøa Thieân Hueá, Quaûng Ngaõi'))).toBe('Đắk Hà, Ngọc Hồi, Trường, Thừa Thiên Huế, Quảng Ngãi');
    expect(decodeVni(bytes('AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË Ô ÔÙ Ö ÖØ Í Ì Æ Ó Ò YÙ Î Ñ'))).toBe(
      'Á À Ả Ã Ạ Â Ấ Ầ Ẩ Ẫ Ậ Ă Ắ Ằ Ẳ Ẵ Ặ Ơ Ớ Ư Ừ Í Ì Ỉ Ĩ Ị Ý Ỵ Đ');
  });

  it('names encodings the way .cpg files, the CLI and people write them', () => {
    expect(parseEncodingLabel('UTF-8')).toBe('utf-8');
    expect(parseEncodingLabel('65001')).toBe('utf-8');
    expect(parseEncodingLabel('CP1258')).toBe('windows-1258');
    expect(parseEncodingLabel('TCVN5712-1')).toBe('tcvn3');
    expect(parseEncodingLabel('ABC')).toBe('tcvn3');
    expect(parseEncodingLabel('VNI-Windows')).toBe('vni');
    expect(parseEncodingLabel('ANSI 1252')).toBe('windows-1252');
    expect(parseEncodingLabel('KOI8-R')).toBeNull();
  });
});

describe('choosing the encoding', () => {
  it.each(LEGACY)('detects %s from the names alone, sure of it', (encoding, file) => {
    const choice = chooseEncoding(readFileSync(`${F}/${file}`));
    expect(choice).toMatchObject({ encoding, from: 'detected', certain: true });
    expect(choice.candidates[0].encoding).toBe(encoding);
  });

  it('takes UTF-8 when the bytes are valid UTF-8 with Vietnamese in them', () => {
    expect(chooseEncoding(readFileSync(`${F}/names.utf-8.txt`))).toMatchObject({ encoding: 'utf-8', from: 'detected', certain: true });
  });

  it('lets the user\'s choice win, then a BOM, then a .cpg; a weak "ANSI 1252" only breaks ties', () => {
    const tcvn = readFileSync(`${F}/names.tcvn3.txt`);
    expect(chooseEncoding(tcvn, { given: 'vni', declared: 'UTF-8' })).toMatchObject({ encoding: 'vni', from: 'given' });
    expect(chooseEncoding(tcvn, { declared: 'VISCII' })).toMatchObject({ encoding: 'viscii', from: 'declared', declared: 'VISCII' });
    expect(chooseEncoding(tcvn, { declared: 'ANSI 1252' })).toMatchObject({ encoding: 'tcvn3', from: 'detected', declared: 'ANSI 1252' });
    // A .cpg saying UTF-8 over bytes that are not UTF-8 is not believed.
    expect(chooseEncoding(tcvn, { declared: 'UTF-8' })).toMatchObject({ encoding: 'tcvn3', from: 'detected' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...tcvn]);
    expect(chooseEncoding(bom, { declared: 'VISCII' })).toMatchObject({ encoding: 'utf-8', from: 'bom' });
  });

  it('says when it is unsure (a single short name)', () => {
    const one = new Uint8Array(Buffer.from('Thôn 1', 'utf8'));
    const tcvnOne = new Uint8Array(readFileSync(`${F}/names.tcvn3.txt`).subarray(0, 12));
    expect(chooseEncoding(one).encoding).toBe('utf-8');
    expect(chooseEncoding(tcvnOne).certain).toBe(false);
  });

  it('scores words by their shape as Vietnamese syllables', () => {
    for (const w of ['Làng', 'Đắk', 'Ngọc', 'Hồi', 'nghiêng', 'khuỷu', 'Krông', 'Tíh', 'Yiêng', 'quốc']) expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ['Lµng', 'Ðåk', 'Thàà', 'aêo', 'Laøng', 'Hoài' + 'ø', 'ngãả']) expect(isVietnameseSyllable(w), w).toBe(false);
    expect(scoreText('Làng Pxi, Đắk Tô')).toMatchObject({ valid: 3, invalid: 0, bad: 0 });
    expect(scoreText('L\u00b5ng Pxi \uFFFD').bad).toBe(1);
  });
});
