import KDBush from 'kdbush';
import type { AnalysisInput, PreparedAnalysis } from '../analysis/prepare-analysis.ts';
import { packVillages } from '../coverage/packed-villages.ts';
import { metresPerDegree } from '../ftth/local-metric.ts';
import { geodesicDistance } from '../geo/geodesic.ts';
import { newSiteCandidates, shareCandidates, type Candidate, type PlannedCell } from '../planning/candidates.ts';
import { FOOTPRINT_STRIDE, FP_BEARING_FROM, FP_LAT, FP_LON, FP_RADIUS, packFootprints } from '../coverage/packed-footprints.ts';
import { buildProblem, type CoverageProblem, type TerrainOf } from '../planning/coverage-problem.ts';
import { CoverageEvaluator, MEASURE_NONE } from '../planning/coverage-evaluator.ts';
import { buildVillageGeometry } from '../planning/village-geometry.ts';
import type { PhysicalSites } from '../sharing/physical-sites.ts';
import { buildTerrain, mastOf, usesBand, type FootprintMast } from '../terrain/build-terrain.ts';
import type { TerrainParams } from '../terrain/terrain-params.ts';
import { ProfileCache } from '../terrain/profile-cache.ts';

/**
 * Who closes a village's mobile broadband gap, as provincial reports say it:
 * - `share`: an existing physical site closes it once another operator puts its broadband cell
 *   there (the site's operators must open it);
 * - `build`: no existing site does, but one new site would, and an operator has a site nearby;
 * - `vtf`: the universal-service fund (Quỹ Dịch vụ viễn thông công ích Việt Nam), because no
 *   operator has a site within {@link RouteRules.presenceM}, or no single added site closes it.
 */
export type Route = 'share' | 'build' | 'vtf';

export const ROUTES: readonly Route[] = ['share', 'build', 'vtf'];

/**
 * The rules routes follow (documented in the README; they go with the tool version).
 *
 * "Within the rules" means what the optimiser (`vunglom plan`) would add: one cell of the first
 * broadband technology of the parameters with its default radius, omnidirectional — on an existing
 * physical site that not every operator already uses (share), or at a new position the optimiser
 * tries for the gap villages: their centres, the weighted centres of their settlement clusters,
 * and a grid at the radius's spacing (build). It "closes" the village when the village is covered
 * under the analysis's own rule (area, population or centre and its threshold) with every existing
 * broadband footprint plus that one cell. With an elevation model the existing footprints and the
 * share trials are terrain footprints; new-site trials are judged as without terrain (see
 * `suggestRoutes`).
 */
export interface RouteRules {
  /**
   * An operator is present near a village when one of its sites (any technology, 2G included:
   * it has a mast, power and backhaul there) stands within this distance of the village centre.
   * With no operator present, commercial roll-out is not expected: the route is VTF. Metres.
   */
  presenceM: number;
}

/** 10 km: beyond it a new site needs its own long backhaul (a microwave hop or a fibre extension). */
export const DEFAULT_ROUTE_RULES: Readonly<RouteRules> = { presenceM: 10_000 };

/** One gap village's route. */
export interface RouteSuggestion {
  route: Route;
  /**
   * share: the operators on the closing site(s), best site first; build: the operators present
   * within `presenceM`, nearest first; vtf: none.
   */
  operators: string[];
  /** share: the ids of the existing sites that close it, best first (largest measure, then id); otherwise empty. */
  sites: string[];
  /** Why VTF: no operator nearby, or no single added site closes the village. */
  vtfReason?: 'no-operator-nearby' | 'no-candidate';
}

/** The operator name written on the route's trial cells (never shown; only their footprints count). */
const TRIAL_OPERATOR = 'route-trial';

/**
 * Routes for the gap villages `targets` (indexes into `input.villages`, each valid and without
 * mobile broadband). Works on those villages only, so its cost follows the number of gaps, not the
 * province. Returns an empty map when there is no BTS record or no broadband technology (nothing
 * to reason from: the route is unknown, never invented).
 */
