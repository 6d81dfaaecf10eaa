import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeInThread } from '../core/analysis/analyze.ts';
import { isInputError } from '../core/io/input-error.ts';
import { fingerprint, TOOL_VERSION, type RunMetadata } from '../core/output/run-metadata.ts';
import { writeGapGeoJson } from '../core/output/write-gap-geojson.ts';
import { resolveParams, type AnalysisParams } from '../core/params.ts';
import { checkOperator, createPlanningContext, planOperator } from '../core/planning/plan-operator.ts';
import { writeProposalsGeoJson } from '../core/planning/write-proposals.ts';
import { operatorSharing, withSharingSites } from '../core/sharing/sharing-opportunities.ts';
import { loadInputs } from './load-inputs.ts';
import type { PlanArgs } from './plan-args.ts';

/** Exit code for bad input (a one-line reason is printed), as for analyze. */
const EXIT_BAD_INPUT = 2;

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** A bad configuration file or operator: one line, exit 2. */
class PlanInputError extends Error {
  override readonly name = 'PlanInputError';
}

function readConfig(path: string | null): { params: AnalysisParams; bytes: Uint8Array | null } {
  if (!path) return { params: resolveParams(undefined), bytes: null };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new PlanInputError(`${path}: no such configuration file. Check the path.`);
  }
  try {
    return { params: resolveParams(JSON.parse(new TextDecoder().decode(bytes))), bytes };
  } catch (error) {
    throw new PlanInputError(`${path}: ${(error as Error).message}`);
  }
}

/** `vunglom plan`: propose shared and new sites for an operator; returns the exit code. */
export async function runPlan(args: PlanArgs): Promise<number> {
  try {
    await plan(args);
    return 0;
  } catch (error) {
    if (isInputError(error) || error instanceof PlanInputError) {
      say(`vunglom: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

async function plan(args: PlanArgs): Promise<void> {
  const started = performance.now();
  const { params, bytes: configBytes } = readConfig(args.config);
  const loaded = await loadInputs({ ...args, command: 'analyze', csv: null, gapsOnly: false, threads: null });
  if (configBytes && args.config) loaded.fingerprints.push(await fingerprint('config', basename(args.config), configBytes));
  const { input } = loaded;
  try {
    checkOperator(input, args.operator);
  } catch (error) {
    throw new PlanInputError((error as Error).message);
  }
  say(`read ${input.villages.length} villages, ${input.bts.length} BTS records, ${input.settlements?.length ?? 0} settlements`);
  const ctx = createPlanningContext(input, params);
  let lastReported = 0;
  const result = planOperator(ctx, {
    operator: args.operator,
    target: { measure: args.targetMeasure, share: args.target },
    maxSites: args.maxSites,
    onProgress: (p) => {
      if (p.phase === 'evaluate') {
        say(`planning for ${args.operator}: evaluating candidates`);
        return;
      }
      if (p.phase !== 'prune' && p.selected >= lastReported + 10) {
        lastReported = p.selected;
        const pct = p.targetWeight > 0 ? Math.min(100, (100 * p.coveredWeight) / p.targetWeight) : 100;
        say(`planning: ${p.selected} additions (${p.phase}), ${pct.toFixed(1)}% of the target`);
      }
    },
  });
  const created = new Date().toISOString();
  writeFileSync(args.out, writeProposalsGeoJson(result, { tool: 'vunglom', version: TOOL_VERSION, created, params, inputs: loaded.fingerprints }));
  if (args.gaps) {
    const gapList = analyzeInThread(input, params);
    const rows = withSharingSites(gapList.rows, operatorSharing(ctx, args.operator));
    const meta: RunMetadata = { tool: 'vunglom', version: TOOL_VERSION, created, params, inputs: loaded.fingerprints, kpis: gapList.kpis, gapsOnly: false };
    writeFileSync(args.gaps, writeGapGeoJson(rows, input.villages.map((v) => v.geometry), meta));
  }
  const shares = result.proposals.filter((p) => p.candidate.kind === 'share').length;
  const fresh = result.proposals.length - shares;
  const pct = (x: number | null): string => (x === null ? '–' : `${x.toFixed(1)}%`);
  const measure = args.targetMeasure === 'villages' ? 'coveredVillagesPct' : 'coveredPopulationPct';
  const ratio = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
  let outcome = 'target reached';
  if (!result.reached && result.stoppedBy === 'unreachable') {
    const out = result.unreachable;
    outcome =
      `target NOT reachable: at most ${(100 * result.maxReachableShare).toFixed(1)}%; ${out.length} villages out of every candidate's reach` +
      (out.length > 0 ? ` (${out.slice(0, 5).map((u) => `${u.id} ${u.reason}`).join(', ')}${out.length > 5 ? ', …' : ''})` : '');
  } else if (!result.reached) {
    outcome = `target not reached within --max-sites ${args.maxSites}`;
  }
  say(
    `done in ${((performance.now() - started) / 1000).toFixed(2)} s: ${args.operator} ${args.targetMeasure} covered ${pct(result.before[measure])} → ${pct(result.after[measure])} ` +
      `with ${shares} shared and ${fresh} new sites; shared-site ratio ${ratio(result.sharing.before)} → ${ratio(result.sharing.after)}; ${outcome} → ${args.out}` +
      `${args.gaps ? `, ${args.gaps}` : ''}`,
  );
}
