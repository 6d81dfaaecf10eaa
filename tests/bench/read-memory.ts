/**
 * Peak memory of reading inputs in Node (the CLI's path), each case in a child process of its own:
 * a generated 300 MB GeoJSON of villages, a generated 300 MB CSV of sites, and the national set's
 * four files together. The budget is a peak of about 4× the bytes read (design.md); the reading's
 * own peak is the child's peak RSS minus its RSS before reading (Node itself).
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBigFiles } from './big-files.ts';
import type { BenchSetFiles } from './national-set.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = resolve(REPO, 'tests/bench/read-memory-child.ts');

export interface ReadMemoryCase {
  name: string;
  bytes: number;
  records: number;
  readMs: number;
  /** The child's RSS before reading, and its peak (bytes). */
  baseRss: number;
  peakRss: number;
  /** (peak − base) ÷ bytes read. */
  ratio: number;
  error: string | null;
}

function runChild(name: string, files: string[]): ReadMemoryCase {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=16384', CHILD, ...files], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { baseRss: number; peakRss: number; bytes: number; records: number; readMs: number };
    return { name, ...r, ratio: (r.peakRss - r.baseRss) / r.bytes, error: null };
  } catch (err) {
    return { name, bytes: NaN, records: NaN, readMs: NaN, baseRss: NaN, peakRss: NaN, ratio: NaN, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

/** The three cases; `national` is skipped when null. */
export function benchReadMemory(national: BenchSetFiles | null, log: (s: string) => void, targetBytes?: number): ReadMemoryCase[] {
  const big = ensureBigFiles(targetBytes, log);
  const cases: [string, string[]][] = [
    ['GeoJSON villages', [`villages=${big.geojson}`]],
    ['CSV sites', [`bts=${big.csv}`]],
  ];
  if (national) {
    cases.push(['national set (4 FlatGeobuf files)', [`villages=${national.villages}`, `bts=${national.bts}`, `fibre=${national.fibre}`, `settlements=${national.settlements}`]]);
  }
  return cases.map(([name, files]) => {
    log(`  reading memory: ${name}…`);
    const r = runChild(name, files);
    log(r.error ? `    failed: ${r.error}` : `    ${(r.bytes / 2 ** 20).toFixed(0)} MiB, ${r.records.toLocaleString('en')} records in ${(r.readMs / 1000).toFixed(1)} s; peak ${(r.peakRss / 2 ** 30).toFixed(2)} GiB (Node before reading ${(r.baseRss / 2 ** 20).toFixed(0)} MiB): ${r.ratio.toFixed(1)}× the bytes`);
    return r;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ensureNationalSet } = await import('./national-set.ts');
  const log = (s: string): void => {
    process.stderr.write(`${s}\n`);
  };
  benchReadMemory(process.argv.includes('--no-national') ? null : ensureNationalSet(undefined, log), log);
}
