import { ANY } from '../planner/before-after.ts';
import { parseStoredEntries, serialiseEntries, type ProposalEntry } from './proposals.ts';

/** The proposal and the operator in view, kept for the browser session (a reload keeps them, a new tab does not). */

const ENTRIES_KEY = 'vunglom.proposals';
const OPERATOR_KEY = 'vunglom.operator-view';

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be disabled (private mode, policy): the proposal then lasts for this page only.
    return null;
  }
}

/** What this session kept: the entries and the operator in view (`ANY` when none). */
export function loadStoredProposal(): { entries: ProposalEntry[]; operator: string } {
  const store = session();
  return { entries: parseStoredEntries(store?.getItem(ENTRIES_KEY) ?? null), operator: store?.getItem(OPERATOR_KEY) ?? ANY };
}

export function storeEntries(entries: readonly ProposalEntry[]): void {
  session()?.setItem(ENTRIES_KEY, serialiseEntries(entries));
}

export function storeOperator(operator: string): void {
  session()?.setItem(OPERATOR_KEY, operator);
}
