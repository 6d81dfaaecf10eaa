import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { operatorFromMccMnc } from '../../src/core/io/operators.ts';
import { type CsvRecord, CsvTokenizer, detectOpenCellId, parseCsv, readCsvTable, readOpenCellId, sniffDelimiter } from '../../src/core/io/read-csv.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import { readBts, readSettlements } from '../../src/core/io/read-geojson.ts';
import type { BtsRecord } from '../../src/core/model.ts';
import { settlementRecords } from '../../src/core/settlement-columns.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function thrown(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseCsv (RFC 4180)', () => {
  it('handles quotes, doubled quotes, embedded delimiters and newlines, and keeps line numbers', () => {
    const text = 'id,name,note\r\n1,"Thôn A, B","say ""hi"""\r\n2,"two\nlines",x\r\n\r\n3,plain,\r\n';
    const { rows, lines, delimiter } = parseCsv(text);
    expect(delimiter).toBe(',');
    expect(rows).toEqual([
      ['id', 'name', 'note'], ['1', 'Thôn A, B', 'say "hi"'], ['2', 'two\nlines', 'x'], ['3', 'plain', ''],
    ]);
    expect(lines).toEqual([1, 2, 3, 6]);
  });

  it('strips a BOM and sniffs ; and tab', () => {
    expect(parseCsv(new TextEncoder().encode('\uFEFFa;b\n1;2')).rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(sniffDelimiter('a\tb\tc\n1,5\t2\t3')).toBe('\t');
    expect(sniffDelimiter('"x;y",b,c\n')).toBe(',');
    expect(sniffDelimiter('lon;lat;name\n')).toBe(';');
  });

  it('says where a quote is never closed, and when the file is empty', () => {
    const e = thrown(() => parseCsv('a,b\n1,2\n3,"open\n4,5\n'));
    expect(e.code).toBe('not-csv');
    expect(e.params.line).toBe(3);
    expect(thrown(() => parseCsv('')).code).toBe('empty-file');
  });
});

describe('readCsvTable (generic lon/lat points)', () => {
  it('reports broken rows by line number, never skipping silently', () => {
    const text = [
      'Kinh độ;Vĩ độ;Nhà mạng;Công nghệ;Tên',
      '107,9;14,7;Viettel;4G;"<img src=x onerror=alert(1)>"',
      ';14.7;Viettel;4G;missing lon',
      '107.9;abc;Viettel;4G;bad lat',
      '11900000;1600000;Viettel;4G;metres',
      '107.95;14.75;MobiFone;3G;Đắk Hà',
    ].join('\n');
    const table = readCsvTable(text);
    expect(table.features).toHaveLength(2);
    expect(table.origins).toEqual([2, 6]);
    expect(table.issues.map((i) => [i.index, i.where, i.code])).toEqual([
      [3, 'line', 'missing-coordinates'], [4, 'line', 'bad-coordinates'], [5, 'line', 'out-of-range'],
    ]);
    expect(table.issues[1].message).toMatch(/^line 4: latitude: "abc" is not a coordinate/);
    const bts = readBts(table);
    expect(bts.records.map((b) => [b.id, b.operator, b.tech, b.lon, b.lat])).toEqual([
      ['line-2', 'Viettel', '4G', 107.9, 14.7], ['line-6', 'MobiFone', '3G', 107.95, 14.75],
    ]);
    // The parse issues travel with the table into the typed reader's result.
    expect(bts.issues.filter((i) => i.code !== 'generated-id').map((i) => i.index)).toEqual([3, 4, 5]);
    expect(table.features[0].properties['Tên']).toBe('<img src=x onerror=alert(1)>');
  });

  it('asks for a mapping when there are no lon/lat columns', () => {
    const e = thrown(() => readCsvTable('easting,northing,pop\n1,2,3\n'));
    expect(e.code).toBe('missing-columns');
    expect(e.params).toMatchObject({ missing: ['lon', 'lat'], found: ['easting', 'northing', 'pop'] });
    const ok = readSettlements(readCsvTable('easting,northing,pop\n107,14,3\n', { lon: 'easting', lat: 'northing' }));
    expect(settlementRecords(ok.columns)[0]).toMatchObject({ lon: 107, lat: 14, weight: 3 });
  });

  it('refuses a header with no rows', () => {
    expect(thrown(() => readCsvTable('lon,lat\n')).code).toBe('no-features');
  });
});

