import { errorMessage } from '../../core/error-message.ts';
import type { Candidate } from '../../core/planning/candidates.ts';
import type { SharingOpportunity } from '../../core/sharing/sharing-opportunities.ts';
import { ANY } from '../planner/before-after.ts';
import { t } from '../shell/i18n.ts';
import type { ProposalUpdates } from './proposal-updates.ts';
import { entriesFromGeoJson, placedEntry, withCandidates, type ProposalEntry } from './proposals.ts';
import type { WorkflowState } from './workflow-state.ts';

/**
 * Every way the user changes the proposal (place, drag, edit, remove, undo, redo, clear, load a
 * file, share a site, the optimiser's additions): each changes the history and has it recomputed.
 */

export interface ProposalEditParts {
  state: WorkflowState;
  updates: ProposalUpdates;
  drawPanels(): void;
  drawSites(): void;
  notify(text: string): void;
}

export class ProposalEdits {
  constructor(private readonly parts: ProposalEditParts) {}

  private get state(): WorkflowState {
    return this.parts.state;
  }

  /** A new site where the user clicked (`at`: the click's time), for the operator in view or the first one. */
  place(lon: number, lat: number, at: number): void {
    const s = this.state;
    if (!s.base) return;
    const ops = s.operator !== ANY ? [s.operator] : s.operators.slice(0, 1);
    if (ops.length === 0) return;
    const entry = placedEntry(s.history.entries, { lon, lat }, { operators: ops, tech: s.base.params.broadbandTechs[0] ?? '4G', radiusM: null });
    s.history.apply([...s.history.entries, entry]);
    s.selected = entry.key;
    this.parts.updates.changed(at);
  }

  /** A proposed site dragged to (lon, lat). */
  move(key: string, lon: number, lat: number, at: number): void {
    const s = this.state;
    s.history.apply(s.history.entries.map((e) => (e.key === key ? { ...e, lon, lat } : e)));
    s.selected = key;
    this.parts.updates.changed(at);
  }

  select(key: string | null): void {
    this.state.selected = key;
    this.parts.drawPanels();
    this.parts.drawSites();
  }

  edit(entry: ProposalEntry): void {
    const h = this.state.history;
    h.apply(h.entries.map((e) => (e.key === entry.key ? entry : e)));
    this.parts.updates.changed();
  }

  remove(key: string): void {
    const s = this.state;
    s.history.apply(s.history.entries.filter((e) => e.key !== key));
    if (s.selected === key) s.selected = null;
    this.parts.updates.changed();
  }

  undo(): void {
    if (this.state.history.undo()) this.parts.updates.changed();
  }

  redo(): void {
    if (this.state.history.redo()) this.parts.updates.changed();
  }

  clear(): void {
    this.state.history.apply([]);
    this.state.selected = null;
    this.parts.updates.changed();
  }

  /** Adds the sites of a proposals GeoJSON file; a file that cannot be read is named in the panel. */
  loadFile(file: File): void {
    const s = this.state;
    file.text().then(
      (text) => {
        try {
          const next = entriesFromGeoJson(text, s.history.entries);
          const count = next.length - s.history.entries.length;
          s.history.apply(next);
          s.proposalMessage = t('prop.loaded', { count, file: file.name });
          this.parts.updates.changed();
        } catch (error) {
          s.proposalMessage = t('prop.load-error', { file: file.name, detail: errorMessage(error) });
          this.parts.drawPanels();
        }
      },
      (error: unknown) => this.parts.notify(t('prop.load-error', { file: file.name, detail: errorMessage(error) })),
    );
  }

  /** Shares an existing site (once: a site the proposal already shares for these operators is not added again). */
  share(o: SharingOpportunity): void {
    const h = this.state.history;
    if (h.entries.some((e) => e.kind === 'share' && e.siteId === o.siteId && o.candidate.records.every((r) => e.operators.includes(r.operator)))) return;
    this.addCandidates([o.candidate]);
  }

  /** Adds optimiser candidates or a sharing opportunity. */
  addCandidates(candidates: readonly Candidate[]): void {
    const h = this.state.history;
    h.apply(withCandidates(h.entries, candidates));
    this.parts.updates.changed();
  }
}
