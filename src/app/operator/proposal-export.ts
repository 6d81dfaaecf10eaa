import { TOOL_VERSION } from '../../core/output/run-metadata.ts';
import type { ProposalsFile, ProposalsFormat } from '../../../workers/planning-protocol.ts';
import { exportCrs, type ExportableResult } from '../analysis/export-gaps.ts';
import { downloadFile } from '../ui/download.ts';
import { rowsWithSharingSites } from './operator-view.ts';
import type { PlanningClient } from './planning-client.ts';
import { toProposedSites } from './proposals.ts';
import { sharingSites, type WorkflowState } from './workflow-state.ts';

/**
 * The proposal's files: the proposals (a valid BTS input) as GeoJSON, FlatGeobuf or a zipped
 * shapefile, and the gap list with the proposal applied.
 */

/** File extension and media type of each proposals format. */
const PROPOSALS_FILES: Record<ProposalsFormat, { extension: string; type: string }> = {
  geojson: { extension: 'geojson', type: 'application/geo+json' },
  fgb: { extension: 'fgb', type: 'application/octet-stream' },
  shp: { extension: 'shp.zip', type: 'application/zip' },
};

/** The proposals file in `format`, written by the planning worker (a shapefile in the coordinates chosen on the page). */
async function proposalsFile(s: WorkflowState, client: PlanningClient, format: ProposalsFormat): Promise<ProposalsFile> {
  if (!s.base) throw new Error('No analysis yet: wait until coverage is computed, then export the proposals.');
  const entries = s.history.entries;
  return client.exportProposals({
    sites: toProposedSites(entries),
    kinds: entries.map((e) => ({ kind: e.kind, origin: e.origin, hostOperators: e.hostOperators })),
    operator: s.lastPlan?.operator ?? s.operator,
    target: s.lastPlan?.target ?? null,
    meta: { tool: 'vunglom', version: TOOL_VERSION, created: new Date().toISOString(), params: s.base.params, inputs: [] },
    format,
    crs: format === 'shp' ? exportCrs() : 'wgs84',
  });
}

/** A file-name part from a place name: no diacritics, lower case, dashes. */
function slugOf(region: string): string {
  return region
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Downloads the proposals in `format` (nothing without an analysis and a site). */
export async function downloadProposals(s: WorkflowState, client: PlanningClient, format: ProposalsFormat): Promise<void> {
  if (!s.base || s.history.entries.length === 0) return;
  const file = await proposalsFile(s, client, format);
  const stem = `vunglom-proposals-${slugOf(s.base.region || 'region') || 'region'}-${new Date().toISOString().slice(0, 10)}`;
  const { extension, type } = PROPOSALS_FILES[format];
  downloadFile(file.data, `${stem}.${extension}`, type);
}

/** The gap list as the exports should write it with the proposal (its GeoJSON among the inputs), or null when there is none. */
export async function gapListWithProposal(s: WorkflowState, client: PlanningClient): Promise<ExportableResult | null> {
  const base = s.base;
  if (!base || s.history.entries.length === 0 || !s.afterRows || !s.after) return null;
  const after = s.after;
  const { data } = await proposalsFile(s, client, 'geojson');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const rows = rowsWithSharingSites(s.afterRows, s.operator, sharingSites(s));
  return {
    ...base,
    gapList: { rows, kpis: after.kpis, layers: base.gapList.layers, settlementsOutside: base.gapList.settlementsOutside, unreached: base.gapList.unreached, sites: { ...base.gapList.sites, sites: after.sites, sharedCount: after.sites.filter((x) => x.operators.length >= 2).length } },
    region: `${base.region} with proposals`,
    sources: [...base.sources, { role: 'bts', name: 'proposals.geojson', bytes }],
  };
}
