import { errorMessage } from '../../core/error-message.ts';
import type { MapView } from '../../map/map-view.ts';
import { cancelAnalysis } from '../analysis/coverage-client.ts';
import { exportScope, renderExportChoice } from '../analysis/export-gaps.ts';
import { refreshKpis, renderPlanBoard } from '../planner/plan-board.ts';
import { byId } from '../ui/dom.ts';
import { getAnalysisState, onAnalysisState, type AnalysisState } from './analysis-state.ts';
import { applyTranslations, getLang, isLang, onLangChange, setLang, t } from './i18n.ts';
import { clearNotice, mountNotices, refreshNotices, showNotice } from './notices.ts';
import type { PageState } from './page-state.ts';
import { renderAbout, renderLayerToggles, renderLegend } from './panel.ts';
import { provinceText } from './province-name.ts';
import { loadSettings, saveSettings } from './settings.ts';

/**
 * The page's fixed controls: status line, language buttons, About, the export and cancel buttons,
 * the layer toggles and the basemap switch.
 */

/** Mounts the notices, the plan board, the legend, the status line, the language buttons and About; all follow a language switch. */
export function setupPanel(state: PageState): void {
  mountNotices(byId('notices'));
  renderPlanBoard(byId('kpis'));
  renderLegend(byId('legend'));
  const status = byId('status');
  const showStatus = (next: AnalysisState): void => {
    status.textContent = t(`status.${next}`);
    status.dataset.state = next;
  };
  onAnalysisState(showStatus);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      if (isLang(button.dataset.lang)) setLang(button.dataset.lang);
    });
  }
  const about = byId('about', HTMLDialogElement);
  byId('about-open').addEventListener('click', () => {
    renderAbout(byId('about-body'), state.manifest);
    about.showModal();
  });
  const refresh = (): void => {
    applyTranslations();
    refreshKpis();
    refreshNotices();
    renderAbout(byId('about-body'), state.manifest);
    showStatus(getAnalysisState());
    byId('province-name').textContent = provinceText(state.province);
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === getLang()));
    }
  };
  onLangChange(refresh);
  refresh();
}

/** Wires the gap list exports (through the set's view: built on the page or in the worker) and the cancel button. */
export function setupActions(state: PageState): void {
  const exportButton = (action: 'export-gaps-geojson' | 'export-gaps-csv', format: 'geojson' | 'csv'): void => {
    document.querySelector(`button[data-action="${action}"]`)?.addEventListener('click', () => {
      const set = state.set;
      if (!set) return;
      set.exportGaps(format, { gapsOnly: exportScope() === 'gaps-only' }).catch((err: unknown) =>
        showNotice('export', () => t('error.unexpected', { detail: errorMessage(err) })),
      );
    });
  };
  renderExportChoice(byId('export-choice'));
  applyTranslations(byId('export-choice'));
  exportButton('export-gaps-geojson', 'geojson');
  exportButton('export-gaps-csv', 'csv');
  document.querySelector('button[data-action="cancel-analysis"]')?.addEventListener('click', () => cancelAnalysis());
}

/** The layer toggles and the online basemap switch (remembered in this browser). */
export function setupMapControls(view: MapView, basemap: boolean): void {
  renderLayerToggles(byId('layer-list'), (group, visible) => view.setGroupVisible(group, visible));
  applyTranslations(byId('layer-list'));
  const toggle = byId('basemap-toggle', HTMLInputElement);
  toggle.checked = basemap;
  toggle.addEventListener('change', () => {
    saveSettings({ ...loadSettings(), onlineBasemap: toggle.checked });
    if (!toggle.checked) clearNotice('basemap');
    view.setBasemap(toggle.checked);
  });
}
