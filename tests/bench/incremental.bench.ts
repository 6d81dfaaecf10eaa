/**
 * Benchmark (not a test): one proposed site recomputed on the Kon Tum sample, budget ≤ 50 ms.
 * Run: npx tsx tests/bench/incremental.bench.ts
 * Seeded site positions (deterministic), a warm-up, then min / median / max over the runs; the
 * checksum of the results is printed outside the timed loop so the work cannot be optimised away.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';
import { defaultParams } from '../../src/core/params.ts';
import { IncrementalAnalysis } from '../../src/core/planning/incremental-analysis.ts';
import { mulberry32 } from '../../src/core/random.ts';

const SAMPLE = new URL('../../public/data/kon-tum/', import.meta.url);
const BUDGET_MS = 50;

async function read<K extends LayerKind>(kind: K, file: string) {
  return readLayer(kind, { name: file, bytes: readFileSync(fileURLToPath(new URL(file, SAMPLE))) });
}

export interface IncrementalBench {
  runs: number;
  minMs: number;
  medianMs: number;
  maxMs: number;
  meanRecomputed: number;
  checksum: number;
}

/** Time `runs` single-site proposals (each a fresh random position inside the sample's villages). */
export async function benchIncremental(runs = 41, warmup = 5): Promise<IncrementalBench> {
  const villages = (await read('villages', 'villages.fgb')).records;
  const fibre = [await read('fibre', 'fibre-routes.fgb'), await read('fibre', 'fibre-points.fgb')];
  const session = new IncrementalAnalysis(
    {
      villages,
      bts: (await read('bts', 'bts.fgb')).records,
      fibreRoutes: fibre.flatMap((f) => f.routes),
      fibrePoints: fibre.flatMap((f) => f.points),
      settlements: (await read('settlements', 'settlements.fgb')).columns,
    },
    defaultParams(),
  );
  const random = mulberry32(20250101);
  const positions = Array.from({ length: runs + warmup }, () => {
    const v = villages[Math.floor(random() * villages.length)];
    const ring = v.geometry[0][0];
    const a = ring[Math.floor(random() * (ring.length - 1))];
    const b = v.centre ?? ring[0];
    const t = random();
    return { lon: a[0] + t * (b[0] - a[0]), lat: a[1] + t * (b[1] - a[1]) };
  });
  const times: number[] = [];
  const sink: number[] = [];
  let recomputed = 0;
  positions.forEach((p, i) => {
    const t0 = performance.now();
    const r = session.propose([{ ...p, operators: ['Viettel'], tech: '4G' }]);
    const dt = performance.now() - t0;
    if (i < warmup) return;
    times.push(dt);
    recomputed += r.recomputed;
    sink.push(r.kpis.mobileVillages, r.changed.length);
  });
  times.sort((a, b) => a - b);
  return {
    runs,
    minMs: times[0],
    medianMs: times[Math.floor(times.length / 2)],
    maxMs: times[times.length - 1],
    meanRecomputed: recomputed / runs,
    checksum: sink.reduce((s, x) => s + x, 0),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchIncremental();
  const f = (x: number): string => x.toFixed(2);
  process.stdout.write(
    `incremental, one proposed 4G site on Kon Tum (${r.runs} runs, ${f(r.meanRecomputed)} villages recomputed on average): ` +
      `median ${f(r.medianMs)} ms, min ${f(r.minMs)} ms, max ${f(r.maxMs)} ms; budget ${BUDGET_MS} ms ` +
      `${r.medianMs <= BUDGET_MS ? 'met' : 'MISSED'} (checksum ${r.checksum})\n`,
  );
}
