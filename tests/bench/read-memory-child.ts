/**
 * One reading of the memory benchmark, in a process of its own (so nothing else is in its heap):
 * `npx tsx tests/bench/read-memory-child.ts kind=path …` reads each file the way the CLI does (its
 * bytes, then `readLayer`) and prints one JSON line: the process's RSS before reading, its peak
 * RSS (the kernel's VmHWM), the heap the records still hold after a full collection (what the
 * analysis keeps), the bytes read, the records made and the time.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readLayer, type LayerKind } from '../../src/core/io/read-layer.ts';

function vmKiB(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
}

// A full collection on demand, to weigh what the analysis keeps (the records) apart from the reading.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
gc();
const baseHeap = process.memoryUsage().heapUsed;
const baseRss = vmKiB('VmRSS') * 1024;
const t0 = performance.now();
let bytes = 0;
let records = 0;
// Kept until the end, as the CLI keeps every layer's records for the analysis.
const kept: unknown[] = [];
for (const arg of process.argv.slice(2)) {
  const at = arg.indexOf('=');
  const kind = arg.slice(0, at) as LayerKind;
  const path = arg.slice(at + 1);
  const data = readFileSync(path);
  bytes += data.byteLength;
  const read = await readLayer(kind, { name: path, bytes: data });
  records += 'routes' in read ? read.routes.length + read.points.length : 'columns' in read ? read.columns.ids.length : read.records.length;
  kept.push(read);
}
const readMs = performance.now() - t0;
const peakRss = vmKiB('VmHWM') * 1024;
gc();
// What the analysis holds after reading: the records' heap (and their typed arrays) once garbage is gone.
const usage = process.memoryUsage();
const keptBytes = usage.heapUsed - baseHeap + usage.arrayBuffers;
process.stdout.write(`${JSON.stringify({ baseRss, peakRss, keptBytes, bytes, records, readMs, kept: kept.length })}\n`);
