import { describe, expect, it } from 'vitest';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import type { BtsRecord, SettlementRecord, VillageRecord } from '../../src/core/model.ts';
import { defaultParams } from '../../src/core/params.ts';
import { mulberry32 } from '../../src/core/random.ts';
import type { Candidate } from '../../src/core/planning/candidates.ts';
import { buildProblem, type CoverageProblem } from '../../src/core/planning/coverage-problem.ts';
import { optimiseSites } from '../../src/core/planning/optimise-sites.ts';
import { createPlanningContext, planOperator, type PlanningContext } from '../../src/core/planning/plan-operator.ts';
import { settlementColumns } from '../../src/core/settlement-columns.ts';

const LON0 = 108;
const LAT0 = 14;
const KM_LON = 1 / 107.9; // degrees of longitude per km near 14°N
const KM_LAT = 1 / 110.6;

function bts(id: string, operator: string, lon: number, lat: number, radiusM: number): BtsRecord {
  return { id, siteId: id, operator, tech: '4G', lon, lat, radiusM, azimuthDeg: null, beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted' };
}

/** A side × side grid of 1 km square villages with three settlements each, and a few existing sites. */
function scene(seed: number, side: number): { ctx: PlanningContext; random: () => number } {
  const random = mulberry32(seed);
  const villages: VillageRecord[] = [];
  const settlements: SettlementRecord[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const x0 = LON0 + i * KM_LON;
      const y0 = LAT0 + j * KM_LAT;
      const ring: [number, number][] = [[x0, y0], [x0 + KM_LON, y0], [x0 + KM_LON, y0 + KM_LAT], [x0, y0 + KM_LAT], [x0, y0]];
      const id = `v${i}-${j}`;
      villages.push({ id, name: id, commune: null, district: i < side / 2 ? 'West' : 'East', province: 'P', population: 100 + Math.floor(random() * 900), households: null, centre: null, geometry: [[ring]] });
      for (let k = 0; k < 3; k++) {
        settlements.push({ id: `${id}-s${k}`, lon: x0 + (0.1 + 0.8 * random()) * KM_LON, lat: y0 + (0.1 + 0.8 * random()) * KM_LAT, weight: 1 + Math.floor(random() * 50) });
      }
    }
  }
  const existing = [bts('A1', 'A', LON0 + 0.5 * KM_LON, LAT0 + 0.5 * KM_LAT, 900), bts('B1', 'B', LON0 + side * KM_LON, LAT0, 1500)];
  const ctx = createPlanningContext({ villages, bts: existing, fibreRoutes: [], fibrePoints: [], settlements: settlementColumns(settlements) }, defaultParams());
  return { ctx, random };
}

/** `count` new-site candidates for operator A at seeded positions over the grid. */
function randomCandidates(random: () => number, side: number, count: number): Candidate[] {
  return Array.from({ length: count }, (_, k) => {
    const lon = LON0 + random() * side * KM_LON;
    const lat = LAT0 + random() * side * KM_LAT;
    const id = `c${k}`;
    return { kind: 'new', origin: 'grid', siteId: id, lon, lat, hostOperators: [], records: [bts(id, 'A', lon, lat, 800 + random() * 900)] };
  });
}

function problemFor(ctx: PlanningContext, candidates: Candidate[]): CoverageProblem {
  const base = packFootprints(ctx.input.bts.filter((b) => b.operator === 'A'), ctx.params);
  return buildProblem(ctx.geom, ctx.prepared.villages, base, candidates, ctx.params, new Float64Array(ctx.geom.count).fill(1));
}

/** The fewest candidates reaching `target` by enumerating subsets by size (exact; small instances only). */
function exactMinimum(problem: CoverageProblem, target: number): number {
  const n = problem.candidates.length;
  const pick: number[] = [];
  const search = (start: number, k: number): boolean => {
    if (pick.length === k) return problem.coveredWeight(pick) >= target - 1e-9;
    for (let c = start; c < n; c++) {
      pick.push(c);
      if (search(c + 1, k)) return true;
      pick.pop();
    }
    return false;
  };
  for (let k = 0; k <= n; k++) if (search(0, k)) return k;
  return Infinity;
}

