import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hgtName, mountainSurface, syntheticHgt } from '../helpers/synthetic-dem.ts';

/**
 * A SYNTHETIC 3″ elevation model over the Kon Tum sample for the end-to-end tests: six SRTM .hgt
 * tiles (13–16°N, 107–109°E) of the seeded mountain surface, written once into `dir`/terrain/ (17 MB,
 * not committed). Run directly: `npx tsx tests/e2e/make-terrain-fixtures.ts`.
 */

/** The tiles' file names, south-west corners of 13–15°N × 107–108°E. */
export const TERRAIN_TILES: readonly string[] = [13, 14, 15].flatMap((lat) => [107, 108].map((lon) => hgtName(lon, lat)));

/** Writes the tiles into `dir`/terrain (skipping those already there) and returns their paths. */
export function writeTerrainFixtures(dir: string): string[] {
  const out = join(dir, 'terrain');
  mkdirSync(out, { recursive: true });
  const surface = mountainSurface(42);
  return [13, 14, 15].flatMap((lat) =>
    [107, 108].map((lon) => {
      const path = join(out, hgtName(lon, lat));
      if (!existsSync(path)) writeFileSync(path, syntheticHgt(lon, lat, 1201, surface));
      return path;
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) writeTerrainFixtures('tests/fixtures/e2e');
