import type { GeoFeature } from '../io/geojson-types.ts';
import { btsProperties } from '../output/bts-properties.ts';
import type { AnalysisParams } from '../params.ts';
import type { PlanResult } from './plan-operator.ts';

/** Run metadata of a proposals file: enough to reproduce it. */
export interface ProposalsMetadata {
  tool: 'vunglom';
  version: string;
  created: string;
  params: AnalysisParams;
  inputs: unknown[];
}

/** The proposals as features: one Point per BTS record added (see {@link writeProposalsGeoJson}). */
export function proposalFeatures(plan: PlanResult): GeoFeature[] {
  const features: GeoFeature[] = [];
  for (const p of plan.proposals) {
    for (const r of p.candidate.records) {
      features.push({
        type: 'Feature',
        id: r.id,
        properties: {
          ...btsProperties(r),
          kind: p.candidate.kind,
          rank: p.rank,
          origin: p.candidate.origin,
          host_operators: p.candidate.hostOperators,
          villages_gained: p.villagesGained.length,
          village_ids: p.villagesGained,
          population_gained: p.populationGained,
        },
        geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      });
    }
  }
  return features;
}

/** The `vunglom` member of a proposals file: the run's metadata, the target and the before → after coverage. */
export function proposalsMember(plan: PlanResult, meta: ProposalsMetadata): Record<string, unknown> {
  return {
    ...meta,
    plan: {
      operator: plan.operator,
      target: plan.target,
      reached: plan.reached,
      stoppedBy: plan.stoppedBy,
      before: plan.before,
      after: plan.after,
      maxReachableShare: plan.maxReachableShare,
      additions: { share: plan.proposals.filter((p) => p.candidate.kind === 'share').length, new: plan.proposals.filter((p) => p.candidate.kind === 'new').length },
      sharing: plan.sharing,
      unreachable: plan.unreachable,
    },
  };
}

/**
 * The proposals of a plan as an RFC 7946 FeatureCollection text, one Point Feature per BTS record
 * added: a valid BTS input (`id`, `site_id`, `operator`, `tech`, `radius_m`, `azimuth_deg`,
 * `beamwidth_deg`, `height_m` (the antenna's height above ground), `band_mhz`: `btsProperties`) that `readLayer('bts', …)` reads back, plus `kind` ("share" | "new"), `rank`
 * (order in the plan; the records of one addition share it), `origin`, `host_operators`, and the
 * addition's `villages_gained` (count), `village_ids` and `population_gained`. The `vunglom` member
 * carries the parameters, inputs, target and the before → after coverage. Coordinates are written
 * unrounded so that a proposal read back covers exactly what the plan computed.
 */
export function writeProposalsGeoJson(plan: PlanResult, meta: ProposalsMetadata): string {
  const features = proposalFeatures(plan).map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","vunglom":${JSON.stringify(proposalsMember(plan, meta))},"features":[\n${features.join(',\n')}\n]}\n`;
}
