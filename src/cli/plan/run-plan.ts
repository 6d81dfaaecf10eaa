/** The work of `vunglom plan`: read, plan for the operator, write the proposals (and its gap list). */
import { assembleGapList } from '../../core/analysis/assemble-gap-list.ts';
import { computeChunk } from '../../core/analysis/compute-chunk.ts';
import { prepareAnalysis } from '../../core/analysis/prepare-analysis.ts';
import type { Kpis } from '../../core/kpis.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import { TOOL_VERSION, type RunMetadata } from '../../core/output/run-metadata.ts';
import { crsFromText } from '../../core/io/crs/resolve-crs.ts';
import { exportCrsCode, writeGapOutput, writeGapShapefile } from '../../core/output/gap-export.ts';
import { checkOperator, createPlanningContext, operatorNamed, planOperator, type PlanResult } from '../../core/planning/plan-operator.ts';
import { writeProposalsGeoJson } from '../../core/planning/write-proposals.ts';
import { writeProposalsFlatGeobuf, writeProposalsShapefile } from '../../core/planning/write-proposals-files.ts';
import { operatorSharing, withSharingSites } from '../../core/sharing/sharing-opportunities.ts';
import { CliInputError, oneLine, UsageError } from '../cli-errors.ts';
import { outputFormat, writeShapefileOutput } from '../output-format.ts';
import type { CliContext } from '../cli-context.ts';
import { closest } from '../did-you-mean.ts';
import { issueLines, layersLine, outsideSettlementsLine, readLines, terrainLine, unreachedLines } from '../input-summary.ts';
import { loadInputs } from '../load-inputs.ts';
import { writeOutput } from '../write-output.ts';
import type { PlanArgs } from './plan-options.ts';

const pct = (x: number | null): string => (x === null ? '–' : `${x.toFixed(1)}%`);
const ratio = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);

/** Whether the target was reached, and if not why. */
function outcome(result: PlanResult, args: PlanArgs): string {
  if (result.reached) return 'target reached';
  if (result.stoppedBy !== 'unreachable') return `target not reached within --max-sites ${args.maxSites}`;
  const out = result.unreachable;
  return (
    `target NOT reachable: at most ${(100 * result.maxReachableShare).toFixed(1)}%; ${out.length} villages out of every candidate's reach` +
    (out.length > 0 ? ` (${out.slice(0, 5).map((u) => `${u.id} ${u.reason}`).join(', ')}${out.length > 5 ? ', …' : ''})` : '')
  );
}

/** `vunglom plan`. */
export async function runPlan(args: PlanArgs, ctx: CliContext): Promise<void> {
  // The outputs' formats are known before any work: a wrong one is said at once.
  const format = outputFormat('--out', args.out, args.format);
  const gapsFormat = args.gaps === null ? null : outputFormat('--gaps', args.gaps, null);
  if (args.outCrs !== null && format !== 'shp' && gapsFormat !== 'shp') {
    throw new UsageError(`--out-crs applies to a Shapefile --out or --gaps (.shp, .shp.zip), not to ${format}.`);
  }
  ctx.step('reading the inputs', 'read');
  const loaded = await loadInputs(args);
  const { input, params } = loaded;
  // "viettel", "VNPT" or "Mobifone" name the operator the data calls Viettel, VinaPhone, MobiFone.
  const operator = operatorNamed(input, args.operator);
  try {
    checkOperator(input, operator);
  } catch (error) {
    const near = closest(args.operator, [...new Set(input.bts.map((b) => b.operator))]);
    throw new CliInputError(`${oneLine(error)}${near ? ` Did you mean "${near}"?` : ''}`);
  }
  for (const line of readLines(loaded)) ctx.say(line);
  for (const line of issueLines(loaded)) ctx.say(line);
  ctx.say(layersLine(args, loaded));

  ctx.step('planning', 'compute');
  const measure = args.targetMeasure ?? 'villages';
  // One preparation (terrain profiles from --terrain-cache, computed once) for the plan and the gap list.
  const prepared = prepareAnalysis(input, params, { profiles: loaded.profiles });
  const terrain = terrainLine(loaded, prepared.terrain);
  if (terrain) ctx.say(terrain);
  const outside = outsideSettlementsLine(loaded, prepared);
  if (outside) ctx.say(outside);
  const planning = createPlanningContext(input, params, prepared, loaded.profiles);
  let lastReported = 0;
  const result = planOperator(planning, {
    operator,
    target: { measure, share: args.target },
    maxSites: args.maxSites,
    onProgress: (p) => {
      if (p.phase === 'evaluate') {
        ctx.say(`planning for ${operator}: evaluating candidates`);
        return;
      }
      if (p.phase !== 'prune' && p.selected >= lastReported + 10) {
        lastReported = p.selected;
        const share = p.targetWeight > 0 ? Math.min(100, (100 * p.coveredWeight) / p.targetWeight) : 100;
        ctx.say(`planning: ${p.selected} additions (${p.phase}), ${share.toFixed(1)}% of the target`);
      }
    },
  });
  const created = new Date().toISOString();
  // The operator's gap list, with the sites that would close each gap if shared.
  let gaps: { path: string; rows: GapRow[]; kpis: Kpis } | null = null;
  if (args.gaps !== null) {
    const list = assembleGapList(input, prepared, [computeChunk(prepared, 0, prepared.villageCount)]);
    for (const line of unreachedLines(list.unreached, params)) ctx.say(line);
    gaps = { path: args.gaps, rows: withSharingSites(list.rows, operatorSharing(planning, operator)), kpis: list.kpis };
  }

  ctx.step('writing the proposals', 'write');
  const proposalsMeta = { tool: 'vunglom' as const, version: TOOL_VERSION, created, params, inputs: loaded.fingerprints };
  const geometries = input.villages.map((v) => v.geometry);
  const positions = geometries.filter((g) => g.length > 0).map((g) => g[0][0][0]);
  const code = exportCrsCode(args.outCrs ?? 'wgs84', positions);
  const crs = code === 'EPSG:4326' ? undefined : crsFromText(code, '--out-crs');
  if (format === 'shp') writeShapefileOutput('--out', args.out, writeProposalsShapefile(result, proposalsMeta, { crs }));
  else writeOutput('--out', args.out, format === 'fgb' ? writeProposalsFlatGeobuf(result, proposalsMeta) : writeProposalsGeoJson(result, proposalsMeta));
  if (gaps && gapsFormat) {
    const meta: RunMetadata = { ...proposalsMeta, kpis: gaps.kpis, gapsOnly: false };
    if (gapsFormat === 'shp') writeShapefileOutput('--gaps', gaps.path, writeGapShapefile(gaps.rows, geometries, meta, { crs }));
    else writeOutput('--gaps', gaps.path, writeGapOutput(gapsFormat, gaps.rows, geometries, meta));
  }
  if (args.terrainCache && input.dem) writeOutput('--terrain-cache', args.terrainCache, loaded.profiles.toBytes());

  const shares = result.proposals.filter((p) => p.candidate.kind === 'share').length;
  const fresh = result.proposals.length - shares;
  const key = measure === 'villages' ? 'coveredVillagesPct' : 'coveredPopulationPct';
  ctx.say(
    `done in ${(performance.now() / 1000).toFixed(2)} s: ${operator} ${measure} covered ${pct(result.before[key])} → ${pct(result.after[key])} ` +
      `with ${shares} shared and ${fresh} new sites; shared-site ratio ${ratio(result.sharing.before)} → ${ratio(result.sharing.after)}; ${outcome(result, args)} → ${args.out}` +
      `${args.gaps ? `, ${args.gaps}` : ''}`,
  );
}
