import { errorMessage, isAbortError } from '../../core/error-message.ts';
import type { MapView } from '../../map/map-view.ts';
import { shareAnalysis } from '../analysis/coverage-client.ts';
import type { ExportableResult } from '../analysis/export-gaps.ts';
import type { LoadedLayers } from '../analysis/run-coverage.ts';
import { ANY, operatorShare } from '../planner/before-after.ts';
import type { PlannerViews } from '../planner/planner-views.ts';
import { onLangChange, t } from '../shell/i18n.ts';
import { chooseOperator, loadOperatorView, type OperatorChoiceParts } from './operator-choice.ts';
import { renderOperatorPanel } from './operator-view-panel.ts';
import { OptimiserRun } from './optimiser-run.ts';
import { renderOptimiserPanel } from './optimiser-panel.ts';
import { PlanningClient } from './planning-client.ts';
import { ProposalEdits } from './proposal-edits.ts';
import { downloadProposals, gapListWithProposal } from './proposal-export.ts';
import { ProposalRecolour } from './proposal-recolour.ts';
import { loadStoredProposal } from './proposal-storage.ts';
import { ProposalUpdates } from './proposal-updates.ts';
import { ProposalViews } from './proposal-views.ts';
import { renderProposalsPanel } from './proposals-panel.ts';
import { createWorkflowState, forgetAnswers, proposedFeatures, shownProposal, type WorkflowState } from './workflow-state.ts';

/**
 * The operator workflow: operator view, sharing opportunities, proposed sites (placed, dragged,
 * edited, undone), the optimiser, before → after on the map, plan board and gap list, and the
 * proposals export. Heavy work runs in the planning worker. This file wires the parts, each of
 * which does one thing: the state (workflow-state.ts), the edits (proposal-edits.ts), the
 * recomputation (proposal-updates.ts), the recolouring (proposal-recolour.ts), the board and views
 * (proposal-views.ts), the operator choice (operator-choice.ts), the optimiser (optimiser-run.ts)
 * and the files (proposal-export.ts). The shell hands it each finished analysis.
 */

export interface ProposalsWorkflowElements {
  operator: HTMLElement;
  proposals: HTMLElement;
  optimiser: HTMLElement;
}

export interface ProposalsWorkflow {
  /** A finished analysis (new data or assumptions): the proposal is evaluated again on it. */
  setBase(result: ExportableResult, layers: LoadedLayers): void;
  /** The gap list as the exports should write it now (with the proposal), or null when there is none. */
  gapExport(): Promise<ExportableResult | null>;
  /** Re-renders localised text. */
  refresh(): void;
}