describe('optimiser against the exact minimum (small instances, ≤ 16 candidates)', () => {
  it('comes within 10 % of the fewest sites over seeded instances, and reaches every reachable target', () => {
    const lines: string[] = [];
    let greedyTotal = 0;
    let exactTotal = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const side = 4;
      const { ctx, random } = scene(seed, side);
      const candidates = randomCandidates(random, side, 12 + (seed % 5));
      const problem = problemFor(ctx, candidates);
      const all = candidates.map((_, i) => i);
      const reachable = problem.coveredWeight(all);
      const result = optimiseSites(problem, { targetWeight: reachable, maxSites: null, phases: [{ name: 'new', candidates: all, allowPartialSteps: true }] });
      expect(result.reached).toBe(true);
      expect(problem.coveredWeight(result.selected)).toBeGreaterThanOrEqual(reachable - 1e-9);
      const exact = exactMinimum(problem, reachable);
      greedyTotal += result.selected.length;
      exactTotal += exact;
      lines.push(`seed ${seed}: ${candidates.length} candidates, ${reachable}/${side * side} villages reachable, greedy ${result.selected.length} sites, exact ${exact}`);
      expect(result.selected.length).toBeGreaterThanOrEqual(exact);
    }
    lines.push(`total: greedy ${greedyTotal}, exact ${exactTotal}, ${(100 * (greedyTotal / exactTotal - 1)).toFixed(1)} % more sites than optimal`);
    process.stdout.write(`${lines.join('\n')}\n`);
    expect(greedyTotal).toBeLessThanOrEqual(Math.floor(exactTotal * 1.1));
  });

  it('is deterministic, never lowers coverage, and stops at the budget', () => {
    const { ctx, random } = scene(42, 4);
    const candidates = randomCandidates(random, 4, 14);
    const problem = problemFor(ctx, candidates);
    const all = candidates.map((_, i) => i);
    const run = (maxSites: number | null) =>
      optimiseSites(problem, { targetWeight: Infinity, maxSites, phases: [{ name: 'new', candidates: all, allowPartialSteps: true }] });
    const a = run(null);
    expect(run(null).selected).toEqual(a.selected);
    const before = problem.coveredWeight([]);
    for (let k = 1; k <= a.selected.length; k++) {
      expect(problem.coveredWeight(a.selected.slice(0, k))).toBeGreaterThanOrEqual(problem.coveredWeight(a.selected.slice(0, k - 1)));
    }
    // Adding any single candidate never lowers any village's measure.
    for (const c of all) {
      for (let v = 0; v < ctx.geom.count; v++) expect(problem.valueWith(v, [c])).toBeGreaterThanOrEqual(problem.valueWith(v, []) - 1e-12);
    }
    expect(a.coveredWeight).toBeGreaterThan(before);
    expect(run(2).selected.length).toBeLessThanOrEqual(2);
  });

  it('cancels between steps with an AbortError and reports progress', () => {
    const { ctx, random } = scene(7, 4);
    const problem = problemFor(ctx, randomCandidates(random, 4, 14));
    const all = problem.candidates.map((_, i) => i);
    const controller = new AbortController();
    const seen: number[] = [];
    expect(() =>
      optimiseSites(problem, {
        targetWeight: Infinity,
        maxSites: null,
        phases: [{ name: 'new', candidates: all, allowPartialSteps: true }],
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.selected);
          if (p.selected === 1) controller.abort();
        },
      }),
    ).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(seen.slice(0, 2)).toEqual([0, 1]);
  });
});

describe('planOperator', () => {
  it('shares before building, reaches a reachable target, and names the villages no candidate reaches', () => {
    const { ctx } = scene(3, 5);
    // Operator A has one site; B's site can be shared. Without new sites the far villages stay out of reach.
    const sharesOnly = planOperator(ctx, { operator: 'A', target: { measure: 'villages', share: 1 }, newSites: { villageCentres: false, settlementClusters: false, gridM: null } });
    expect(sharesOnly.reached).toBe(false);
    expect(sharesOnly.stoppedBy).toBe('unreachable');
    expect(sharesOnly.unreachable.length).toBeGreaterThan(0);
    expect(sharesOnly.unreachable.every((u) => u.reason === 'out-of-reach')).toBe(true);
    expect(sharesOnly.after.coveredVillages).toBe(25 - sharesOnly.unreachable.length);
    expect(sharesOnly.proposals.every((p) => p.candidate.kind === 'share')).toBe(true);

    const full = planOperator(ctx, { operator: 'A', target: { measure: 'villages', share: 1 } });
    expect(full.reached).toBe(true);
    expect(full.after.coveredVillages).toBe(25);
    expect(full.proposals[0].candidate.kind).toBe('share');
    expect(full.proposals[0].candidate.siteId).toBe('B1');
    const kinds = full.proposals.map((p) => p.candidate.kind);
    expect(kinds.indexOf('new')).toBeGreaterThan(kinds.lastIndexOf('share'));
    expect(full.sharing.after).toBeGreaterThan(full.sharing.before ?? 0);
    const gained = full.proposals.flatMap((p) => p.villagesGained);
    expect(new Set(gained).size).toBe(gained.length);
    expect(gained.length).toBe(25 - full.before.coveredVillages);

    const budget = planOperator(ctx, { operator: 'A', target: { measure: 'population', share: 1 }, maxSites: 1 });
    expect(budget.proposals.length).toBe(1);
    expect(budget.stoppedBy).toBe('budget');
    expect(() => planOperator(ctx, { operator: 'Z', target: { measure: 'villages', share: 1 } })).toThrow(/Operator "Z".*A, B/);
  });
});
