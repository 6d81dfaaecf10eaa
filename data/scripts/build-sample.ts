/**
 * Builds the Kon Tum sample into public/data/kon-tum/ from data/sources/ (`npm run sample`).
 * Deterministic: the same seed gives byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSampleFiles } from './sample-files.ts';
import { loadSampleSources } from './sample-sources.ts';

/** The sample's seed (documented in data/README.md). */
export const SAMPLE_SEED = 20090401;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(REPO, 'public/data/kon-tum');

function main(): void {
  const src = loadSampleSources(join(REPO, 'data/sources'));
  const { files } = buildSampleFiles(src, null, SAMPLE_SEED);
  mkdirSync(OUT, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(OUT, name), bytes);
  process.stdout.write(`wrote ${files.size} files to public/data/kon-tum\n`);
}

main();
