import { errorMessage, isAbortError } from '../../core/error-message.ts';
import { ANY } from '../planner/before-after.ts';
import { t } from '../shell/i18n.ts';
import type { PlanningClient } from './planning-client.ts';
import { storeOperator } from './proposal-storage.ts';
import type { WorkflowState } from './workflow-state.ts';

/** The operator in view: chosen by the user, its gaps and sharing opportunities fetched from the planning worker. */

export interface OperatorChoiceParts {
  state: WorkflowState;
  client: PlanningClient;
  /** Redraws map, board, views and panels for the current state. */
  draw(): void;
  drawPanels(): void;
  notify(text: string): void;
}

/** Fetches the operator view of the operator in view (nothing for every operator); a newer choice wins. */
export async function loadOperatorView(parts: OperatorChoiceParts): Promise<void> {
  const s = parts.state;
  if (!s.base || s.operator === ANY) return;
  const wanted = s.operator;
  s.opBusy = true;
  parts.drawPanels();
  try {
    const v = await parts.client.operatorView(wanted);
    if (wanted !== s.operator) return;
    s.opView = v;
  } catch (error) {
    if (!isAbortError(error)) parts.notify(t('prop.error', { detail: errorMessage(error) }));
  } finally {
    if (wanted === s.operator) s.opBusy = false;
    parts.draw();
  }
}

/** The user chose `operator` (or every operator): kept for the session, its view fetched. */
export function chooseOperator(parts: OperatorChoiceParts, operator: string): void {
  const s = parts.state;
  s.operator = operator;
  storeOperator(operator);
  s.opView = null;
  void loadOperatorView(parts);
  parts.draw();
}
