import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';

/**
 * Bad inputs for the end-to-end tests, written deterministically so the committed copies never
 * change: `corrupt.fgb` (seeded random bytes) and `no-index.fgb` (a valid FlatGeobuf written by
 * flatgeobuf's own `serialize`, which writes no spatial index).
 * Run directly: `npx tsx tests/e2e/make-bad-fixtures.ts`.
 */

const CORRUPT_BYTES = 4096;
const SEED = 20240601;

/** Writes both fixtures into `dir` and returns their paths. */
export function writeBadFixtures(dir: string): { corrupt: string; noIndex: string } {
  mkdirSync(dir, { recursive: true });
  const corrupt = join(dir, 'corrupt.fgb');
  const noIndex = join(dir, 'no-index.fgb');
  writeFileSync(corrupt, randomBytes(CORRUPT_BYTES, SEED));
  writeFileSync(noIndex, serialize(twoVillages()));
  return { corrupt, noIndex };
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
  process.stdout.write(`${written.corrupt}\n${written.noIndex}\n`);
}
