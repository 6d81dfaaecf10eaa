import { prepareAnalysis, type AnalysisInput, type PreparedAnalysis } from '../analysis/prepare-analysis.ts';
import { packFootprints } from '../coverage/packed-footprints.ts';
import type { Tech } from '../model.ts';
import type { AnalysisParams } from '../params.ts';
import { groupPhysicalSites } from '../sharing/physical-sites.ts';
import { newSiteCandidates, shareCandidates, type Candidate, type NewSiteOptions, type ShareEquipment } from './candidates.ts';
import { CoverageEvaluator, MEASURE_NONE } from './coverage-evaluator.ts';
import { buildProblem } from './coverage-problem.ts';
import { optimiseSites, type OptimiseProgress } from './optimise-sites.ts';
import { buildVillageGeometry, type VillageGeometry } from './village-geometry.ts';
import { buildTerrain } from '../terrain/build-terrain.ts';
import { reviveDem, type DemSet } from '../terrain/dem-set.ts';
import { ProfileCache } from '../terrain/profile-cache.ts';
import type { TerrainOf } from './coverage-problem.ts';
import { addPopulation } from '../population-total.ts';
import { operatorKey, parseOperator } from '../io/operators.ts';

/** Plan for one operator, or for the union of all ("any": a village covered by at least one). */
export const ANY_OPERATOR = 'any';

/** What to reach: a share (0–1) of villages with mobile broadband, or of the population living in them. */
export interface PlanTarget {
  measure: 'villages' | 'population';
  share: number;
}

export interface PlanOptions {
  /** An operator name as it appears in the BTS data, or "any". */
  operator: string;
  target: PlanTarget;
  /** At most this many additions (a budget); the plan stops there even when short of the target. */
  maxSites?: number | null;
  /** Technology of added cells (default: the first broadband technology of the parameters). */
  tech?: Tech;
  /** Radius of added cells (default: the parameters' radius for `tech`). */
  radiusM?: number;
  equipment?: ShareEquipment;
  newSites?: Partial<NewSiteOptions>;
  /** Operator name written on new sites when planning for "any" (default "Shared"). */
  newSiteOperator?: string;
  /** Share existing sites before building (default true); false: one greedy over all candidates. */
  shareFirst?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: OptimiseProgress) => void;
}

/** One proposed addition, with what it gains in the order of the plan. */
export interface Proposal {
  rank: number;
  candidate: Candidate;
  /** Villages this addition newly covers, given the ones before it (ids). */
  villagesGained: string[];
  /** Their people; null when one of them declares no population. */
  populationGained: number | null;
}

/** Coverage of the operator (or of the union) over all villages. */
export interface OperatorCoverage {
  villages: number;
  coveredVillages: number;
  coveredVillagesPct: number | null;
  population: number;
  coveredPopulation: number;
  coveredPopulationPct: number | null;
}

export interface PlanResult {
  operator: string;
  target: PlanTarget;
  reached: boolean;
  /** Why the plan stopped short: the target is beyond every candidate, or the budget ran out. */
  stoppedBy: 'target' | 'unreachable' | 'budget' | null;
  before: OperatorCoverage;
  after: OperatorCoverage;
  /** The most the candidates can reach (share, 0–1, of the target measure). */
  maxReachableShare: number;
  proposals: Proposal[];
  /** Villages no candidate (nor all of them together) can cover, with why. */
  unreachable: { id: string; reason: 'invalid' | 'out-of-reach' }[];
  candidates: { share: number; new: number };
  sharing: { physicalSites: number; sharedSites: number; before: number | null; after: number | null };
  evaluations: number;
}

/** The state a plan is built from; reusable across plans of the same inputs and parameters. */
export interface PlanningContext {
  input: AnalysisInput;
  params: AnalysisParams;
  prepared: PreparedAnalysis;
  geom: VillageGeometry;
  /** The elevation model (null: none), and the masts' terrain profiles computed so far. */
  dem: DemSet | null;
  profiles: ProfileCache;
}

/**
 * Pack the inputs once for planning (or reuse an analysis already prepared, whose terrain profiles
 * then seed the cache: existing masts are not profiled again). Candidates' profiles go into
 * `profiles` too (the CLI writes them to its --terrain-cache file).
 */
