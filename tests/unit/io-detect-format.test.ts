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
    expect(shp.message).toMatch(/shapefile.*GeoJSON.*FlatGeobuf.*CSV/);
    const zip = refusal(() => detectFormat({ name: 'thon.zip', head: new Uint8Array([0x50, 0x4b, 3, 4, 0]) }));
    expect(zip.params.format).toMatch(/zip/);
    const xlsx = refusal(() => detectFormat({ name: 'bts.xlsx', head: new Uint8Array([0x50, 0x4b, 3, 4, 0]) }));
    expect(xlsx.message).toMatch(/Excel/);
    const kml = refusal(() => detectFormat({ name: 'x.kml', head: text('<?xml version="1.0"?><kml xmlns="…">') }));
    expect(kml.message).toMatch(/KML/);
    expect(refusal(() => detectFormat({ name: 'page', head: text('<!DOCTYPE html><html>') })).message).toMatch(/HTML/);
    expect(refusal(() => detectFormat({ name: 'x.gpkg' })).code).toBe('unsupported-format');
    expect(refusal(() => detectFormat({ name: 'mystery.bin' })).code).toBe('unsupported-format');
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
