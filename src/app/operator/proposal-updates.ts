import { errorMessage, isAbortError } from '../../core/error-message.ts';
import type { MapView } from '../../map/map-view.ts';
import { applyChanges } from '../planner/before-after.ts';
import '../shell/automation.ts';
import { t } from '../shell/i18n.ts';
import type { PlanningClient } from './planning-client.ts';
import type { ProposalRecolour } from './proposal-recolour.ts';
import { storeEntries } from './proposal-storage.ts';
import type { ProposalViews } from './proposal-views.ts';
import { toProposedSites } from './proposals.ts';
import type { WorkflowState } from './workflow-state.ts';

/**
 * A changed proposal, recomputed in the planning worker: one request at a time, the latest state
 * wins. The answer is shown in two steps: at once the villages it changed are recoloured and the
 * plan board's numbers set; the rest (layer, gap list, details, legend) follows in later tasks.
 */

/** How long placed sites wait to be drawn together with their effect on the villages (ms). */
const SITES_ALONE_MS = 150;

export interface ProposalUpdateParts {
  state: WorkflowState;
  client: PlanningClient;
  view: MapView;
  recolour: ProposalRecolour;
  views: ProposalViews;
  /** Draws the proposed sites on the map. */
  drawSites(): void;
  drawPanels(): void;
  notify(text: string): void;
}

export class ProposalUpdates {
  private version = 0;
  private inflight = false;
  /** When the user last changed the proposal (the click), for the click-to-recolour time. */
  private clickedAt = 0;
  private sitesTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly parts: ProposalUpdateParts) {}

  /** Whether a recomputation is under way. */
  get busy(): boolean {
    return this.inflight;
  }

  /**
   * The proposal changed (`at`: the click's time): keep it, and recompute. The sites and panels are
   * drawn with the recolouring, in one frame (a frame can hold the page for a while where the map is
   * drawn in software), or after SITES_ALONE_MS if the answer takes longer.
   */
  changed(at = performance.now()): void {
    const s = this.parts.state;
    this.clickedAt = Math.min(at, performance.now());
    if (s.selected !== null && !s.history.entries.some((e) => e.key === s.selected)) s.selected = null;
    storeEntries(s.history.entries);
    if (this.sitesTimer !== null) clearTimeout(this.sitesTimer);
    this.sitesTimer = setTimeout(() => {
      this.parts.drawSites();
      this.parts.drawPanels();
    }, s.base ? SITES_ALONE_MS : 0);
    void this.update();
  }

  /** Recomputes the analysis with the proposal as it is now; failures other than a cancel are told to the user. */
  async update(): Promise<void> {
    const { state: s, client, view, recolour, views } = this.parts;
    if (!s.base) return;
    const mine = ++this.version;
    if (this.inflight) return;
    this.inflight = true;
    try {
      while (true) {
        const asked = this.version;
        const entries = s.history.entries;
        const result = entries.length === 0 ? null : await client.propose(toProposedSites(entries));
        if (asked !== this.version) continue;
        const received = performance.now();
        s.after = result;
        s.afterRows = result && s.base ? applyChanges(s.base.gapList.rows, result.changed, result.rows) : null;
        if (this.sitesTimer !== null) clearTimeout(this.sitesTimer);
        this.sitesTimer = null;
        this.parts.drawSites();
        recolour.apply(s);
        views.showKpis();
        await view.nextRender();
        const drawn = performance.now();
        const clicked = this.clickedAt;
        s.timing = result ? { workerMs: result.ms, roundTripMs: received - clicked, applyMs: drawn - received, totalMs: drawn - clicked, recomputed: result.recomputed } : null;
        if (window.vunglom) window.vunglom.lastProposalMs = drawn - clicked;
        views.schedule();
        break;
      }
    } catch (error) {
      if (!isAbortError(error) && mine === this.version) this.parts.notify(t('prop.error', { detail: errorMessage(error) }));
    } finally {
      this.inflight = false;
      this.parts.drawPanels();
    }
  }
}
