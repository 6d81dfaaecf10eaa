import { errorMessage, isAbortError } from '../../core/error-message.ts';
import { defaultParams, type AnalysisParams } from '../../core/params.ts';
import type { InputSource } from '../analysis/export-gaps.ts';
import { announceLayers, announceOutsideSettlements, announceUnreached } from '../analysis/layer-notice.ts';
import { analyseLayers } from '../analysis/run-coverage.ts';
import { chooseInitialParams, commitParams } from '../planner/assumptions.ts';
import { sameParams } from '../planner/assumptions-codec.ts';
import { renderAssumptions, type AssumptionsPanel } from '../planner/assumptions-panel.ts';
import { RESULT_ACTIONS, setActionEnabled } from '../planner/plan-board.ts';
import { byId } from '../ui/dom.ts';
import { fileNameOf } from '../own-data/load-layer.ts';
import { setAnalysisState, type AnalysisState } from './analysis-state.ts';
import './automation.ts';
import { t } from './i18n.ts';
import { clearNotice, showNotice } from './notices.ts';
import { currentSources, type PageState } from './page-state.ts';
import { provinceText } from './province-name.ts';
import { readInputUrls } from './url-params.ts';
import { readParamsText } from './url-state.ts';
import { nextTask } from '../ui/tasks.ts';

/**
 * Runs the analysis (at start, after a change of assumptions, after the user's own file) and
 * publishes its state; the latest run wins, an older one ends quietly as superseded.
 */

/**
 * Computes coverage in the worker pool with the state's assumptions and has the set's view draw
 * it. Null when a newer run superseded this one (that run reports the state).
 */
export async function analyse(state: PageState, sources: InputSource[]): Promise<AnalysisState | null> {
  const set = state.set;
  if (!set) throw new Error('analyse called before the set was opened: open the villages first.');
  const seq = ++state.analysisRun;
  const started = performance.now();
  const isCurrent = (): boolean => seq === state.analysisRun;
  const progress = byId('analysis-progress');
  const bar = progress.querySelector('progress');
  if (!bar) throw new Error('index.html lacks the <progress> inside #analysis-progress.');
  setAnalysisState('running');
  progress.hidden = false;
  bar.value = 0;
  try {
    const result = await analyseLayers(state.params, {
      sources,
      region: provinceText(state.province),
      lean: set.lean,
      onProgress: (done, total) => {
        bar.value = total > 0 ? done / total : 1;
      },
    });
    if (!isCurrent()) return null;
    // The result's message is one task; drawing it starts in the next, so that task stays short.
    await nextTask();
    if (!isCurrent()) return null;
    if (!(await set.showResult(result, isCurrent))) return null;
    for (const action of RESULT_ACTIONS) setActionEnabled(action, true);
    clearNotice('analysis');
    announceLayers(result.gapList.layers);
    announceOutsideSettlements(result.gapList.settlementsOutside);
    announceUnreached(result.gapList.unreached, state.params);
    if (window.vunglom) {
      window.vunglom.lastAnalysis = { ...result.timing, villages: result.gapList.kpis.villages, run: seq, wallMs: performance.now() - started };
    }
    return 'done';
  } catch (err) {
    if (!isCurrent()) return null;
    if (isAbortError(err)) {
      showNotice('analysis', () => t('status.cancelled'), { kind: 'info' });
      return 'idle';
    }
    if (err instanceof Error && err.name === 'MissingLayerError') {
      showNotice('analysis', () => t('layers.needs-bts'));
      return 'error';
    }
    showNotice('analysis', () => t('error.analysis', { detail: errorMessage(err) }));
    return 'error';
  } finally {
    if (isCurrent()) progress.hidden = true;
  }
}

/** Runs the analysis again (new assumptions or data); without readable villages it says so; a newer run supersedes this one. */
export async function rerun(state: PageState): Promise<void> {
  if (!state.set) return;
  if (!state.villagesReady) {
    showNotice('analysis', () => t('layers.needs-villages'));
    setAnalysisState('error');
    return;
  }
  const next = await analyse(state, currentSources(state));
  if (next !== null) setAnalysisState(next);
}

/**
 * Chooses the starting assumptions (link, then this browser, then defaults), builds the panel,
 * and re-runs the analysis on every valid change; the change is remembered and put in the URL.
 */
export function setupAssumptions(state: PageState, stored: Record<string, unknown> | null): AssumptionsPanel {
  const initial = chooseInitialParams({ urlText: readParamsText(), config: state.config ?? undefined, stored });
  state.params = initial.params;
  const error = initial.error;
  if (error?.source === 'config') {
    const file = fileNameOf(readInputUrls().config ?? 'config');
    showNotice('config', () => t('error.config', { file, detail: error.message }));
  } else if (error) {
    showNotice('assumptions', () => t(error.source === 'url' ? 'assumptions.bad-url' : 'assumptions.bad-stored', { detail: error.message }));
  }
  if (initial.origin === 'storage') commitParams(state.params);
  const apply = (params: AnalysisParams): void => {
    if (sameParams(params, state.params)) return;
    state.params = params;
    commitParams(params);
    clearNotice('assumptions');
    void rerun(state);
  };
  const panel = renderAssumptions(byId('assumptions'), {
    initial: state.params,
    onChange: apply,
    onReset: () => {
      const defaults = defaultParams();
      panel.set(defaults);
      apply(defaults);
    },
  });
  return panel;
}
