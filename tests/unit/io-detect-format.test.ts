import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INPUT_BYTES, detectFormat } from '../../src/core/io/detect-format.ts';
import { InputError } from '../../src/core/io/input-error.ts';

const head = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))).subarray(0, 4096);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('detectFormat', () => {
  it('recognises our formats from their bytes', () => {
    expect(detectFormat({ name: 'a.fgb', head: head('fgb/grid-points-indexed.fgb') })).toBe('fgb');
    expect(detectFormat({ name: 'nodes.geojson', head: head('watra_fibre_nodes.geojson') })).toBe('geojson');
    expect(detectFormat({ name: 'ie.csv', head: head('opencellid_ireland_272.csv') })).toBe('csv-opencellid');
    expect(detectFormat({ name: 'ls.csv', head: head('opencellid_lesotho.csv') })).toBe('csv-opencellid');
    expect(detectFormat({ name: 'bts.csv', head: text('\uFEFFlon;lat;operator\n107;14;Viettel\n') })).toBe('csv');
  });

  it('trusts the bytes over the name', () => {
    expect(detectFormat({ name: 'data.json', head: head('fgb/grid-points-indexed.fgb') })).toBe('fgb');
    expect(detectFormat({ name: 'download', head: text('{"type":"FeatureCollection"') })).toBe('geojson');
  });

  it('falls back to the extension without bytes (a URL)', () => {
    expect(detectFormat({ name: 'https://x.org/v.fgb?x=1' })).toBe('fgb');
    expect(detectFormat({ name: 'v.GeoJSON' })).toBe('geojson');
    expect(detectFormat({ name: 'cells.csv' })).toBe('csv');
  });

  it('names what it does not read and the formats it does', () => {
    const shp = refusal(() => detectFormat({ name: 'thon.shp', head: new Uint8Array([0, 0, 0x27, 0x0a, 0, 0]) }));
    expect(shp.code).toBe('unsupported-format');
    expect(shp.message).toMatch(/one part of a shapefile.*zip them together/);
    expect(refusal(() => detectFormat({ name: 'thon.dbf' })).message).toMatch(/zip them together/);
    expect(refusal(() => detectFormat({ name: 'bts.xls', head: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]) })).message).toMatch(/old Excel.*xlsx/);
    expect(refusal(() => detectFormat({ name: 'x.gpx', head: text('<?xml version="1.0"?><gpx>') })).message).toMatch(/GPX.*zipped shapefiles.*KML/);
    expect(refusal(() => detectFormat({ name: 'page', head: text('<!DOCTYPE html><html>') })).message).toMatch(/HTML/);
    expect(refusal(() => detectFormat({ name: 'x.gpkg' })).code).toBe('unsupported-format');
    expect(refusal(() => detectFormat({ name: 'x.gpkg', head: text('SQLite format 3') })).message).toMatch(/GeoPackage/);
    expect(refusal(() => detectFormat({ name: 'mystery.bin' })).code).toBe('unsupported-format');
    expect(refusal(() => detectFormat({ name: 'report.docx', head: new Uint8Array([0x50, 0x4b, 3, 4, 0]) })).message).toMatch(/zip archive \(\.docx\)/);
  });

  it('tells zipped shapefiles, workbooks and KMZ apart by name and first entry, and KML by its root', () => {
    const zipHead = (first: string): Uint8Array => {
      const name = new TextEncoder().encode(first);
      const head = new Uint8Array(30 + name.length);
      head.set([0x50, 0x4b, 3, 4]);
      head[26] = name.length;
      head.set(name, 30);
      return head;
    };
    expect(detectFormat({ name: 'thon.zip', head: zipHead('thon.shp') })).toBe('shapefile');
    expect(detectFormat({ name: 'download', head: zipHead('[Content_Types].xml') })).toBe('xlsx');
    expect(detectFormat({ name: 'bts.xlsx', head: zipHead('docProps/app.xml') })).toBe('xlsx');
    expect(detectFormat({ name: 'fibre.zip', head: zipHead('doc.kml') })).toBe('kmz');
    expect(detectFormat({ name: 'fibre.kmz', head: zipHead('files/x.png') })).toBe('kmz');
    expect(detectFormat({ name: 'x.kml', head: text('<?xml version="1.0"?><kml xmlns="…">') })).toBe('kml');
    expect(detectFormat({ name: 'bts.tsv', head: new Uint8Array([0xff, 0xfe, 0x6c, 0, 0x6f, 0, 0x6e, 0, 0x09, 0]) })).toBe('csv');
  });

  it('refuses an empty file', () => {
    expect(refusal(() => detectFormat({ name: 'a.csv', head: new Uint8Array(0), size: 0 })).code).toBe('empty-file');
  });

  it('refuses a file over the limit before reading, with advice', () => {
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(500 * 1024 * 1024);
    const e = refusal(() => detectFormat({ name: 'big.geojson', size: 600 * 1024 * 1024 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/600 MB, over the 500 MB limit.*FlatGeobuf.*bounding box/);
    expect(refusal(() => detectFormat({ name: 'a.csv', size: 2000 }, { maxBytes: 1000 })).code).toBe('too-large');
    expect(detectFormat({ name: 'a.csv', size: 1000 }, { maxBytes: 1000 })).toBe('csv');
  });
});
