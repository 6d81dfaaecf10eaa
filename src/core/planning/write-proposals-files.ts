import type { CrsDefinition } from '../io/crs/crs-registry.ts';
import { type ShapefileOutput, writeShapefile } from '../io/formats/write-shapefile.ts';
import { writeFlatGeobuf } from '../io/write-fgb.ts';
import type { PlanResult } from './plan-operator.ts';
import { proposalFeatures, proposalsMember, type ProposalsMetadata } from './write-proposals.ts';

/**
 * The proposals as FlatGeobuf and as a zipped Shapefile (the same features and `vunglom` member as
 * the GeoJSON of write-proposals.ts); apart from it so the planning worker loads these writers only
 * when such a file is asked for.
 */

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
  'id', 'site_id', 'operator', 'tech', 'radius_m', 'azimuth_deg', 'beamwidth_deg', 'height_m', 'kind', 'rank', 'origin', 'host_operators',
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
