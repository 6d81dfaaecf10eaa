import type { MapView } from '../../map/map-view.ts';
import { shownGap, type WorkflowState } from './workflow-state.ts';

/**
 * The immediate answer to a proposal on the map: the villages it changes (and those an earlier
 * proposal changed, back to their colour without it) are recoloured by feature state, a few
 * villages instead of the whole layer. The full layer follows later (proposal-views.ts).
 */
export class ProposalRecolour {
  /** Villages whose map colour is held in feature state now, with that colour. */
  private recoloured = new Map<number, string>();

  constructor(private readonly view: MapView) {}

  /** Colours the villages the proposal changes as the operator's view shows them. */
  apply(s: WorkflowState): void {
    if (!s.base) return;
    const baseRows = s.base.gapList.rows;
    const next = new Map<number, string>();
    for (const v of this.recoloured.keys()) next.set(v, shownGap(s, baseRows[v]));
    if (s.history.entries.length > 0 && s.after) {
      for (let j = 0; j < s.after.changed.length; j++) next.set(s.after.changed[j], shownGap(s, s.after.rows[j]));
    }
    const changes: { index: number; gap: string }[] = [];
    for (const [index, gap] of next) if (this.recoloured.get(index) !== gap) changes.push({ index, gap });
    this.view.setVillageGaps(changes);
    this.recoloured = next;
  }

  /** Drops every colour held in feature state (the layer's properties were just set to what is shown). */
  clear(): void {
    this.view.setVillageGaps([...this.recoloured.keys()].map((index) => ({ index, gap: null })));
    this.recoloured = new Map();
  }
}
