import { TOOL_VERSION } from '../../core/output/run-metadata.ts';
import type { ExportableResult } from '../analysis/export-gaps.ts';
import { downloadText } from '../ui/download.ts';
import { rowsWithSharingSites } from './operator-view.ts';
import type { PlanningClient } from './planning-client.ts';
import { toProposedSites } from './proposals.ts';
import { sharingSites, type WorkflowState } from './workflow-state.ts';

/** The proposal's files: the proposals GeoJSON (a valid BTS input), and the gap list with the proposal applied. */

/** The proposals GeoJSON, written by the planning worker. */
async function proposalsText(s: WorkflowState, client: PlanningClient): Promise<string> {
  if (!s.base) throw new Error('No analysis yet: wait until coverage is computed, then export the proposals.');
  const entries = s.history.entries;
  return client.exportProposals({
    sites: toProposedSites(entries),
    kinds: entries.map((e) => ({ kind: e.kind, origin: e.origin, hostOperators: e.hostOperators })),
    operator: s.lastPlan?.operator ?? s.operator,
    target: s.lastPlan?.target ?? null,
    meta: { tool: 'vunglom', version: TOOL_VERSION, created: new Date().toISOString(), params: s.base.params, inputs: [] },
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

/** Downloads the proposals GeoJSON (nothing without an analysis and a site). */
export async function downloadProposals(s: WorkflowState, client: PlanningClient): Promise<void> {
  if (!s.base || s.history.entries.length === 0) return;
  const text = await proposalsText(s, client);
  const slug = slugOf(s.base.region || 'region');
  downloadText(text, `vunglom-proposals-${slug || 'region'}-${new Date().toISOString().slice(0, 10)}.geojson`, 'application/geo+json');
}

/** The gap list as the exports should write it with the proposal (its file among the inputs), or null when there is none. */
export async function gapListWithProposal(s: WorkflowState, client: PlanningClient): Promise<ExportableResult | null> {
  const base = s.base;
  if (!base || s.history.entries.length === 0 || !s.afterRows || !s.after) return null;
  const after = s.after;
  const text = await proposalsText(s, client);
  const rows = rowsWithSharingSites(s.afterRows, s.operator, sharingSites(s));
  return {
    ...base,
    gapList: { rows, kpis: after.kpis, sites: { ...base.gapList.sites, sites: after.sites, sharedCount: after.sites.filter((x) => x.operators.length >= 2).length } },
    region: `${base.region} with proposals`,
    sources: [...base.sources, { role: 'bts', name: 'proposals.geojson', bytes: new TextEncoder().encode(text) }],
  };
}
