import { ANY } from '../planner/before-after.ts';
import { sessionStore } from '../ui/storage.ts';
import { parseStoredEntries, serialiseEntries, type ProposalEntry, type StoredEntries } from './proposals.ts';

/** The proposal and the operator in view, kept for the browser session (a reload keeps them, a new tab does not). */

const ENTRIES_KEY = 'vunglom.proposals';
const OPERATOR_KEY = 'vunglom.operator-view';

/** What this session kept: the entries (and how many could not be read back) and the operator in view (`ANY` when none). */
export function loadStoredProposal(): StoredEntries & { operator: string } {
  const store = sessionStore();
  return { ...parseStoredEntries(store?.getItem(ENTRIES_KEY) ?? null), operator: store?.getItem(OPERATOR_KEY) ?? ANY };
}

export function storeEntries(entries: readonly ProposalEntry[]): void {
  sessionStore()?.setItem(ENTRIES_KEY, serialiseEntries(entries));
}

export function storeOperator(operator: string): void {
  sessionStore()?.setItem(OPERATOR_KEY, operator);
}
