import { classifyVillage } from '../classify.ts';
import { kpiRowOf } from '../unit-kpis.ts';
import { computeKpis, type Kpis } from '../kpis.ts';
import { roundFraction, roundMetres, type GapRow } from '../output/gap-row.ts';
import { suggestRoutes } from '../report/route.ts';
import { signalClass } from '../report/signal-class.ts';
import { groupPhysicalSites, type PhysicalSites } from '../sharing/physical-sites.ts';
import type { ChunkResult } from './compute-chunk.ts';
import { layerPresence, type LayerPresence } from './input-layers.ts';
import type { AnalysisInput, PreparedAnalysis } from './prepare-analysis.ts';
import { mobileSource } from '../terrain/mobile-source.ts';
import type { ProfileCache } from '../terrain/profile-cache.ts';
import { settlementsOutside, type SettlementsOutside } from '../populated-points.ts';
import { unreachedLayers, type UnreachedLayer } from './unreached-layers.ts';

/** The finished analysis: one row per input village, in input order, the KPIs, and the layers it ran on. */
export interface GapList {
  rows: GapRow[];
  kpis: Kpis;
  sites: PhysicalSites;
  layers: LayerPresence;
  /** Settlement points in no village: they count for none, and the page and the CLI say so. */
  settlementsOutside: SettlementsOutside;
  /** The BTS or fibre layer given that reaches no village (a wrong file or CRS, most likely): the page and the CLI say so. */
  unreached: UnreachedLayer[];
}

/**
 * Turn the computed chunks into the gap list of the output contract: classify each village by the
 * rule in the parameters, name its reasons, list the operators that cover it on their own, and
 * compute the KPIs (with the sharing ratio over physical sites of all technologies); give each village
 * its reporting class and each mobile gap its route (who closes it: see route.ts).
 */
export function assembleGapList(
  input: AnalysisInput,
  prepared: PreparedAnalysis,
  chunks: readonly ChunkResult[],
  options: { routeProfiles?: ProfileCache } = {},
): GapList {
  const { params } = prepared;
  const operators = prepared.footprints.operators;
  const nOps = operators.length;
  const rows: GapRow[] = new Array(input.villages.length);
  const layers = layerPresence(input);
  for (const chunk of chunks) {
    const m = chunk.mobile;
    for (let v = chunk.start; v < chunk.end; v++) {
      const i = v - chunk.start;
      const record = input.villages[v];
      const invalid = Boolean(record.invalidReason) || prepared.villages.valid[v] === 0;
      const areaFraction = m.areaFraction[i];
      const lattice = prepared.populated.lattice[v] === 1;
      // Nobody to count: no population share (not 100 %, not the area's share presented as people's).
      const nobody = prepared.populated.nobody[v] === 1;
      const popFraction = nobody ? null : m.popFraction[i];
      const ftthFraction = layers.fibre ? chunk.ftth.fraction[i] : null;
      const tc = m.terrain;
      const c = classifyVillage(
        {
          invalid,
          repaired: (record.repairs?.length ?? 0) > 0,
          areaFraction,
          popFraction,
          centreCovered: m.centreCovered[i] === 1,
          ftthFraction,
          populationAssumed: lattice && !nobody,
          disk: tc ? { areaFraction: tc.diskArea[i], popFraction: nobody ? null : tc.diskPop[i], centreCovered: tc.diskCentre[i] === 1 } : null,
        },
        params,
      );
      const byOperator: Record<string, number> = {};
      const covering: string[] = [];
      if (!invalid) {
        for (let o = 0; o < nOps; o++) {
          const area = m.byOperator[i * nOps + o];
          const pop = m.popByOperator[i * nOps + o];
          const measure = params.coverageMeasure === 'area' || nobody ? area : pop;
          byOperator[operators[o]] = roundFraction(measure) ?? 0;
          const alone =
            params.coverageMeasure === 'centre' ? m.centreByOperator[i * nOps + o] === 1 : measure >= params.coverageThreshold;
          if (alone) covering.push(operators[o]);
        }
      }
      rows[v] = {
        id: record.id,
        name: record.name,
        commune: record.commune,
        district: record.district,
        province: record.province,
        population: record.population,
        households: record.households,
        status: invalid ? 'invalid' : 'ok',
        gap: c.gap,
        mobile_covered: c.mobileCovered,
        mobile_area_fraction: invalid ? null : roundFraction(areaFraction),
        mobile_pop_fraction: invalid || popFraction === null ? null : roundFraction(popFraction),
        mobile_centre_covered: m.centreCovered[i] === 1,
        mobile_operators: covering,
        mobile_by_operator: byOperator,
        nearest_bts_m: invalid ? null : roundMetres(m.nearestBtsM[i]),
        ftth_covered: c.ftthCovered,
        ftth_fraction: invalid || ftthFraction === null ? null : roundFraction(ftthFraction),
        nearest_fibre_m: invalid || !layers.fibre ? null : roundMetres(chunk.ftth.nearestM[i]),
        reasons: c.reasons,
        sharing_sites: [],
        signal_class: null,
        route: null,
        route_operators: [],
        route_sites: [],
        mobile_source: mobileSource(prepared.terrain?.dem ?? null, tc ? tc.model[i] : 0),
        mobile_shadow_fraction: tc && !invalid ? roundFraction(Math.max(0, tc.diskArea[i] - areaFraction)) : null,
      };
      rows[v].signal_class = signalClass(rows[v]);
    }
  }
  const missing = rows.findIndex((r) => r === undefined);
  if (missing >= 0) throw new Error(`Village ${missing} was not computed: the chunks do not cover all ${rows.length} villages.`);
  const sites = groupPhysicalSites(input.bts, params.siteMergeM);
  const gaps: number[] = [];
  rows.forEach((r, v) => {
    if (r.status === 'ok' && r.mobile_covered === false) gaps.push(v);
  });
  for (const [v, s] of suggestRoutes(input, prepared, sites, gaps, { profiles: options.routeProfiles })) {
    rows[v].route = s.route;
    rows[v].route_operators = s.operators;
    rows[v].route_sites = s.sites;
  }
  const kpis = computeKpis(rows.map(kpiRowOf), { physical: sites.sites.length, shared: sites.sharedCount }, params);
  return { rows, kpis, sites, layers, settlementsOutside: settlementsOutside(prepared.populated), unreached: unreachedLayers(rows, layers) };
}
