/**
 * The automation contract's progress flag: `document.documentElement.dataset.analysis`.
 * This is the only place that writes it, so tests and scripts can trust its meaning.
 */

/** `idle` → `loading` → (`running`, once the coverage engine exists) → `done`, or `error`. */
export type AnalysisState = 'idle' | 'loading' | 'running' | 'done' | 'error';

const listeners = new Set<(state: AnalysisState) => void>();

/** Publishes the analysis state on `<html data-analysis>` and tells every listener. */
export function setAnalysisState(state: AnalysisState): void {
  document.documentElement.dataset.analysis = state;
  for (const listener of listeners) listener(state);
}

/** The state last published (`idle` before anything started). */
export function getAnalysisState(): AnalysisState {
  const value = document.documentElement.dataset.analysis;
  return value === 'loading' || value === 'running' || value === 'done' || value === 'error' ? value : 'idle';
}

/** Calls `listener` on every change; returns a function that unsubscribes. */
export function onAnalysisState(listener: (state: AnalysisState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