/** Mounts the workflow's panels and map interactions. */
export function mountProposalsWorkflow(
  view: MapView,
  planner: PlannerViews,
  elements: ProposalsWorkflowElements,
  notify: (text: string) => void,
): ProposalsWorkflow {
  const client = new PlanningClient();
  const stored = loadStoredProposal();
  const state: WorkflowState = createWorkflowState(stored.entries, stored.operator);
  if (stored.dropped !== 0) notify(stored.dropped < 0 ? t('prop.stored-unreadable') : t('prop.stored-dropped', { count: stored.dropped }));
  const recolour = new ProposalRecolour(view);
  const drawSites = (): void => view.setData('proposed', proposedFeatures(state));
  const views = new ProposalViews({ state, view, planner, recolour, share: (o) => edits.share(o), drawPanels });
  const updates = new ProposalUpdates({ state, client, view, recolour, views, drawSites, drawPanels, notify });
  const edits = new ProposalEdits({ state, updates, drawPanels, drawSites, notify });
  const choice: OperatorChoiceParts = { state, client, draw: () => views.draw(), drawPanels, notify };

  const opPanel = renderOperatorPanel(elements.operator, {
    choose: (next) => chooseOperator(choice, next),
    share: (o) => edits.share(o),
  });
  const propPanel = renderProposalsPanel(elements.proposals, {
    togglePlace() {
      state.placing = !state.placing;
      view.setPlaceMode(state.placing);
      drawPanels();
    },
    undo: () => edits.undo(),
    redo: () => edits.redo(),
    clear: () => edits.clear(),
    load: (file) => edits.loadFile(file),
    select: (key) => edits.select(key),
    edit: (entry) => edits.edit(entry),
    remove: (key) => edits.remove(key),
  });
  const optPanel = renderOptimiserPanel(elements.optimiser, { run: (request) => void optimiser.run(request), cancel: () => optimiser.cancel() });
  const optimiser = new OptimiserRun({ state, client, panel: optPanel, edits, updates, drawPanels });

  view.setProposalHandlers({
    place: (lon, lat, at) => edits.place(lon, lat, at),
    select: (key) => edits.select(key),
    move: (key, lon, lat, at) => edits.move(key, lon, lat, at),
  });

  /** Starts the planning worker and loads the analysis into it; a cancel on the way is no failure. */
  const warmPlanning = (): void => {
    client.load().catch((error: unknown) => {
      if (!isAbortError(error)) notify(t('prop.error', { detail: errorMessage(error) }));
    });
  };

  onLangChange(() => drawPanels());
  // The planning worker starts after each analysis (setBase); a cancelled optimiser ends it, so start
  // it again when the user comes near the operator tools, and the next placed site answers at once.
  const warm = (): void => {
    if (state.base && client.hasInput) warmPlanning();
  };
  for (const e of Object.values(elements)) {
    e.addEventListener('pointerenter', warm);
    e.addEventListener('focusin', warm);
  }
  for (const format of ['geojson', 'fgb', 'shp'] as const) {
    document.querySelector(`button[data-action="export-proposals-${format}"]`)?.addEventListener('click', () => {
      downloadProposals(state, client, format).catch((error: unknown) => notify(t('prop.export-error', { detail: errorMessage(error) })));
    });
  }

  function drawPanels(): void {
    const baseRows = state.base?.gapList.rows ?? null;
    const shown = shownProposal(state);
    const operator = state.operator;
    opPanel.render({
      operators: state.operators,
      operator,
      busy: state.opBusy,
      before: baseRows ? operatorShare(baseRows, operator) : null,
      after: shown ? operatorShare(shown.rows, operator) : null,
      opportunities: state.opView && state.opView.operator === operator ? state.opView.opportunities : null,
      added: new Set(state.history.entries.filter((e) => e.kind === 'share' && e.operators.includes(operator)).map((e) => e.siteId)),
      sharingRatio: state.opView?.sharingRatio ?? null,
    });
    propPanel.render({
      entries: state.history.entries,
      selected: state.selected,
      placing: state.placing,
      canUndo: state.history.canUndo,
      canRedo: state.history.canRedo,
      busy: updates.busy,
      operators: state.operators,
      techs: state.base?.params.broadbandTechs ?? ['4G'],
      radiusM: state.base?.params.radiusM ?? { '2G': 0, '3G': 0, '4G': 0, '5G': 0 },
      timing: state.timing,
      message: state.proposalMessage,
    });
    optPanel.render({ operator, ...state.optimiser });
  }

  return {
    setBase(result, loaded) {
      state.base = result;
      state.layers = loaded;
      state.operators = [...new Set((loaded.bts?.features ?? []).map((f) => f.properties?.operator).filter((o): o is string => typeof o === 'string' && o !== ''))].sort();
      if (state.operator !== ANY && !state.operators.includes(state.operator)) state.operator = ANY;
      forgetAnswers(state);
      state.showingOverlay = false;
      // The shell has just set the layer's properties to this result.
      recolour.clear();
      views.cancel();
      // The planning worker takes the coverage worker's analysis (worker to worker), and starts
      // now, so the first proposal does not wait for it.
      client.setShared(shareAnalysis);
      warmPlanning();
      drawSites();
      views.draw();
      if (state.operator !== ANY) void loadOperatorView(choice);
      if (state.history.entries.length > 0) void updates.update();
    },
    gapExport: () => gapListWithProposal(state, client),
    refresh() {
      drawPanels();
      views.draw();
    },
  };
}
