import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexBytes } from '../../src/core/io/fgb/fgb-header.ts';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';

/**
 * Bad inputs for the end-to-end tests, written deterministically so the committed copies never
 * change: `corrupt.fgb` (seeded random bytes), `no-index.fgb` (a valid FlatGeobuf written by
 * flatgeobuf's own `serialize`, which writes no spatial index), the sample's villages cut inside
 * their header (`cut-header.fgb`), cut inside their features (`cut-features.fgb`) and with a
 * corrupt first feature (`corrupt-feature.fgb`), a BTS table whose every row is rejected
 * (`rejected-bts.csv`), one with two of five rows skipped (`some-rows-skipped-bts.csv`), and sites and
 * fibre far from the sample's villages (`bts-elsewhere.csv`, `fibre-elsewhere.geojson`), and sites of no
 * broadband technology (`bts-2g-3g.csv`).
 * Run directly: `npx tsx tests/e2e/make-bad-fixtures.ts`.
 */

const CORRUPT_BYTES = 4096;
const SEED = 20240601;

const VILLAGES = fileURLToPath(new URL('../../public/data/kon-tum/villages.fgb', import.meta.url));

/** Writes the fixtures into `dir` and returns their paths. */
export function writeBadFixtures(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const villages = readFileSync(VILLAGES);
  const corruptFeature = Buffer.from(villages);
  // The root offset of the first feature (after magic, header, index and its size prefix) points far outside it.
  const header = corruptFeature.readUInt32LE(8);
  corruptFeature.writeUInt32LE(0x7fffff00, 12 + header + indexBytes(824, 16) + 4);
  const files: [string, Uint8Array | string][] = [
    ['corrupt.fgb', randomBytes(CORRUPT_BYTES, SEED)],
    ['no-index.fgb', serialize(twoVillages())],
    ['cut-header.fgb', villages.subarray(0, 200)],
    ['cut-features.fgb', villages.subarray(0, Math.floor(villages.length * 0.56))],
    ['corrupt-feature.fgb', corruptFeature],
    ['rejected-bts.csv', 'id,lon,lat,operator,tech\nA1,107.9,14.7,Viettel,6G\nA2,"107.9x","14.7",Viettel,4G\n'],
    // One settlement in a village of the sample, two out at sea (in no village).
    ['settlements-outside.csv', 'id,lon,lat,population\nin-1,107.95,14.35,10\nsea-1,110.5,12.0,40\nsea-2,110.6,12.1,3\n'],
    // Sites and fibre for another province's or country's villages: two masts in Lesotho (as the
    // OpenCelliD extract in ../shared/data), a fibre route in Hanoi, 500 km from the sample.
    ['bts-elsewhere.csv', 'id,lon,lat,operator,tech\nL1,27.48,-29.31,Viettel,4G\nL2,27.50,-29.32,VinaPhone,4G\n'],
    // Sites in the sample's province, none of a broadband technology.
    ['bts-2g-3g.csv', 'id,lon,lat,operator,tech\nA,107.90,14.60,Viettel,2G\nB,107.95,14.62,VinaPhone,3G\n'],
    ['fibre-elsewhere.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'HN-1' }, geometry: { type: 'LineString', coordinates: [[105.80, 21.02], [105.85, 21.03]] } }] })],
    ['some-rows-skipped-bts.csv', [
      'id,lon,lat,operator,tech',
      'S1,107.90,14.60,Viettel,4G',
      'S2,107.95,14.62,VinaPhone,4G',
      'S3,abc,14.62,MobiFone,4G',
      'S4,107.80,14.50,MobiFone,4G',
      'S5,107.85,14.55,Viettel,6G',
    ].join('\n') + '\n'],
  ];
  return files.map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}

/** mulberry32: a tiny seeded PRNG, so "random" bytes are the same on every run. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    out[i] = ((x ^ (x >>> 14)) >>> 0) & 0xff;
  }
  // Neither FlatGeobuf's magic ("fgb") nor JSON ("{"), whatever the seed gives.
  if (out[0] === 0x66 || out[0] === 0x7b) out[0] = 0x00;
  return out;
}

function square(lon: number, lat: number, size: number): number[][][][] {
  return [
    [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  ];
}

function twoVillages(): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'T1', name: 'Thôn Một', population: 420 },
        geometry: { type: 'MultiPolygon', coordinates: square(107.9, 14.6, 0.02) },
      },
      {
        type: 'Feature',
        properties: { id: 'T2', name: 'Thôn Hai', population: 310 },
        geometry: { type: 'MultiPolygon', coordinates: square(107.95, 14.62, 0.02) },
      },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = writeBadFixtures(join(process.cwd(), 'tests/fixtures/e2e'));
  process.stdout.write(`${written.join('\n')}\n`);
}
