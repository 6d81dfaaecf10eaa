import type { SharingOpportunity } from '../../core/sharing/sharing-opportunities.ts';
import type { MapView } from '../../map/map-view.ts';
import { villagesWithResults } from '../analysis/run-coverage.ts';
import { ANY, boardKpis, closedGaps } from '../planner/before-after.ts';
import { setActionEnabled, setKpis, setKpisBefore } from '../planner/plan-board.ts';
import { unitsOf, type PlannerViews } from '../planner/planner-views.ts';
import { operatorRows } from './operator-view.ts';
import type { ProposalRecolour } from './proposal-recolour.ts';
import { proposedFeatures, sharesSite, sharingSites, shownProposal, type WorkflowState } from './workflow-state.ts';

/**
 * The proposal (or an operator's own view) on the plan board, the map's village layer and the
 * planner views: the board at once, the rest in later tasks so a click is answered within one
 * short task.
 */

/** What the views draw on and whom they tell. */
export interface ProposalViewParts {
  state: WorkflowState;
  view: MapView;
  planner: PlannerViews;
  recolour: ProposalRecolour;
  /** The user chose to share an existing site from a village's details. */
  share(o: SharingOpportunity): void;
  /** The workflow's panels are to be drawn again. */
  drawPanels(): void;
}

export class ProposalViews {
  private drawTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly parts: ProposalViewParts) {}

  /** The plan board's numbers for the current state (cheap: part of the immediate answer). */
  showKpis(): void {
    const s = this.parts.state;
    if (!s.base) return;
    const shown = shownProposal(s);
    if (!shown && s.operator === ANY && !s.showingOverlay) return;
    setKpis(boardKpis(shown ? shown.after.kpis : s.base.gapList.kpis));
    setKpisBefore(shown ? boardKpis(s.base.gapList.kpis) : null);
  }

  /** The full redraw after the frame that shows the recolouring, in two tasks: the layer's properties, then the planner views. */
  schedule(): void {
    this.cancel();
    this.drawTimer = setTimeout(() => {
      this.draw('map');
      this.drawTimer = setTimeout(() => {
        this.drawTimer = null;
        this.draw('views');
      }, 0);
    }, 0);
  }

  /** Drops a redraw still scheduled. */
  cancel(): void {
    if (this.drawTimer !== null) clearTimeout(this.drawTimer);
    this.drawTimer = null;
  }

  /** Map colours, plan board and planner views for the current state (`map`: the layer only; `views`: all but the layer). */
  draw(part: 'all' | 'map' | 'views' = 'all'): void {
    const { state: s, view, planner, recolour } = this.parts;
    const base = s.base;
    const layers = s.layers;
    if (!base || !layers) return;
    const baseRows = base.gapList.rows;
    const shown = shownProposal(s);
    const rows = shown ? shown.rows : baseRows;
    const kpis = shown ? shown.after.kpis : base.gapList.kpis;
    const sharing = sharingSites(s);
    const overlay = shown !== null || s.operator !== ANY;
    if (overlay || s.showingOverlay) {
      const operator = s.operator;
      const visible = operatorRows(rows, operator, sharing);
      if (part !== 'views') {
        view.setData('villages', villagesWithResults(layers.villages, visible));
        recolour.clear();
      }
      if (part === 'map') return;
      setKpis(boardKpis(kpis));
      setKpisBefore(shown ? boardKpis(base.gapList.kpis) : null);
      const sites = shown ? shown.after.sites : base.gapList.sites.sites;
      const closed = shown ? closedGaps(baseRows, rows, shown.after.changed, operator) : new Set<number>();
      const btsFeatures = shown ? [...(layers.bts?.features ?? []), ...proposedFeatures(s).features] : (layers.bts?.features ?? []);
      // Without a pause the whole view is drawn before this returns (the promise is already settled).
      void planner.setResult(
        { ...base, gapList: { rows: visible, kpis, layers: base.gapList.layers, settlementsOutside: base.gapList.settlementsOutside, unreached: base.gapList.unreached, sites: { ...base.gapList.sites, sites, sharedCount: sites.filter((x) => x.operators.length >= 2).length } } },
        { villages: layers.villages, bts: { type: 'FeatureCollection', features: btsFeatures } },
        {
          before: shown ? { kpis: base.gapList.kpis, units: unitsOf(base, { rows: baseRows }) } : undefined,
          boardRows: rows,
          closed,
          closing:
            operator === ANY
              ? null
              : {
                  operator,
                  sitesOf: (v) => sharing?.get(v) ?? [],
                  hostsOf: (site) => s.opView?.opportunities.find((o) => o.siteId === site)?.hostOperators ?? [],
                  added: (site) => sharesSite(s, site, operator),
                  share: (site) => {
                    const o = s.opView?.opportunities.find((x) => x.siteId === site);
                    if (o) this.parts.share(o);
                  },
                },
        },
      );
      s.showingOverlay = overlay;
    }
    if (part === 'map') return;
    for (const action of ['export-proposals-geojson', 'export-proposals-fgb', 'export-proposals-shp'] as const) {
      setActionEnabled(action, s.history.entries.length > 0);
    }
    this.parts.drawPanels();
  }
}