describe('OpenCelliD', () => {
  it('maps MCC-MNC to operators, unknown ones to the code', () => {
    expect(operatorFromMccMnc('452', '4')).toBe('Viettel');
    expect(operatorFromMccMnc(272, 1)).toBe('Vodafone');
    expect(operatorFromMccMnc('272', '02')).toBe('Three');
    expect(operatorFromMccMnc('272', '3')).toBe('Eir');
    expect(operatorFromMccMnc('272', '5')).toBe('Three');
    expect(operatorFromMccMnc('651', '1')).toBe('Vodacom');
    expect(operatorFromMccMnc('651', '2')).toBe('Econet');
    expect(operatorFromMccMnc('272', '11')).toBe('272-11');
  });

  it('detects the headerless form by shape and the header form by names', () => {
    const row = 'LTE,272,5,42300,237575,0,-8.3347,52.4677,2318,23,1,1475687630,1763894761,0'.split(',');
    expect(detectOpenCellId(row)?.header).toBe(false);
    const header = 'Unnamed: 0,radio,MCC,MNC,TAC,CID,unit,LON,LAT,RANGE'.split(',');
    expect(detectOpenCellId(header)).toMatchObject({ header: true, radio: 1, mcc: 2, net: 3, area: 4, cell: 5, lon: 7, lat: 8 });
    expect(detectOpenCellId(['id', 'lon', 'lat'])).toBeNull();
  });

  // Expected numbers counted independently with awk on the fixture, e.g.
  // awk -F, '{print $2"-"$3"-"$1}' opencellid_ireland_272.csv | sort | uniq -c
  it('reads Ireland (no header): 7,861 cells, 4 networks, 3 operators', () => {
    const { records, issues } = readOpenCellId(fixture('opencellid_ireland_272.csv'));
    // Three cell ids occur twice (an LTE and a UMTS cell with the same mcc-net-area-cell):
    // awk -F, '{k=$2"-"$3"-"$4"-"$5; if (k in s) print NR, k; else s[k]=NR}'
    expect(issues.map((i) => [i.index, i.code])).toEqual([[5272, 'duplicate-id'], [7721, 'duplicate-id'], [7722, 'duplicate-id']]);
    expect(new Set(records.map((r) => r.id)).size).toBe(7861);
    expect(records).toHaveLength(7861);
    expect(countBy(records, (r) => r.tech)).toEqual({ '2G': 377, '3G': 1368, '4G': 6116 });
    expect(countBy(records, (r) => r.operator)).toEqual({ Vodafone: 1781, Three: 1033 + 1147, Eir: 3900 });
    expect(countBy(records, (r) => `${r.id.split('-')[1]}-${r.tech}`)).toEqual({
      '1-2G': 276, '1-4G': 1486, '1-3G': 19, '2-2G': 42, '2-4G': 18, '2-3G': 973, '3-2G': 59, '3-4G': 3498, '3-3G': 343,
      '5-4G': 1114, '5-3G': 33,
    });
    const first: BtsRecord = records[0];
    expect(first).toEqual({
      id: '272-5-42300-237575', siteId: '272-5-enb-928', operator: 'Three', tech: '4G', lon: -8.3347, lat: 52.4677,
      radiusM: null, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted',
    });
  });

  it('reads Lesotho (header, extra columns): 1,936 cells, one duplicate id reported', () => {
    const { records, issues } = readOpenCellId(fixture('opencellid_lesotho.csv'));
    expect(records).toHaveLength(1936);
    expect(countBy(records, (r) => r.tech)).toEqual({ '2G': 754, '3G': 1050, '4G': 132 });
    expect(countBy(records, (r) => r.operator)).toEqual({ Vodacom: 1058, Econet: 878 });
    // Cell 651-1-201-261552909 appears as UMTS (line 767) and LTE (line 840).
    expect(issues.map((i) => [i.index, i.code])).toEqual([[840, 'duplicate-id']]);
    expect(records.filter((r) => r.id.startsWith('651-1-201-261552909')).map((r) => r.id)).toEqual([
      '651-1-201-261552909', '651-1-201-261552909#2',
    ]);
    // `range` (27324 m on the first row) is not taken as a radius.
    expect(records.every((r) => r.radiusM === null)).toBe(true);
    // The rows outside the country are real cells with valid coordinates: kept (the reader has no borders).
    const outside = records.filter((r) => r.lon < 27 || r.lon > 29.5 || r.lat < -30.7 || r.lat > -28.5);
    expect(outside).toHaveLength(40);
  });

  it('reports bad rows by line', () => {
    const text = [
      'radio,mcc,net,area,cell,unit,lon,lat,range',
      'LTE,452,4,100,1,0,107.9,14.7,1000',
      'WIFI,452,4,100,2,0,107.9,14.7,1000',
      'LTE,452,x,100,3,0,107.9,14.7,1000',
      'LTE,452,4,100,4,0,,14.7,1000',
      'GSM,452,99,100,5,0,107.9,14.7,1000',
    ].join('\n');
    const { records, issues } = readOpenCellId(text);
    expect(records.map((r) => [r.id, r.operator, r.tech])).toEqual([['452-4-100-1', 'Viettel', '4G'], ['452-99-100-5', '452-99', '2G']]);
    expect(issues.map((i) => [i.index, i.code])).toEqual([[3, 'bad-tech'], [4, 'bad-cell-id'], [5, 'missing-coordinates']]);
  });

  it('refuses a CSV that is not OpenCelliD, pointing to the generic reader', () => {
    const e = thrown(() => readOpenCellId('lon,lat,name\n1,2,x\n'));
    expect(e.code).toBe('missing-columns');
    expect(e.message).toMatch(/generic BTS table/);
  });
});