export function createPlanningContext(input: AnalysisInput, params: AnalysisParams, prepared?: PreparedAnalysis, profiles: ProfileCache = new ProfileCache()): PlanningContext {
  const dem = reviveDem(input.dem);
  if (dem && prepared?.terrain) profiles.seed(dem, params.terrain, prepared.terrain);
  const p = prepared ?? prepareAnalysis({ ...input, dem }, params, { profiles });
  return { input: { ...input, dem }, params, prepared: p, geom: buildVillageGeometry(p.villages, p.settlements, p.populated.nobody), dem, profiles };
}

/** Terrain footprints for planning's packed sets (null without an elevation model). */
export function planningTerrain(ctx: PlanningContext): TerrainOf | undefined {
  const { dem, params, profiles } = ctx;
  if (!dem) return undefined;
  return (records, packed) => buildTerrain(records, packed, dem, params.terrain, profiles);
}

/** The BTS records that count as the operator's existing coverage ("any": all). */
export function operatorRecords(input: AnalysisInput, operator: string) {
  return operator === ANY_OPERATOR ? input.bts : input.bts.filter((b) => b.operator === operator);
}

/** Check an operator name against the data; throws an Error naming the operators present. */
export function checkOperator(input: AnalysisInput, operator: string): void {
  if (operator === ANY_OPERATOR) return;
  const names = [...new Set(input.bts.map((b) => b.operator))].sort();
  if (!names.includes(operator)) {
    throw new Error(`Operator "${operator}" is not in the BTS data; use one of ${names.join(', ')} or "any".`);
  }
}

/**
 * The data's name for an operator as a user types it: any spelling the BTS reader takes for it
 * ("viettel", "VNPT", "Mobifone"), or the text itself when no operator of the data reads so.
 */
export function operatorNamed(input: AnalysisInput, typed: string): string {
  if (typed === ANY_OPERATOR) return typed;
  const parsed = parseOperator(typed) ?? typed;
  const names = new Set(input.bts.map((b) => b.operator));
  if (names.has(parsed)) return parsed;
  const key = operatorKey(parsed);
  return [...names].find((name) => operatorKey(name) === key) ?? typed;
}

/** Village weights for a target measure: 1 each, or the population (0 when unknown). */
function targetWeights(ctx: PlanningContext, measure: PlanTarget['measure']): Float64Array {
  return Float64Array.from(ctx.input.villages, (v) => (measure === 'villages' ? 1 : (v.population ?? 0)));
}

function coverageSummary(ctx: PlanningContext, isCovered: (v: number) => boolean): OperatorCoverage {
  let coveredVillages = 0;
  let population = 0;
  let coveredPopulation = 0;
  ctx.input.villages.forEach((rec, v) => {
    const p = rec.population ?? 0;
    population += p;
    if (isCovered(v)) {
      coveredVillages++;
      coveredPopulation += p;
    }
  });
  const n = ctx.input.villages.length;
  return {
    villages: n,
    coveredVillages,
    coveredVillagesPct: n > 0 ? (100 * coveredVillages) / n : null,
    population,
    coveredPopulation,
    coveredPopulationPct: population > 0 ? (100 * coveredPopulation) / population : null,
  };
}

/**
 * Propose the fewest additions that bring an operator (or "any") to a target: share existing sites
 * of other operators first, then build new sites at village centres, settlement clusters or grid
 * points. Deterministic; reports progress and can be cancelled between steps.
 */
