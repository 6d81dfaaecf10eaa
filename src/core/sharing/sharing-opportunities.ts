import { packFootprints } from '../coverage/packed-footprints.ts';
import type { Tech } from '../model.ts';
import type { GapRow } from '../output/gap-row.ts';
import { shareCandidates, type Candidate, type ShareEquipment } from '../planning/candidates.ts';
import { CoverageEvaluator, MEASURE_NONE } from '../planning/coverage-evaluator.ts';
import { buildProblem, type CoverageProblem } from '../planning/coverage-problem.ts';
import { ANY_OPERATOR, checkOperator, operatorRecords, type PlanningContext } from '../planning/plan-operator.ts';
import { groupPhysicalSites, type PhysicalSites } from './physical-sites.ts';
import { villageOfSites } from './site-areas.ts';
import { addPopulation } from '../population-total.ts';

export interface ShareOptions {
  /** The operator's equipment on a shared site (see {@link ShareEquipment}; default operator-default). */
  equipment?: ShareEquipment;
  /** Technology and radius of that equipment (defaults: first broadband technology, its radius). */
  tech?: Tech;
  radiusM?: number;
}

/** One village of an operator's own view: its coverage by that operator alone, and what would close its gap. */
export interface OperatorVillage {
  /** The decisive measure by this operator alone (area, population or centre share, 0–1); null when invalid. */
  fraction: number | null;
  covered: boolean;
  /** Physical sites of other operators that, shared, would close this village's gap on their own. */
  sharingSites: string[];
}

/** An existing site this operator could share, with what it would gain on its own. */
export interface SharingOpportunity {
  siteId: string;
  lon: number;
  lat: number;
  hostOperators: string[];
  district: string | null;
  villagesGained: string[];
  /** Their people; null when one of them declares no population. */
  populationGained: number | null;
  /** The province-wide sharing ratio (0–1) if this one site were shared too. */
  sharingRatioIfAdded: number | null;
  candidate: Candidate;
}

export interface OperatorSharing {
  operator: string;
  villages: OperatorVillage[];
  /** Ranked: most villages, then most people, then site id. Only sites that gain something. */
  opportunities: SharingOpportunity[];
  sites: PhysicalSites;
}

function buildShareProblem(ctx: PlanningContext, operator: string, options: ShareOptions): { problem: CoverageProblem; sites: PhysicalSites } {
  const { input, params, prepared, geom } = ctx;
  const tech = options.tech ?? params.broadbandTechs[0];
  const radiusM = options.radiusM ?? params.radiusM[tech];
  const sites = groupPhysicalSites(input.bts, params.siteMergeM);
  const base = packFootprints(operatorRecords(input, operator), params);
  const candidates =
    operator === ANY_OPERATOR
      ? []
      : shareCandidates(input.bts, sites, { operator, tech, radiusM }, { equipment: options.equipment ?? 'operator-default', broadbandTechs: params.broadbandTechs });
  const empty = packFootprints([], params);
  const evaluator = new CoverageEvaluator(geom, prepared.villages, base, empty, params);
  const weight = new Float64Array(geom.count).fill(1);
  return { problem: buildProblem(geom, prepared.villages, base, candidates, params, weight, evaluator), sites };
}

/**
 * An operator's view of the villages: coverage by that operator alone (what the gap list's
 * `mobile_by_operator` holds), whether it is covered under the rule, and for each of its gaps the
 * existing sites of other operators that would close it if this operator put its equipment there;
 * plus the ranked sharing opportunities. "any" has no sharing (the union already has every site).
 */
export function operatorSharing(ctx: PlanningContext, operator: string, options: ShareOptions = {}): OperatorSharing {
  checkOperator(ctx.input, operator);
  const { problem, sites } = buildShareProblem(ctx, operator, options);
  const ev = problem.evaluator;
  const n = ctx.geom.count;
  const villages: OperatorVillage[] = [];
  for (let v = 0; v < n; v++) {
    if (ev.kind[v] === MEASURE_NONE) {
      villages.push({ fraction: null, covered: false, sharingSites: [] });
      continue;
    }
    const covered = ev.isCovered(v);
    const closing: { id: string; value: number }[] = [];
    if (!covered) {
      for (const c of problem.candidatesOf[v]) {
        const value = ev.valueAdding(v, problem.footprints(c), problem.hits(c, v));
        if (ev.covers(value)) closing.push({ id: problem.candidates[c].siteId, value });
      }
    }
    closing.sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    villages.push({ fraction: ev.value[v], covered, sharingSites: closing.map((s) => s.id) });
  }
  const villageOf = villageOfSites(sites, ctx.input.villages);
  const siteIndex = new Map(sites.sites.map((s, k) => [s.id, k]));
  const opportunities: SharingOpportunity[] = [];
  problem.candidates.forEach((cand, c) => {
    const gained: string[] = [];
    let population: number | null = 0;
    for (const v of problem.touched[c]) {
      if (ev.isCovered(v)) continue;
      if (ev.covers(ev.valueAdding(v, problem.footprints(c), problem.hits(c, v)))) {
        gained.push(ctx.input.villages[v].id);
        population = addPopulation(population, ctx.input.villages[v].population);
      }
    }
    if (gained.length === 0) return;
    const k = siteIndex.get(cand.siteId) ?? -1;
    const becomesShared = cand.hostOperators.length === 1 ? 1 : 0;
    const total = sites.sites.length;
    opportunities.push({
      siteId: cand.siteId,
      lon: cand.lon,
      lat: cand.lat,
      hostOperators: cand.hostOperators,
      district: k >= 0 && villageOf[k] >= 0 ? ctx.input.villages[villageOf[k]].district : null,
      villagesGained: gained,
      populationGained: population,
      sharingRatioIfAdded: total > 0 ? (sites.sharedCount + becomesShared) / total : null,
      candidate: cand,
    });
  });
  opportunities.sort(
    (a, b) =>
      b.villagesGained.length - a.villagesGained.length ||
      (b.populationGained ?? 0) - (a.populationGained ?? 0) ||
      (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0),
  );
  return { operator, villages, opportunities, sites };
}

/**
 * The gap list with `sharing_sites` filled for one operator's gaps (other rows get an empty list):
 * the ids of existing sites that would close the village's gap for that operator if shared.
 */
export function withSharingSites(rows: readonly GapRow[], sharing: OperatorSharing): GapRow[] {
  return rows.map((r, v) => ({ ...r, sharing_sites: [...(sharing.villages[v]?.sharingSites ?? [])] }));
}