describe('CSV read in pieces', () => {
  const TEXT = 'id,name,note\r\n1,"Thôn A, B","say ""hi"""\r\n2,"two\r\nlines",x\r\n\r\n3,plain,\r\n4,"",""""\n5,a"b,c';

  it('gives the same records and lines wherever the text is cut', () => {
    const whole: CsvRecord[] = [];
    const t = new CsvTokenizer(',');
    t.push(TEXT, whole);
    t.end(whole);
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 6, 7, 8]);
    expect(whole[5].fields).toEqual(['5', 'a"b', 'c']);
    for (let a = 0; a <= TEXT.length; a++) {
      for (const b of [a, a + 1, a + 2, a + 7]) {
        const out: CsvRecord[] = [];
        const pieces = new CsvTokenizer(',');
        pieces.push(TEXT.slice(0, a), out);
        pieces.push(TEXT.slice(a, Math.min(b, TEXT.length)), out);
        pieces.push(TEXT.slice(Math.min(b, TEXT.length)), out);
        pieces.end(out);
        expect(out, `cut at ${a} and ${b}`).toEqual(whole);
      }
    }
  });

  it('decodes bytes in pieces without splitting a character', () => {
    // More than one piece of bytes, with a two-byte character across every boundary somewhere.
    const line = 'Đắk Hà;107,9;14,7\n';
    const text = `name;lon;lat\n${line.repeat(80_000)}`;
    const { rows, delimiter } = parseCsv(new TextEncoder().encode(text));
    expect(delimiter).toBe(';');
    expect(rows).toHaveLength(80_001);
    expect(rows.every((r, i) => i === 0 || r[0] === 'Đắk Hà')).toBe(true);
  });

  it('hands each row to the typed reader as it is parsed, by the point table\'s rule, with the header as its columns', async () => {
    const csv = 'lon,lat,operator,tech\n107.9,14.7,Viettel,4G\n107°54\'E,14°42\'N,Viettel,4G\nabc,14.7,Viettel,4G\n';
    const bts = await readLayer('bts', { name: 'sites.csv', bytes: new TextEncoder().encode(csv) });
    expect(bts.records.map((r) => [r.lon, r.lat])).toEqual([[107.9, 14.7], [107.9, 14.7]]);
    expect(bts.source.encoding?.encoding).toBe('utf-8');
    expect(bts.issues.map((i) => i.message)).toEqual([
      'line 2: no id, so it was given the id "line-2" from its position.',
      'line 3: no id, so it was given the id "line-3" from its position.',
      expect.stringMatching(/^line 4: longitude: "abc" is not a coordinate/),
    ]);
  });

  it('says what is wrong with the coordinates when every row is skipped, not that columns are missing', async () => {
    const csv = 'lon,lat,operator,tech\nabc,14.7,Viettel,4G\n';
    const e = await readLayer('bts', { name: 'sites.csv', bytes: new TextEncoder().encode(csv) }).then(() => null, (err: unknown) => err as InputError);
    expect(e?.code).toBe('no-records');
    expect(e?.message).toMatch(/its one row was skipped; line 2: longitude: "abc" is not a coordinate/);
  });

  it('leaves a table in metres to the general path, which asks for its CRS', async () => {
    const csv = 'x,y,operator,tech\n500000,1600000,Viettel,4G\n';
    const e = await readLayer('bts', { name: 'sites.csv', bytes: new TextEncoder().encode(csv) }).then(() => null, (err: unknown) => err as InputError);
    expect(e?.code).toBe('needs-crs');
  });
});
