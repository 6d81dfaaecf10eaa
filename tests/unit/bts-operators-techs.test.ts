import { describe, expect, it } from 'vitest';
import { parseOperator } from '../../src/core/io/operators.ts';
import { parseTech, parseTechs } from '../../src/core/io/parse-tech.ts';
import { parseNumberList } from '../../src/core/io/layer-input.ts';
import { readLayer } from '../../src/core/io/read-layer.ts';
import { groupPhysicalSites } from '../../src/core/sharing/physical-sites.ts';
import { DEFAULT_SITE_MERGE_M } from '../../src/core/defaults.ts';

const csv = (rows: string[]): Uint8Array => new TextEncoder().encode(`id,lon,lat,operator,tech\n${rows.join('\n')}\n`);

describe('operator names', () => {
  it('gives every spelling of a Vietnamese operator its one name', () => {
    const spellings: [string, string][] = [
      ['VIETTEL', 'Viettel'], ['viettel', 'Viettel'], ['Viettel Telecom', 'Viettel'], ['Tập đoàn Viettel', 'Viettel'],
      ['Vinaphone', 'VinaPhone'], ['VNPT', 'VinaPhone'], ['VNPT-VinaPhone', 'VinaPhone'], ['vnpt vinaphone', 'VinaPhone'],
      ['Mobifone', 'MobiFone'], ['MOBIFONE', 'MobiFone'], ['VMS', 'MobiFone'], ['VMS-MobiFone', 'MobiFone'],
      ['VIETNAMOBILE', 'Vietnamobile'], ['452-04', 'Viettel'],
    ];
    for (const [raw, name] of spellings) expect([raw, parseOperator(raw)]).toEqual([raw, name]);
    // Other operators are kept as written (Gmobile is not in the sample's table; abbreviations are not guessed).
    expect(parseOperator('Gmobile')).toBe('Gmobile');
    expect(parseOperator('Vina')).toBe('Vina');
    expect(parseOperator('Vodacom')).toBe('Vodacom');
  });

  it('reads the spellings of one operator in a file as one operator, named as first written', async () => {
    const read = await readLayer('bts', { name: 'sites.csv', bytes: csv([
      'a,27.48,-29.31,Vodacom,4G', 'b,27.49,-29.31,VODACOM,4G', 'c,27.50,-29.31,vodacom ,4G', 'd,27.51,-29.31,Econet,4G', 'e,27.52,-29.31,中国移动,4G',
    ]) });
    expect(read.records.map((r) => r.operator)).toEqual(['Vodacom', 'Vodacom', 'Vodacom', 'Econet', '中国移动']);
  });

  it('does not count two spellings of one operator at one mast as a shared site', async () => {
    const read = await readLayer('bts', { name: 'sites.csv', bytes: csv([
      'A1,107.90,14.60,Viettel,4G', 'A2,107.90,14.60,VIETTEL,4G', 'B1,107.95,14.62,VNPT,4G', 'B2,107.95,14.62,VinaPhone,4G', 'C1,108.00,14.70,Viettel,4G', 'C2,108.00,14.70,MobiFone,4G',
    ]) });
    const sites = groupPhysicalSites(read.records, DEFAULT_SITE_MERGE_M);
    // Only the mast that two operators really share (before, all three counted: VIETTEL and VNPT read as operators of their own).
    expect(sites.sites.filter((s) => s.operators.length > 1).map((s) => s.operators)).toEqual([['MobiFone', 'Viettel']]);
    expect(sites.sharedCount).toBe(1);
  });
});

