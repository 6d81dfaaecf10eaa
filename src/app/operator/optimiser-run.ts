import { isAbortError, errorMessage } from '../../core/error-message.ts';
import { t } from '../shell/i18n.ts';
import type { OptimiserPanel, OptimiserRequest } from './optimiser-panel.ts';
import type { PlanningClient } from './planning-client.ts';
import type { ProposalEdits } from './proposal-edits.ts';
import type { ProposalUpdates } from './proposal-updates.ts';
import { toProposedSites } from './proposals.ts';
import type { WorkflowState } from './workflow-state.ts';

/**
 * The optimiser, run in the planning worker for the operator in view, on top of the proposal; its
 * additions join the proposal. A cancel ends the worker (see planning-client.ts).
 */

export interface OptimiserRunParts {
  state: WorkflowState;
  client: PlanningClient;
  panel: OptimiserPanel;
  edits: ProposalEdits;
  updates: ProposalUpdates;
  drawPanels(): void;
}

export class OptimiserRun {
  private abort: AbortController | null = null;

  constructor(private readonly parts: OptimiserRunParts) {}

  cancel(): void {
    this.abort?.abort();
  }

  async run(request: OptimiserRequest): Promise<void> {
    const { state: s, client, panel } = this.parts;
    if (!s.base || s.optimiser.running) return;
    const abort = new AbortController();
    this.abort = abort;
    s.optimiser = { running: true, progress: null, result: null, message: null };
    this.parts.drawPanels();
    try {
      const result = await client.plan(
        { operator: s.operator, target: request.target, maxSites: request.maxSites },
        toProposedSites(s.history.entries),
        {
          signal: abort.signal,
          onProgress: (p) => {
            s.optimiser.progress = p;
            panel.render({ operator: s.operator, ...s.optimiser });
          },
        },
      );
      s.lastPlan = result;
      s.optimiser = { running: false, progress: null, result, message: null };
      if (result.proposals.length > 0) this.parts.edits.addCandidates(result.proposals.map((p) => p.candidate));
      else this.parts.drawPanels();
    } catch (error) {
      s.optimiser = { running: false, progress: null, result: null, message: isAbortError(error) ? t('opt.cancelled') : t('opt.error', { detail: errorMessage(error) }) };
      this.parts.drawPanels();
      // A cancel ended the worker with everything in it: the next call loads a fresh one.
      if (isAbortError(error) && s.history.entries.length > 0) void this.parts.updates.update();
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }
}
