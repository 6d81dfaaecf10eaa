import type { CrsDefinition } from '../io/crs/crs-registry.ts';
import { type ShapefileOutput, writeShapefile } from '../io/formats/write-shapefile.ts';
import type { GeoFeature } from '../io/geojson-types.ts';
import { writeFlatGeobuf } from '../io/write-fgb.ts';
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
          id: r.id,
          site_id: r.siteId,
          operator: r.operator,
          tech: r.tech,
          radius_m: r.radiusM,
          azimuth_deg: r.azimuthDeg,
          beamwidth_deg: r.beamwidthDeg,
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
function proposalsMember(plan: PlanResult, meta: ProposalsMetadata): Record<string, unknown> {
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
 * `beamwidth_deg`) that `readLayer('bts', …)` reads back, plus `kind` ("share" | "new"), `rank`
 * (order in the plan; the records of one addition share it), `origin`, `host_operators`, and the
 * addition's `villages_gained` (count), `village_ids` and `population_gained`. The `vunglom` member
 * carries the parameters, inputs, target and the before → after coverage. Coordinates are written
 * unrounded so that a proposal read back covers exactly what the plan computed.
 */
export function writeProposalsGeoJson(plan: PlanResult, meta: ProposalsMetadata): string {
  const features = proposalFeatures(plan).map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","vunglom":${JSON.stringify(proposalsMember(plan, meta))},"features":[\n${features.join(',\n')}\n]}\n`;
}

/** The proposals as FlatGeobuf (GDAL ≥ 3.6 readable, a valid BTS input); the `vunglom` member in the header's metadata. */
export function writeProposalsFlatGeobuf(plan: PlanResult, meta: ProposalsMetadata): Uint8Array<ArrayBuffer> {
  return writeFlatGeobuf(proposalFeatures(plan), {
    name: 'proposals',
    title: 'Vùng Lõm proposed sites',
    description: 'Trạm đề xuất (dùng chung hoặc xây mới)',
    metadata: JSON.stringify(proposalsMember(plan, meta)),
    allowEmpty: true,
  });
}

/** The columns of a proposals shapefile, in order. */
export const PROPOSAL_COLUMNS = [
  'id', 'site_id', 'operator', 'tech', 'radius_m', 'azimuth_deg', 'beamwidth_deg', 'kind', 'rank', 'origin', 'host_operators',
  'villages_gained', 'village_ids', 'population_gained',
] as const;

/** The proposals as a zipped shapefile (WGS 84 or `crs`), with the fields sidecar and `proposals_vunglom.json`. */
export function writeProposalsShapefile(plan: PlanResult, meta: ProposalsMetadata, options: { crs?: CrsDefinition; date?: Date } = {}): ShapefileOutput {
  return writeShapefile(proposalFeatures(plan), {
    layer: 'proposals',
    columns: PROPOSAL_COLUMNS.map((column) => ({ column })),
    crs: options.crs,
    date: options.date,
    extraFiles: new Map([['proposals_vunglom.json', new TextEncoder().encode(`${JSON.stringify(proposalsMember(plan, meta), null, 1)}\n`)]]),
  });
}
