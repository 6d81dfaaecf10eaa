import { transfer } from 'comlink';
import { computeChunk, type ChunkResult } from '../src/core/analysis/compute-chunk.ts';
import type { AnalysisInput, PreparedAnalysis } from '../src/core/analysis/prepare-analysis.ts';
import { detachEachTypedArrayKind } from '../src/core/analysis/warm-up-scene.ts';
import type { GapRow } from '../src/core/output/gap-row.ts';
import type { AnalysisParams } from '../src/core/params.ts';
import type { Candidate, CandidateOrigin } from '../src/core/planning/candidates.ts';
import { IncrementalAnalysis, proposedSiteRecords, type ProposedSite } from '../src/core/planning/incremental-analysis.ts';
import {
  createPlanningContext,
  planOperator,
  type PlanningContext,
  type PlanResult,
  type Proposal,
} from '../src/core/planning/plan-operator.ts';
import { coveredFor, operatorCoverageOfRows } from '../src/core/planning/operator-coverage.ts';
import { writeProposalsGeoJson } from '../src/core/planning/write-proposals.ts';
import { operatorSharing } from '../src/core/sharing/sharing-opportunities.ts';
import type { SessionAnalysis } from '../src/core/analysis/analysis-session.ts';
import { addPopulation } from '../src/core/population-total.ts';
import type { ExportRequest, LoadSummary, OperatorViewResult, PlanningWorkerApi, ProposalsFile, ProposeResult } from './planning-protocol.ts';

interface Base {
  input: AnalysisInput;
  params: AnalysisParams;
  ctx: PlanningContext;
  incremental: IncrementalAnalysis;
  views: Map<string, OperatorViewResult>;
}

/** The BTS records of proposal `k`, with ids that cannot collide with the input's. */
function recordsOf(site: ProposedSite, k: number, params: AnalysisParams) {
  return proposedSiteRecords([site], params).map((r) => ({ ...r, id: `proposal-${k + 1}-${r.id}` }));
}

