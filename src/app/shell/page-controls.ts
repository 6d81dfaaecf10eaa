import { errorMessage } from '../../core/error-message.ts';
import type { MapView } from '../../map/map-view.ts';
import { cancelAnalysis } from '../analysis/coverage-client.ts';
import type { GapFormat } from '../../core/output/gap-formats.ts';
import { exportCrs, exportScope, renderExportChoice, renderExportCrsChoice } from '../analysis/export-gaps.ts';
import type { ExportAction } from '../planner/plan-board.ts';
import { downloadFile } from '../ui/download.ts';
import { refreshKpis, renderPlanBoard } from '../planner/plan-board.ts';
import { byId } from '../ui/dom.ts';
import { getAnalysisState, onAnalysisState, type AnalysisState } from './analysis-state.ts';
import { applyTranslations, getLang, isLang, onLangChange, setLang, t } from './i18n.ts';
import { clearNotice, mountNotices, refreshNotices, showNotice } from './notices.ts';
import { currentSources, type PageState } from './page-state.ts';
import { renderAbout, renderLayerToggles, renderLegend, type DataInUse } from './panel.ts';
import { fileNameOf } from '../own-data/load-layer.ts';
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
    renderAbout(byId('about-body'), state.manifest, dataInUse(state));
    about.showModal();
  });
  const refresh = (): void => {
    applyTranslations();
    refreshKpis();
    refreshNotices();
    renderAbout(byId('about-body'), state.manifest, dataInUse(state));
    showStatus(getAnalysisState());
    byId('province-name').textContent = provinceText(state.province);
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === getLang()));
    }
  };
  onLangChange(refresh);
  refresh();
}

/** The data on screen, for the About panel: the sample, or the user's files by name (the elevation model has its own summary in the terrain section). */
function dataInUse(state: PageState): DataInUse {
  const layers = currentSources(state).flatMap((s) => ('fingerprint' in s || s.role === 'dem' ? [] : [{ role: s.role, name: 'name' in s ? s.name : fileNameOf(s.url) }]));
  return { sample: state.onSample, files: state.onSample ? [] : layers };
}

/** Downloads the gap list of the set's last result in `format` (built on the page for a province, in the worker for a country). */
async function exportGaps(state: PageState, format: GapFormat): Promise<void> {
  const gapsOnly = exportScope() === 'gaps-only';
  const crs = format === 'shp' ? exportCrs() : 'wgs84';
  const file = await state.set?.gapFile(format, { gapsOnly, crs });
  if (!file) return;
  if (crs === 'province-zone' && file.crs === 'EPSG:4326') showNotice('export', () => t('export.no-zone'), { kind: 'info' });
  downloadFile(file.data, file.name, file.type);
}

/** Wires the gap list exports (every format, the scope and the shapefile's coordinates) and the cancel button. */
export function setupActions(state: PageState): void {
  const exportButton = (action: ExportAction, format: GapFormat): void => {
    document.querySelector(`button[data-action="${action}"]`)?.addEventListener('click', () => {
      exportGaps(state, format).catch((err: unknown) => showNotice('export', () => t('error.unexpected', { detail: errorMessage(err) })));
    });
  };
  renderExportChoice(byId('export-choice'));
  renderExportCrsChoice(byId('export-choice'));
  applyTranslations(byId('export-choice'));
  exportButton('export-gaps-geojson', 'geojson');
  exportButton('export-gaps-csv', 'csv');
  exportButton('export-gaps-fgb', 'fgb');
  exportButton('export-gaps-shp', 'shp');
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
