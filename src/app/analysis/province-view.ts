import type { MapView } from '../../map/map-view.ts';
import type { ProposalsWorkflow } from '../operator/proposals-workflow.ts';
import { boardKpis } from '../planner/before-after.ts';
import { setKpis } from '../planner/plan-board.ts';
import type { PlannerViews } from '../planner/planner-views.ts';
import type { PageLayers } from '../shell/page-state.ts';
import type { DeferredDraws } from './deferred-draws.ts';
import { buildGapFile } from '../../core/output/gap-file.ts';
import type { ExportableResult } from './export-gaps.ts';
import { villagesWithResults } from './run-coverage.ts';
import type { SetView } from './set-view.ts';
import { nextTask } from '../ui/tasks.ts';

/**
 * A province: the page holds its own copy of every layer (read for the map while the coverage
 * worker reads its own), colours the villages whole, and builds the gap list file itself, with
 * any proposal in it.
 */

/** What a province's view draws on. */
export interface ProvinceViewParts {
  view: MapView;
  /** The page's copies of the layers (the state's; replaced when the user opens a file of their own). */
  layers: PageLayers;
  draws: DeferredDraws;
  planner: PlannerViews;
  workflow: ProposalsWorkflow;
}

export function createProvinceView(parts: ProvinceViewParts): SetView {
  const { view, layers, draws, planner, workflow } = parts;
  let last: ExportableResult | null = null;
  return {
    lean: false,
    reportsOpenError: (slot) => layers[slot] !== null,
    // Colour the villages, fill the board, redraw the footprints, then the views (each in a task of
    // its own: a radius edit rebuilds every footprint's polygon, as long as colouring the villages).
    async showResult(result, isCurrent) {
      const villages = layers.villages;
      if (!villages) return false;
      last = result;
      // The layers held back while the analysis ran; the villages are drawn once, coloured.
      await draws.release(['villages']);
      if (!isCurrent()) return false;
      view.setData('villages', villagesWithResults(villages, result.gapList.rows));
      setKpis(boardKpis(result.gapList.kpis));
      await nextTask();
      if (!isCurrent()) return false;
      await view.setFootprintParams(result.params, nextTask);
      await nextTask();
      if (!isCurrent()) return false;
      await planner.setResult(result, { villages, bts: layers.bts }, {}, { pause: nextTask });
      await nextTask();
      if (!isCurrent()) return false;
      workflow.setBase(result, { villages, bts: layers.bts, fibreRoutes: layers.fibreRoutes, fibrePoints: layers.fibrePoints, settlements: layers.settlements });
      return true;
    },
    forgetResult() {
      last = null;
    },
    async gapFile(format, options) {
      if (!last) return null;
      // With a proposal, the gap list is the one after it (the file name says "with-proposals").
      const withProposals = await workflow.gapExport();
      return buildGapFile(withProposals ?? last, format, options);
    },
    lastResult: () => last,
    withProposals: async () => (last ? workflow.gapExport() : null),
  };
}