export function suggestRoutes(
  input: AnalysisInput,
  prepared: PreparedAnalysis,
  sites: PhysicalSites,
  targets: readonly number[],
  options: {
    rules?: RouteRules;
    /**
     * The share trials' terrain profiles, kept by the caller across runs: a cache of their own,
     * never the masts' (a longer reach computed for a trial would change the masts' terrain).
     */
    profiles?: ProfileCache;
  } = {},
): Map<number, RouteSuggestion> {
  const rules = options.rules ?? DEFAULT_ROUTE_RULES;
  const out = new Map<number, RouteSuggestion>();
  const { params } = prepared;
  const tech = params.broadbandTechs[0];
  if (targets.length === 0 || input.bts.length === 0 || !tech) return out;
  if (!(rules.presenceM >= 0)) throw new Error(`The presence distance of the route rules must be ≥ 0 metres, got ${rules.presenceM}.`);
  const cell: PlannedCell = { operator: TRIAL_OPERATOR, tech, radiusM: params.radiusM[tech] };
  const packed = packVillages(targets.map((v) => input.villages[v]));
  const geom = buildVillageGeometry(packed, prepared.settlements, Uint8Array.from(targets, (v) => prepared.populated.nobody[v]));
  const siteIndex = new KDBush(Math.max(1, sites.sites.length));
  for (const s of sites.sites) siteIndex.add(s.lon, s.lat);
  if (sites.sites.length === 0) siteIndex.add(1e9, 1e9);
  siteIndex.finish();

  // Operators present near each target, nearest first; and the sites a trial cell could reach from.
  const allOperators = new Set(input.bts.map((b) => b.operator));
  const present: string[][] = [];
  const nearSites = new Set<number>();
  for (let k = 0; k < targets.length; k++) {
    present.push(geom.valid[k] ? operatorsNear(geom.centre[k * 2], geom.centre[k * 2 + 1], rules.presenceM, sites, siteIndex) : []);
    if (!geom.valid[k]) continue;
    const o = k * 4;
    const lat = (geom.box[o + 1] + geom.box[o + 3]) / 2;
    const m = metresPerDegree(lat);
    const padLon = cell.radiusM / m.x;
    const padLat = cell.radiusM / m.y;
    for (const s of siteIndex.range(geom.box[o] - padLon, geom.box[o + 1] - padLat, geom.box[o + 2] + padLon, geom.box[o + 3] + padLat)) {
      if (s < sites.sites.length && sites.sites[s].operators.length < allOperators.size) nearSites.add(s);
    }
  }
  const wanted = new Set([...nearSites].map((s) => sites.sites[s].id));
  const dem = prepared.terrain ? input.dem : null;
  const reachOf = existingReach(input, prepared, dem !== null);
  const shares = shareCandidates(input.bts, sites, cell, { equipment: 'operator-default', broadbandTechs: params.broadbandTechs }).filter(
    (c) => wanted.has(c.siteId) && !addsNothing(c, reachOf, params.terrain, dem !== null),
  );
  const local = targets.map((_, k) => k);
  const fresh = newSiteCandidates(geom, local, cell, { villageCentres: true, settlementClusters: true, gridM: cell.radiusM });
  const weight = new Float64Array(targets.length).fill(1);
  const base = prepared.footprints;
  // With an elevation model the masts are terrain footprints, as in the analysis, and so are the
  // share trials (they stand on those masts): a cell on a mast behind a ridge does not close the
  // village in its shadow. New-site trials are judged as without terrain (masts and trial as disks):
  // the route says one new site nearby could close the village (one in the shadowed valley sees
  // it); where exactly it must stand is the optimiser's answer (`vunglom plan`, with terrain).
  const onTerrain = new CoverageEvaluator(geom, packed, base, packFootprints([], params), params, dem ? prepared.terrain : null);
  const onDisks = dem ? new CoverageEvaluator(geom, packed, base, packFootprints([], params), params) : onTerrain;
  let shareTerrain: TerrainOf | undefined;
  if (dem && prepared.terrain) {
    const profiles = options.profiles ?? new ProfileCache();
    profiles.seed(dem, params.terrain, prepared.terrain);
    shareTerrain = (records, footprints) => buildTerrain(records, footprints, dem, params.terrain, profiles);
  }
  const closes = (problem: CoverageProblem, c: number, k: number): number | null => {
    const value = problem.evaluator.valueAdding(k, problem.footprints(c), problem.hits(c, k));
    return problem.evaluator.covers(value) ? value : null;
  };
  const shareProblem = buildProblem(geom, packed, base, shares, params, weight, onTerrain, shareTerrain);
  const closing: { id: string; hosts: string[]; value: number }[][] = targets.map(() => []);
  for (let k = 0; k < targets.length; k++) {
    if (onTerrain.kind[k] === MEASURE_NONE || present[k].length === 0) continue;
    for (const c of shareProblem.candidatesOf[k]) {
      const value = closes(shareProblem, c, k);
      if (value !== null) closing[k].push({ id: shares[c].siteId, hosts: shares[c].hostOperators, value });
    }
  }
  const freshProblem = buildProblem(geom, packed, base, fresh, params, weight, onDisks);

  for (let k = 0; k < targets.length; k++) {
    if (onTerrain.kind[k] === MEASURE_NONE) continue;
    if (present[k].length === 0) {
      out.set(targets[k], { route: 'vtf', operators: [], sites: [], vtfReason: 'no-operator-nearby' });
      continue;
    }
    const buildable =
      closing[k].length === 0 &&
      freshProblem.candidatesOf[k].some((c) => closes(freshProblem, c, k) !== null);
    if (closing[k].length > 0) {
      const best = closing[k].sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const operators = [...new Set(best.flatMap((s) => s.hosts))];
      out.set(targets[k], { route: 'share', operators, sites: best.map((s) => s.id) });
    } else if (buildable) {
      out.set(targets[k], { route: 'build', operators: present[k], sites: [] });
    } else {
      out.set(targets[k], { route: 'vtf', operators: [], sites: [], vtfReason: 'no-candidate' });
    }
  }
  return out;
}

