/**
 * Builds the Kon Tum sample into public/data/kon-tum/ from data/sources/ (`npm run sample`), prints
 * the statistics and writes them into data/README.md. Deterministic: the same seed gives
 * byte-identical files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegion } from './generate-region.ts';
import { buildSampleFiles, type SampleFiles } from './sample-files.ts';
import { loadSampleSources } from './sample-sources.ts';
import { sampleStatsMarkdown } from './sample-stats.ts';

/** The sample's seed (documented in data/README.md). */
export const SAMPLE_SEED = 20090401;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STATS_START = '<!-- stats:start -->';
const STATS_END = '<!-- stats:end -->';

/** Builds the sample in memory from a sources folder (used by the script and by the tests). */
export function buildSample(sourcesDir: string, seed = SAMPLE_SEED): SampleFiles & { stats: string } {
  const src = loadSampleSources(sourcesDir);
  const region = generateRegion(src.communes, src.roads, { seed });
  const out = buildSampleFiles(src, region, seed);
  return { ...out, stats: sampleStatsMarkdown(src, region, out.files) };
}

function main(): void {
  const { files, stats } = buildSample(join(REPO, 'data/sources'));
  const outDir = join(REPO, 'public/data/kon-tum');
  mkdirSync(outDir, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(outDir, name), bytes);
  const readmePath = join(REPO, 'data/README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const a = readme.indexOf(STATS_START);
  const b = readme.indexOf(STATS_END);
  if (a < 0 || b < a) throw new Error(`data/README.md lacks the ${STATS_START} … ${STATS_END} markers; add them where the statistics go`);
  writeFileSync(readmePath, `${readme.slice(0, a + STATS_START.length)}\n${stats}\n${readme.slice(b)}`);
  process.stdout.write(`wrote ${files.size} files to public/data/kon-tum (seed ${SAMPLE_SEED})\n\n${stats}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
