import type { FeatureCollection } from 'geojson';
import type { GapRow } from '../../core/output/gap-row.ts';
import type { OptimiseProgress } from '../../core/planning/optimise-sites.ts';
import type { PlanResult } from '../../core/planning/plan-operator.ts';
import type { OperatorViewResult, ProposeResult } from '../../../workers/planning-protocol.ts';
import type { ExportableResult } from '../analysis/export-gaps.ts';
import type { LoadedLayers } from '../analysis/run-coverage.ts';
import { ANY, gapFor } from '../planner/before-after.ts';
import { sharingSitesByVillage } from './operator-view.ts';
import { ProposalHistory, type ProposalEntry } from './proposals.ts';

/**
 * What the operator workflow holds (the proposal, the operator in view, the analysis it builds on,
 * the planning worker's last answers) and what follows from it. Pure (no DOM): the workflow's
 * parts read and change this one object.
 */

/** The optimiser's panel state. */
export interface OptimiserState {
  running: boolean;
  progress: OptimiseProgress | null;
  result: PlanResult | null;
  message: string | null;
}

/** Where the time of the last proposal went (ms), for the panel. */
export interface ProposalTiming {
  workerMs: number;
  roundTripMs: number;
  applyMs: number;
  totalMs: number;
  recomputed: number;
}

export interface WorkflowState {
  history: ProposalHistory;
  /** The operator in view (`ANY`: every operator). */
  operator: string;
  /** The analysis the proposal builds on, and the page's layers it was computed from (null before one). */
  base: ExportableResult | null;
  layers: LoadedLayers | null;
  /** Operators of the BTS layer, sorted. */
  operators: string[];
  /** The planning worker's view of the operator in view (null while none or being fetched). */
  opView: OperatorViewResult | null;
  opBusy: boolean;
  /** The planning worker's answer for the proposal, and the gap rows with it applied. */
  after: ProposeResult | null;
  afterRows: GapRow[] | null;
  /** Place-site mode. */
  placing: boolean;
  /** The key of the proposed site selected (on the map or in the list). */
  selected: string | null;
  timing: ProposalTiming | null;
  /** A message for the proposals panel (a file loaded or refused). */
  proposalMessage: string | null;
  lastPlan: PlanResult | null;
  optimiser: OptimiserState;
  /** Whether the map and board show something other than the plain analysis. */
  showingOverlay: boolean;
}

export function createWorkflowState(entries: ProposalEntry[], operator: string): WorkflowState {
  return {
    history: new ProposalHistory(entries),
    operator,
    base: null,
    layers: null,
    operators: [],
    opView: null,
    opBusy: false,
    after: null,
    afterRows: null,
    placing: false,
    selected: null,
    timing: null,
    proposalMessage: null,
    lastPlan: null,
    optimiser: { running: false, progress: null, result: null, message: null },
    showingOverlay: false,
  };
}

/** The proposal's answer when the map and board show it: there are entries and the worker answered. */
export function shownProposal(s: WorkflowState): { after: ProposeResult; rows: GapRow[] } | null {
  return s.history.entries.length > 0 && s.after && s.afterRows ? { after: s.after, rows: s.afterRows } : null;
}

/** The gap class the map shows for a row in the operator's view. */
export function shownGap(s: WorkflowState, row: GapRow): string {
  return s.operator === ANY ? row.gap : gapFor(row, s.operator);
}

/** Sites of other operators that would close each of the operator's gaps (null: no operator view yet). */
export function sharingSites(s: WorkflowState): Map<number, string[]> | null {
  return s.opView && s.opView.operator === s.operator ? sharingSitesByVillage(s.opView.sharing) : null;
}

/** Whether the proposal already shares `site` for `operator`. */
export function sharesSite(s: WorkflowState, site: string, operator: string): boolean {
  return s.history.entries.some((e) => e.kind === 'share' && e.siteId === site && e.operators.includes(operator));
}

/** Forgets the answers that belonged to the previous analysis. */
export function forgetAnswers(s: WorkflowState): void {
  s.after = null;
  s.afterRows = null;
  s.opView = null;
  s.timing = null;
}

/** Proposed sites as BTS-like points for the map (one per operator and sector); the map draws their footprints by the analysis's rule. */
export function proposedFeatures(s: WorkflowState): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: s.history.entries.flatMap((e) =>
      e.operators.flatMap((op) =>
        (e.sectors.length > 0 ? e.sectors : [null]).map((sector) => ({
          type: 'Feature' as const,
          properties: {
            key: e.key,
            site_id: e.siteId,
            kind: e.kind,
            operator: op,
            tech: e.tech,
            radius_m: e.radiusM,
            azimuth_deg: sector?.azimuthDeg ?? null,
            beamwidth_deg: sector?.beamwidthDeg ?? null,
            selected: e.key === s.selected,
          },
          geometry: { type: 'Point' as const, coordinates: [e.lon, e.lat] },
        })),
      ),
    ),
  };
}