describe('technologies of a site', () => {
  it('reads a site listed as several technologies as a cell of each on one mast', async () => {
    const read = await readLayer('bts', { name: 'sites.csv', bytes: csv([
      'S1,107.90,14.60,Viettel,2G/3G/4G', 'S2,107.95,14.62,VinaPhone,"3G, 4G"', 'S3,108.00,14.70,MobiFone,Trạm 4G', 'S4,108.05,14.75,Viettel,4G+5G',
      'S5,108.10,14.80,Viettel,3G và 4G', 'S6,108.15,14.85,Viettel,eNodeB', 'S7,108.20,14.90,Viettel,3G/6G',
    ]) });
    expect(read.records.map((r) => [r.id, r.siteId, r.tech])).toEqual([
      ['S1', 'S1', '2G'], ['S1-3G', 'S1', '3G'], ['S1-4G', 'S1', '4G'],
      ['S2', 'S2', '3G'], ['S2-4G', 'S2', '4G'],
      ['S3', 'S3', '4G'],
      ['S4', 'S4', '4G'], ['S4-5G', 'S4', '5G'],
      ['S5', 'S5', '3G'], ['S5-4G', 'S5', '4G'],
      ['S6', 'S6', '4G'],
    ]);
    // A list with an unknown part is still refused, with its line and value.
    expect(read.issues.map((i) => [i.code, i.message])).toEqual([['bad-tech', expect.stringMatching(/^line 8: technology "3G\/6G" is not one of/)]]);
    // One physical site each, not shared (one operator).
    expect(groupPhysicalSites(read.records, DEFAULT_SITE_MERGE_M).sites).toHaveLength(6);
  });
});

describe('sectors of a mast in one row', () => {
  const sectorCsv = (rows: string[]): Uint8Array => new TextEncoder().encode(`id,lon,lat,operator,tech,azimuth,beamwidth\n${rows.join('\n')}\n`);

  it('reads the numbers of one cell as site lists write them, and a decimal comma as a number', () => {
    for (const text of ['0/120/240', '0; 120; 240', '0, 120, 240', '0,120,240', '0 120 240', '0-120-240']) expect([text, parseNumberList(text)]).toEqual([text, [0, 120, 240]]);
    for (const text of ['-30', '117,5', '120', 'abc/120', '0/120/']) expect([text, parseNumberList(text)]).toEqual([text, null]);
  });

  it('reads azimuths "0/120/240" as a sector each, with one beamwidth for all or one each, for every technology of the row', async () => {
    const read = await readLayer('bts', { name: 'sectors.csv', bytes: sectorCsv([
      'S1,107.90,14.60,Viettel,4G,0/120/240,65', 'S2,107.95,14.62,Viettel,2G/4G,"0;120;240",65/65/90', 'S3,108.00,14.70,Viettel,4G,90,65',
      'S4,108.05,14.75,Viettel,4G,0/120,65/65/65', 'S5,108.10,14.80,Viettel,4G,0/400,65',
    ]) });
    expect(read.records.map((r) => [r.id, r.siteId, r.tech, r.azimuthDeg, r.beamwidthDeg])).toEqual([
      ['S1', 'S1', '4G', 0, 65], ['S1-120', 'S1', '4G', 120, 65], ['S1-240', 'S1', '4G', 240, 65],
      ['S2', 'S2', '2G', 0, 65], ['S2-120', 'S2', '2G', 120, 65], ['S2-240', 'S2', '2G', 240, 90],
      ['S2-4G', 'S2', '4G', 0, 65], ['S2-4G-120', 'S2', '4G', 120, 65], ['S2-4G-240', 'S2', '4G', 240, 90],
      ['S3', 'S3', '4G', 90, 65],
    ]);
    expect(read.issues.map((i) => i.message)).toEqual([
      'line 5: beamwidth_deg gives 3 values for 2 azimuths: give one, or one per azimuth. Row skipped.',
      expect.stringMatching(/^line 6: azimuth_deg 400 in "0\/400" \(column azimuth\) is not plausible: it must be between -360 and 360/),
    ]);
  });
});

describe('technology spellings of site lists', () => {
  it('reads a generation with its radio in brackets, and a radio with its band', () => {
    const cases: [string, string | null][] = [
      ['4G (LTE)', '4G'], ['LTE (4G)', '4G'], ['2G (GSM)', '2G'], ['5G (NR)', '5G'], ['4G (Ericsson)', '4G'],
      ['LTE 1800', '4G'], ['LTE1800', '4G'], ['UMTS 2100', '3G'], ['NR 3500 MHz', '5G'], ['Trạm 4G', '4G'], ['eNodeB', '4G'],
      // Parts that disagree, or a band alone, are not a technology.
      ['4G (GSM)', null], ['1800', null], ['Lavender (4G)', null],
    ];
    for (const [text, tech] of cases) expect([text, parseTech(text)]).toEqual([text, tech]);
    expect(parseTechs('Trạm 2G/3G')).toEqual(['2G', '3G']);
  });
});