/** Key of a position, exact (footprints and share trials on one mast carry the same coordinates). */
const positionKey = (lon: number, lat: number): string => `${lon},${lat}`;

/** Per position, the existing broadband disks there: their radius, and their mast with terrain. */
type ExistingReach = Map<string, { radiusM: number; mast: FootprintMast | null }[]>;

function existingReach(input: AnalysisInput, prepared: PreparedAnalysis, terrain: boolean): ExistingReach {
  const fp = prepared.footprints;
  const out: ExistingReach = new Map();
  for (let f = 0; f < fp.count; f++) {
    const o = f * FOOTPRINT_STRIDE;
    if (!Number.isNaN(fp.data[o + FP_BEARING_FROM])) continue;
    const key = positionKey(fp.data[o + FP_LON], fp.data[o + FP_LAT]);
    const list = out.get(key) ?? [];
    list.push({ radiusM: fp.data[o + FP_RADIUS], mast: terrain ? mastOf(input.bts[fp.source[f]], prepared.params.terrain) : null });
    out.set(key, list);
  }
  return out;
}

/**
 * Whether a share trial can add no coverage at all: each of its cells is a disk on a position where
 * an existing broadband disk reaches at least as far — with terrain, from an antenna at least as
 * high (a higher antenna on the same spot sees all that a lower one sees) on the same band where the
 * criterion reads it. Such a trial closes no gap; it is not evaluated (exact, not a heuristic).
 */
function addsNothing(candidate: Candidate, reach: ExistingReach, params: TerrainParams, terrain: boolean): boolean {
  return candidate.records.every((r) => {
    if (r.azimuthDeg !== null && r.beamwidthDeg !== null && r.beamwidthDeg < 360) return false;
    const trial = terrain ? mastOf(r, params) : null;
    return (reach.get(positionKey(r.lon, r.lat)) ?? []).some(
      (e) =>
        e.radiusM >= (r.radiusM ?? Infinity) &&
        (!trial || !e.mast || (e.mast.antennaM >= trial.antennaM && (!usesBand(params) || e.mast.bandMhz === trial.bandMhz))),
    );
  });
}

/** Operators with a physical site within `radiusM` of (lon, lat), nearest first (then by name). */
function operatorsNear(lon: number, lat: number, radiusM: number, sites: PhysicalSites, index: KDBush): string[] {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [];
  const m = metresPerDegree(lat);
  // The box encloses the circle with a margin for the ellipsoid's curvature; the test is geodesic.
  const dLon = (radiusM * 1.01) / m.x;
  const dLat = (radiusM * 1.01) / m.y;
  const nearest = new Map<string, number>();
  for (const s of index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
    const site = sites.sites[s];
    if (!site) continue;
    const d = geodesicDistance(lon, lat, site.lon, site.lat);
    if (d > radiusM) continue;
    for (const op of site.operators) {
      const before = nearest.get(op);
      if (before === undefined || d < before) nearest.set(op, d);
    }
  }
  return [...nearest.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([op]) => op);
}
