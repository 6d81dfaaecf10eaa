import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { assembleGapList } from '../core/analysis/assemble-gap-list.ts';
import { prepareAnalysis } from '../core/analysis/prepare-analysis.ts';
import { isInputError } from '../core/io/input-error.ts';
import { fingerprint, TOOL_VERSION, type RunMetadata } from '../core/output/run-metadata.ts';
import { writeGapCsv } from '../core/output/write-gap-csv.ts';
import { writeGapGeoJson } from '../core/output/write-gap-geojson.ts';
import { resolveParams } from '../core/params.ts';
import { loadInputs } from './load-inputs.ts';
import { parseArgs, USAGE, UsageError, type AnalyzeArgs } from './parse-args.ts';
import type { PlanArgs } from './plan-args.ts';
import { runPlan } from './plan.ts';
import type { ReportArgs } from './report-args.ts';
import { runReport } from './report.ts';
import { createThreadPool } from './thread-pool.ts';

/** Exit code for bad input or a bad command line (a one-line reason is printed). */
export const EXIT_BAD_INPUT = 2;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Run the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: AnalyzeArgs | PlanArgs | ReportArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      say(`vunglom: ${error.message}\n${USAGE}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  if (args.command === 'plan') return runPlan(args);
  if (args.command === 'report') return runReport(args);
  try {
    await analyze(args);
    return 0;
  } catch (error) {
    if (isInputError(error) || error instanceof BadConfig) {
      say(`vunglom: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

class BadConfig extends Error {
  override readonly name = 'BadConfig';
}

function readConfig(path: string | null): { params: ReturnType<typeof resolveParams>; bytes: Uint8Array | null } {
  if (!path) return { params: resolveParams(undefined), bytes: null };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new BadConfig(`${path}: no such configuration file. Check the path.`);
  }
  try {
    return { params: resolveParams(JSON.parse(new TextDecoder().decode(bytes))), bytes };
  } catch (error) {
    throw new BadConfig(`${path}: ${(error as Error).message}`);
  }
}

async function analyze(args: AnalyzeArgs): Promise<void> {
  const started = performance.now();
  const { params, bytes: configBytes } = readConfig(args.config);
  const loaded = await loadInputs(args);
  if (configBytes && args.config) loaded.fingerprints.push(await fingerprint('config', basename(args.config), configBytes));
  const { input } = loaded;
  for (const { file, issues } of loaded.issues) {
    if (issues.length === 0) continue;
    const byCode = new Map<string, number>();
    for (const i of issues) byCode.set(i.code, (byCode.get(i.code) ?? 0) + 1);
    say(`${file}: ${[...byCode].map(([code, n]) => `${n} ${code}`).join(', ')}; first: ${issues[0].where} ${issues[0].index}: ${issues[0].message}`);
  }
  say(
    `read ${input.villages.length} villages, ${input.bts.length} BTS records, ${input.fibreRoutes.length} fibre routes, ` +
      `${input.fibrePoints.length} access points, ${input.settlements?.length ?? 0} settlements`,
  );
  const prepared = prepareAnalysis(input, params);
  const size = args.threads ?? Math.max(1, availableParallelism());
  const { pool, close } = createThreadPool(size);
  let lastPct = -1;
  let chunks;
  try {
    chunks = await pool.run(prepared, {
      chunkSize: Math.max(16, Math.ceil(prepared.villageCount / (size * 16))),
      onProgress: (done, total) => {
        const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
        if (pct >= lastPct + 10 || done === total) {
          lastPct = pct;
          say(`analysing: ${done}/${total} villages (${pct}%)`);
        }
      },
    });
  } finally {
    await close();
  }
  const gapList = assembleGapList(input, prepared, chunks);
  const meta: RunMetadata = {
    tool: 'vunglom',
    version: TOOL_VERSION,
    created: new Date().toISOString(),
    params,
    inputs: loaded.fingerprints,
    kpis: gapList.kpis,
    gapsOnly: args.gapsOnly,
  };
  writeFileSync(args.out, writeGapGeoJson(gapList.rows, input.villages.map((v) => v.geometry), meta));
  if (args.csv) writeFileSync(args.csv, writeGapCsv(gapList.rows, { gapsOnly: args.gapsOnly }));
  const k = gapList.kpis;
  const pct = (x: number | null): string => (x === null ? '–' : `${x.toFixed(1)}%`);
  say(
    `done in ${((performance.now() - started) / 1000).toFixed(2)} s: ${k.villages} villages; mobile broadband ${pct(k.mobileVillagesPct)}, ` +
      `FTTH ${pct(k.ftthVillagesPct)}, households within fibre reach ${pct(k.householdsFibrePct)}, shared sites ${pct(k.sharedSitesPct)}; ` +
      `gaps: ${k.gapMobile} mobile, ${k.gapFtth} FTTH, ${k.gapBoth} both → ${args.out}${args.csv ? `, ${args.csv}` : ''}`,
  );
}