/** Wire the planning worker's API to the core (shared by the browser worker and unit tests). */
export function createPlanningApi(): PlanningWorkerApi {
  detachEachTypedArrayKind();
  let base: Base | null = null;
  const need = (call: string): Base => {
    if (!base) throw new Error(`${call} called before load: send the analysis input first.`);
    return base;
  };

  /** Keeps the base analysis: computed here, or the coverage worker's (prepared data and measures) reused. */
  function start(input: AnalysisInput, params: AnalysisParams, computed: { prepared: PreparedAnalysis; chunks: ChunkResult[] } | null): LoadSummary {
    const started = performance.now();
    const ctx = createPlanningContext(input, params, computed?.prepared);
    const chunks = computed?.chunks ?? [computeChunk(ctx.prepared, 0, ctx.prepared.villageCount)];
    const incremental = new IncrementalAnalysis(input, params, { prepared: ctx.prepared, chunks, geometry: ctx.geom });
    base = { input, params, ctx, incremental, views: new Map() };
    return {
      villages: input.villages.length,
      operators: [...new Set(input.bts.map((b) => b.operator))].sort(),
      kpis: incremental.base.kpis,
      ms: performance.now() - started,
      reused: computed !== null,
    };
  }

  return {
    load(input, params) {
      return start(input, params, null);
    },

    async loadShared(port) {
      const analysis = await new Promise<SessionAnalysis | null>((resolve) => {
        port.addEventListener('message', (event: MessageEvent<SessionAnalysis | null>) => resolve(event.data), { once: true });
        port.start();
      });
      port.close();
      if (!analysis) throw new Error('No analysis to plan on yet: wait until coverage is computed.');
      return start(analysis.input, analysis.params, { prepared: analysis.prepared, chunks: analysis.chunks });
    },

    propose(sites) {
      const b = need('propose');
      const started = performance.now();
      const r = b.incremental.propose(sites);
      const out: ProposeResult = {
        changed: Int32Array.from(r.changed),
        rows: r.rows,
        kpis: r.kpis,
        sites: r.gapList.sites.sites,
        recomputed: r.recomputed,
        ms: 0,
      };
      out.ms = performance.now() - started;
      return out;
    },

    operatorView(operator) {
      const b = need('operatorView');
      const cached = b.views.get(operator);
      if (cached) return cached;
      const s = operatorSharing(b.ctx, operator);
      const n = s.villages.length;
      const fraction = new Float64Array(n);
      const covered = new Uint8Array(n);
      const sharing: OperatorViewResult['sharing'] = [];
      s.villages.forEach((v, i) => {
        fraction[i] = v.fraction ?? NaN;
        covered[i] = v.covered ? 1 : 0;
        if (v.sharingSites.length > 0) sharing.push({ village: i, sites: v.sharingSites });
      });
      const total = s.sites.sites.length;
      const view: OperatorViewResult = {
        operator,
        fraction,
        covered,
        sharing,
        opportunities: s.opportunities,
        sharingRatio: total > 0 ? s.sites.sharedCount / total : null,
      };
      b.views.set(operator, view);
      return view;
    },

    plan(request, existing, onProgress) {
      const b = need('plan');
      const ctx =
        existing.length === 0
          ? b.ctx
          : createPlanningContext({ ...b.input, bts: [...b.input.bts, ...existing.flatMap((s, k) => recordsOf(s, k, b.params))] }, b.params);
      return planOperator(ctx, { ...request, onProgress: onProgress ? (p) => void onProgress(p) : undefined });
    },

    exportProposals(request) {
      const b = need('exportProposals');
      const { sites, kinds, operator } = request;
      const baseRows = b.incremental.base.rows;
      // Attribute gains in the order of the list: what each site adds to those before it.
      let previous = new Map<number, GapRow>();
      let last = b.incremental.propose([]);
      const proposals: Proposal[] = sites.map((site, k) => {
        last = b.incremental.propose(sites.slice(0, k + 1));
        const now = new Map<number, GapRow>();
        last.changed.forEach((v, j) => now.set(v, last.rows[j]));
        const gained: string[] = [];
        let population: number | null = 0;
        for (const [v, row] of now) {
          const before = previous.get(v) ?? baseRows[v];
          const newlyCovered = (!before.mobile_covered && row.mobile_covered) || site.operators.some((op) => !coveredFor(before, op) && coveredFor(row, op));
          if (newlyCovered) {
            gained.push(row.id);
            population = addPopulation(population, row.population);
          }
        }
        previous = now;
        const info = kinds[k] ?? { kind: 'new', origin: 'user', hostOperators: [] };
        const candidate: Candidate = {
          kind: info.kind,
          origin: info.origin as CandidateOrigin,
          siteId: site.siteId ?? `proposed-${k + 1}`,
          lon: site.lon,
          lat: site.lat,
          hostOperators: info.hostOperators,
          records: recordsOf(site, k, b.params),
        };
        return { rank: k + 1, candidate, villagesGained: gained, populationGained: population };
      });
      const finalRows = last.gapList.rows;
      const before = operatorCoverageOfRows(baseRows, operator);
      const after = operatorCoverageOfRows(finalRows, operator);
      const target = request.target ?? { measure: 'villages' as const, share: 1 };
      const afterPct = target.measure === 'villages' ? after.coveredVillagesPct : after.coveredPopulationPct;
      const reached = afterPct !== null && afterPct / 100 >= target.share - 1e-9;
      const baseSites = b.incremental.base.sites;
      const afterSites = last.gapList.sites;
      const ratio = (s: { sites: unknown[]; sharedCount: number }): number | null => (s.sites.length > 0 ? s.sharedCount / s.sites.length : null);
      const plan: PlanResult = {
        operator,
        target,
        reached,
        stoppedBy: reached ? 'target' : null,
        before,
        after,
        maxReachableShare: (target.measure === 'villages' ? (after.coveredVillagesPct ?? 0) : (after.coveredPopulationPct ?? 0)) / 100,
        proposals,
        unreachable: [],
        candidates: { share: kinds.filter((x) => x.kind === 'share').length, new: kinds.filter((x) => x.kind === 'new').length },
        sharing: { physicalSites: afterSites.sites.length, sharedSites: afterSites.sharedCount, before: ratio(baseSites), after: ratio(afterSites) },
        evaluations: 0,
      };
      const format = request.format ?? 'geojson';
      if (format === 'geojson') return { data: writeProposalsGeoJson(plan, request.meta) };
      return binaryProposals(plan, request, format);
    },
  };
}

/** The proposals as FlatGeobuf or Shapefile, their writers loaded now; the bytes transferred. */
async function binaryProposals(plan: PlanResult, request: ExportRequest, format: 'fgb' | 'shp'): Promise<ProposalsFile> {
  const files = await import('../src/core/planning/write-proposals-files.ts');
  if (format === 'fgb') {
    const data = files.writeProposalsFlatGeobuf(plan, request.meta);
    return transfer({ data }, [data.buffer]);
  }
  const [{ exportCrsCode }, { crsFromText }] = await Promise.all([import('../src/core/output/gap-export.ts'), import('../src/core/io/crs/resolve-crs.ts')]);
  const crs = exportCrsCode(request.crs ?? 'wgs84', request.sites.map((s) => [s.lon, s.lat]));
  const def = crs === 'EPSG:4326' ? undefined : crsFromText(crs, 'The export\'s coordinate system');
  const data = files.writeProposalsShapefile(plan, request.meta, { crs: def }).zip;
  return transfer({ data, crs }, [data.buffer]);
}
