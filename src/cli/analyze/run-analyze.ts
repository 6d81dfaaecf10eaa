/** The work of `vunglom analyze`: read, compute (threads by the size of the work), write, summarise. */
import { assembleGapList } from '../../core/analysis/assemble-gap-list.ts';
import { prepareAnalysis } from '../../core/analysis/prepare-analysis.ts';
import { TOOL_VERSION, type RunMetadata } from '../../core/output/run-metadata.ts';
import { crsFromText } from '../../core/io/crs/resolve-crs.ts';
import { writeGapCsv } from '../../core/output/write-gap-csv.ts';
import { writeGapGeoJson } from '../../core/output/write-gap-geojson.ts';
import { UsageError } from '../cli-errors.ts';
import { outputFormat, writeShapefileOutput } from '../output-format.ts';
import type { CliContext } from '../cli-context.ts';
import { computeCoverage } from '../compute-coverage.ts';
import { issueLines, layersLine, outsideSettlementsLine, readLines, terrainLine, unreachedLines } from '../input-summary.ts';
import { loadInputs } from '../load-inputs.ts';
import { defaultThreads, machineLoad } from '../machine-load.ts';
import { startThreads, type ThreadPool } from '../thread-pool.ts';
import { writeOutput } from '../write-output.ts';
import type { AnalyzeArgs } from './analyze-options.ts';
import { analyzeSummary } from './analyze-summary.ts';
import { groupDigits } from '../../core/group-digits.ts';

/** "1 thread", or "2 threads (this one 1,612 villages, worker threads 1,388)"; a worker thread never needed is said so. */
function threadShares(villagesBy: readonly number[]): string {
  const n = groupDigits;
  const working = villagesBy.filter((v) => v > 0).length;
  const idle = villagesBy.length - Math.max(1, working);
  const unused = idle > 0 ? ` (${idle} worker thread${idle === 1 ? ' was' : 's were'} not needed)` : '';
  if (working <= 1) return `1 thread${unused}`;
  return `${working} threads (this one ${n(villagesBy[0])} villages, worker threads ${villagesBy.slice(1).filter((v) => v > 0).map(n).join(' + ')})${unused}`;
}

/** `vunglom analyze`. */
export async function runAnalyze(args: AnalyzeArgs, ctx: CliContext): Promise<void> {
  // The output's format is known before any work: a wrong one is said at once.
  const format = outputFormat('--out', args.out, args.format, '--csv');
  if (args.outCrs !== null && format !== 'shp') throw new UsageError(`--out-crs applies to a Shapefile --out (.shp, .shp.zip or --format shp), not to ${format}.`);
  // Threads asked for start now and warm up while this thread reads the inputs; by default the
  // count follows the size of the work, known once the inputs are read (see defaultThreads).
  const asked = args.threads;
  const start = (threads: number): ThreadPool | null => (threads > 1 ? startThreads(threads - 1) : null);
  let pool = asked !== null ? start(asked) : null;
  try {
    await analyze(args, ctx, format, (villages) => (asked !== null ? pool : (pool = start(defaultThreads(machineLoad(), { villages })))));
  } finally {
    await pool?.close();
  }
}

async function analyze(
  args: AnalyzeArgs,
  ctx: CliContext,
  format: ReturnType<typeof outputFormat>,
  threadsFor: (villages: number) => ThreadPool | null,
): Promise<void> {
  ctx.step('reading the inputs', 'read');
  const loaded = await loadInputs(args);
  const pool = threadsFor(loaded.input.villages.length);
  for (const line of readLines(loaded)) ctx.say(line);
  for (const line of issueLines(loaded)) ctx.say(line);
  ctx.say(layersLine(args, loaded));

  ctx.step('computing coverage', 'compute');
  const { input, params } = loaded;
  const prepared = prepareAnalysis(input, params, { profiles: loaded.profiles });
  const terrain = terrainLine(loaded, prepared.terrain);
  if (terrain) ctx.say(terrain);
  const outside = outsideSettlementsLine(loaded, prepared);
  if (outside) ctx.say(outside);
  let lastPct = -1;
  const work = computeCoverage(prepared, {
    threads: pool?.threads ?? [],
    onProgress: (done, total) => {
      const p = total > 0 ? Math.floor((100 * done) / total) : 100;
      if (p >= lastPct + 10 || done === total) {
        lastPct = p;
        ctx.say(`analysing: ${done}/${total} villages (${p}%)`);
      }
    },
  });
  const { chunks, villagesBy } = await (pool ? pool.guard(work) : work);
  ctx.say(`computed on ${threadShares(villagesBy)}`);
  const gapList = assembleGapList(input, prepared, chunks);
  for (const line of unreachedLines(gapList.unreached, params)) ctx.say(line);

  ctx.step('writing the gap list', 'write');
  const meta: RunMetadata = {
    tool: 'vunglom',
    version: TOOL_VERSION,
    created: new Date().toISOString(),
    params,
    inputs: loaded.fingerprints,
    kpis: gapList.kpis,
    gapsOnly: args.gapsOnly,
  };
  const geometries = input.villages.map((v) => v.geometry);
  let written = [args.out];
  // The FlatGeobuf and Shapefile writers (with proj4 and the province outlines) are loaded only for those formats.
  if (format === 'geojson') {
    writeOutput('--out', args.out, writeGapGeoJson(gapList.rows, geometries, meta));
  } else if (format === 'shp') {
    const { exportCrsCode, writeGapShapefile } = await import('../../core/output/gap-export.ts');
    const code = exportCrsCode(args.outCrs ?? 'wgs84', geometries.filter((g) => g.length > 0).map((g) => g[0][0][0]));
    if (args.outCrs === 'province-zone') {
      ctx.say(code === 'EPSG:4326' ? '--out-crs province: the villages lie in no province of Vietnam, so the Shapefile is in WGS 84' : `Shapefile in ${code}, the VN-2000 zone of the villages' province`);
    }
    const crs = code === 'EPSG:4326' ? undefined : crsFromText(code, '--out-crs');
    written = writeShapefileOutput('--out', args.out, writeGapShapefile(gapList.rows, geometries, meta, { crs }));
  } else {
    const { writeGapOutput } = await import('../../core/output/gap-export.ts');
    writeOutput('--out', args.out, writeGapOutput(format, gapList.rows, geometries, meta));
  }
  if (args.csv) writeOutput('--csv', args.csv, writeGapCsv(gapList.rows, { gapsOnly: args.gapsOnly }));
  if (args.terrainCache && input.dem) writeOutput('--terrain-cache', args.terrainCache, loaded.profiles.toBytes());
  ctx.say(analyzeSummary(gapList.kpis, { seconds: performance.now() / 1000, files: [written[0], args.csv].filter((f) => f !== null) }));
}