export function planOperator(ctx: PlanningContext, options: PlanOptions): PlanResult {
  const { input, params, prepared, geom } = ctx;
  checkOperator(input, options.operator);
  const share = options.target.share;
  if (!(share >= 0 && share <= 1)) throw new Error(`The target must be a share between 0 and 1 (1.0 = 100 %), got ${share}.`);
  if (options.maxSites !== undefined && options.maxSites !== null && !(Number.isInteger(options.maxSites) && options.maxSites >= 0)) {
    throw new Error(`The site budget must be a whole number ≥ 0, got ${options.maxSites}.`);
  }
  const tech = options.tech ?? params.broadbandTechs[0];
  if (!tech || !params.broadbandTechs.includes(tech)) {
    throw new Error(`Planned cells must use a broadband technology (${params.broadbandTechs.join(', ') || 'none set'}), got ${tech}.`);
  }
  const radiusM = options.radiusM ?? params.radiusM[tech];
  const any = options.operator === ANY_OPERATOR;
  const cell = { operator: any ? (options.newSiteOperator ?? 'Shared') : options.operator, tech, radiusM, heightM: params.terrain.antennaHeightM[tech] };
  const baseRecords = operatorRecords(input, options.operator);
  const base = packFootprints(baseRecords, params);
  const terrainOf = planningTerrain(ctx);
  const sites = groupPhysicalSites(input.bts, params.siteMergeM);
  const weight = targetWeights(ctx, options.target.measure);

  // Sharing adds nothing to the union of all operators, so "any" plans new sites only.
  const shares = any
    ? []
    : shareCandidates(input.bts, sites, cell, { equipment: options.equipment ?? 'operator-default', broadbandTechs: params.broadbandTechs });
  const evaluator = new CoverageEvaluator(geom, prepared.villages, base, packFootprints([], params), params, terrainOf ? terrainOf(baseRecords, base) : null);
  const targets: number[] = [];
  for (let v = 0; v < geom.count; v++) if (evaluator.kind[v] !== MEASURE_NONE && !evaluator.isCovered(v) && weight[v] > 0) targets.push(v);
  const newOptions: NewSiteOptions = {
    villageCentres: true,
    settlementClusters: true,
    gridM: radiusM,
    highGround: ctx.dem,
    ...options.newSites,
  };
  const fresh = newSiteCandidates(geom, targets, cell, newOptions);
  const candidates = [...shares, ...fresh];
  const problem = buildProblem(geom, prepared.villages, base, candidates, params, weight, evaluator, terrainOf);
  const shareIds = shares.map((_, i) => i);
  const allIds = candidates.map((_, i) => i);

  // What all candidates together can reach, and who stays out of reach.
  const unreachable: PlanResult['unreachable'] = [];
  let reachableWeight = 0;
  let totalWeight = 0;
  const all = new Set(allIds);
  for (let v = 0; v < geom.count; v++) {
    totalWeight += weight[v];
    if (evaluator.kind[v] === MEASURE_NONE) {
      unreachable.push({ id: input.villages[v].id, reason: 'invalid' });
      continue;
    }
    if (evaluator.covers(evaluator.baseValue[v]) || problem.coveredWith(v, all)) reachableWeight += weight[v];
    else unreachable.push({ id: input.villages[v].id, reason: 'out-of-reach' });
  }
  const targetWeight = share * totalWeight;
  const shareFirst = options.shareFirst ?? true;
  const result = optimiseSites(problem, {
    targetWeight,
    maxSites: options.maxSites ?? null,
    phases: shareFirst
      ? [
          { name: 'share', candidates: shareIds, allowPartialSteps: false },
          { name: 'new', candidates: allIds, allowPartialSteps: true },
        ]
      : [{ name: 'new', candidates: allIds, allowPartialSteps: true }],
    signal: options.signal,
    onProgress: options.onProgress,
  });

  // Attribute gains in plan order.
  evaluator.reset();
  const proposals: Proposal[] = result.selected.map((c, k) => {
    const gained: string[] = [];
    let population: number | null = 0;
    const fs = problem.footprints(c);
    for (const v of problem.touched[c]) {
      const was = evaluator.isCovered(v);
      evaluator.commit(v, fs, problem.hits(c, v));
      if (!was && evaluator.isCovered(v)) {
        gained.push(input.villages[v].id);
        population = addPopulation(population, input.villages[v].population);
      }
    }
    return { rank: k + 1, candidate: candidates[c], villagesGained: gained, populationGained: population };
  });
  const chosen = new Set(result.selected);
  const before = coverageSummary(ctx, (v) => evaluator.kind[v] !== MEASURE_NONE && evaluator.covers(evaluator.baseValue[v]));
  const after = coverageSummary(ctx, (v) => problem.coveredWith(v, chosen));
  const afterSites = groupPhysicalSites([...input.bts, ...proposals.flatMap((p) => p.candidate.records)], params.siteMergeM);
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
  const reached = result.reached;
  let stoppedBy: PlanResult['stoppedBy'] = reached ? 'target' : null;
  if (!reached) stoppedBy = targetWeight > reachableWeight + 1e-9 ? 'unreachable' : 'budget';
  return {
    operator: options.operator,
    target: options.target,
    reached,
    stoppedBy,
    before,
    after,
    maxReachableShare: totalWeight > 0 ? reachableWeight / totalWeight : 1,
    proposals,
    unreachable,
    candidates: { share: shares.length, new: fresh.length },
    sharing: {
      physicalSites: afterSites.sites.length,
      sharedSites: afterSites.sharedCount,
      before: ratio(sites.sharedCount, sites.sites.length),
      after: ratio(afterSites.sharedCount, afterSites.sites.length),
    },
    evaluations: result.evaluations,
  };
}
