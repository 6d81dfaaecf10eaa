import '../../styles.css';
import { createMapView, type MapView } from '../../map/map-view.ts';
import { errorMessage } from '../../core/error-message.ts';
import { escapeHtml } from '../../core/report/format-report.ts';
import type { LayerSlot, OpenedLayer } from '../../../workers/protocol.ts';
import { analysisOrigins, inputSources, isPresent, openAnalysisLayers, userOrigins, usesSample } from '../analysis/analysis-inputs.ts';
import { showSyntheticNote } from '../analysis/layer-notice.ts';
import { reportReads, sayWholeFile } from '../analysis/read-notices.ts';
import { watchContext } from '../analysis/context-layer.ts';
import { startCoverageWorkers } from '../analysis/coverage-client.ts';
import { LEAN_VILLAGES } from '../analysis/country-set.ts';
import { createCountryView } from '../analysis/country-view.ts';
import { DeferredDraws } from '../analysis/deferred-draws.ts';
import { describeFeature } from '../analysis/describe-feature.ts';
import { bboxOf, loadBts, loadFibre, loadSample, loadSettlements, loadVillages, type DisplayContext } from '../analysis/display-layers.ts';
import { createProvinceView } from '../analysis/province-view.ts';
import { mountProposalsWorkflow } from '../operator/proposals-workflow.ts';
import { fileNameOf, onWholeFileRead } from '../own-data/load-layer.ts';
import { renderOwnData } from '../own-data/own-data-panel.ts';
import { mountTerrainInput, type TerrainInput } from '../own-data/dem-input.ts';
import { setKpis } from '../planner/plan-board.ts';
import { mountPlannerViews } from '../planner/planner-views.ts';
import { appReportContext } from '../report/report-context.ts';
import { mountReportView } from '../report/report-view.ts';
import { byId } from '../ui/dom.ts';
import { analyse, rerun, setupAssumptions } from './analysis-runs.ts';
import { setAnalysisState, type AnalysisState } from './analysis-state.ts';
import './automation.ts';
import { initLang, onLangChange, t } from './i18n.ts';
import { SLOT_NAMES, reportLayerError, reportOpenErrors } from './layer-notices.ts';
import { FALLBACK_BBOX, SAMPLE_BASE, SAMPLE_OUTLINES, loadManifest } from './manifest.ts';
import { clearNotice, showNotice } from './notices.ts';
import { mountOfflineStorage } from './offline-storage.ts';
import { acceptOwnLayer, frameUserVillages } from './own-layer.ts';
import { setupActions, setupMapControls, setupPanel } from './page-controls.ts';
import { createPageState, currentSources, type PageState } from './page-state.ts';
import { attributionText } from './panel.ts';
import { nameFromProvinces, provinceText, showProvinceName } from './province-name.ts';
import { loadSettings } from './settings.ts';
import { readInputUrls, type InputUrls } from './url-params.ts';

/**
 * The app's entry: builds the panel, loads the sample (or the data named in the URL), fills the
 * map and publishes the automation contract (`data-analysis`, `data-kpi`, `window.vunglom`).
 * The page's state lives in one object (page-state.ts); a province and a country are two views of
 * one interface (analysis/set-view.ts), chosen here once the villages are counted.
 */

/** Reads the `?config=` file into the state; a failure is a notice and the defaults apply. */
async function loadConfig(state: PageState, inputs: InputUrls): Promise<void> {
  if (!inputs.config) return;
  const file = fileNameOf(inputs.config);
  try {
    const response = await fetch(inputs.config);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    state.config = await response.json();
  } catch (err) {
    const detail = errorMessage(err);
    showNotice('config', () => t('error.config', { file, detail }));
  }
}

/** Loads everything and publishes progress; `data-analysis` never stays at `loading`. */
async function run(): Promise<void> {
  // The coverage workers warm up (a synthetic analysis) while the manifest and layers load.
  const warming = startCoverageWorkers();
  const state = createPageState();
  initLang();
  setupPanel(state);
  setupActions(state);
  warming.catch((err: unknown) => showNotice('workers', () => t('error.unexpected', { detail: errorMessage(err) })));
  const inputs = readInputUrls();
  const settings = loadSettings();
  // A server without range support is said once, whichever read found it first.
  onWholeFileRead(sayWholeFile);
  let resolveReady: () => void = () => {};
  let isReady = false;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve)).then(() => {
    isReady = true;
  });
  let view: MapView | null = null;
  let draws: DeferredDraws | null = null;
  let terrain: TerrainInput | null = null;
  let final: AnalysisState | null = 'error';
  setAnalysisState('loading');
  try {
    const manifestUrl = new URL(`${SAMPLE_BASE}manifest.json`, document.baseURI).href;
    try {
      state.manifest = await loadManifest(manifestUrl);
      showProvinceName(state, { text: state.manifest.region });
    } catch (err) {
      const detail = errorMessage(err);
      showNotice('manifest', () => t('error.manifest', { file: fileNameOf(manifestUrl), detail }));
    }
    const manifest = state.manifest;
    // The coverage worker reads the analysis layers itself. Layers given by URL may be a country's
    // (seconds of reading): the worker starts now, while the map starts. The embedded sample (read in
    // a tenth of a second) waits for the map, whose start it would slow on two cores (measured on the
    // sample: page load → coloured map ~2.1 s after the map, ~2.7 s before it).
    const origins = analysisOrigins(inputs, manifest);
    const early = inputs.lean || Object.keys(inputs.data).length > 0 ? openAnalysisLayers(origins) : null;
    const mapView = createMapView({
      container: byId('map'),
      bbox: manifest?.bbox ?? FALLBACK_BBOX,
      basemap: settings.onlineBasemap,
      // A site's popup also says what terrain hides of it, and its shadows are drawn.
      describe: (kind, props) => {
        const popup = describeFeature(kind, props, state.params.radiusM);
        if (kind === 'bts' && popup && props.id !== undefined) terrain?.decorateSitePopup(popup, String(props.id));
        return popup;
      },
      onVillageClick: (index) => planner.selectVillage(index),
      attribution: (manifest?.attribution ?? []).map((a) => escapeHtml(attributionText(a))),
      bottomInset: () => byId('gap-list').offsetHeight,
      controlLabels: () => ({ fit: t('map.fit-data') }),
      onError: (source, detail) =>
        source === 'basemap'
          ? showNotice('basemap', () => t('error.basemap'), { kind: 'info' })
          : showNotice('map', () => t('error.unexpected', { detail })),
    });
    view = mapView;
    onLangChange(() => mapView.refreshControls());
    // Input layers are drawn after the first analysis (see deferred-draws.ts).
    const held = new DeferredDraws(mapView);
    draws = held;
    const planner = mountPlannerViews(mapView, {
      legend: byId('gap-legend'),
      planTargets: byId('plan-targets'),
      gapList: byId('gap-list'),
      details: byId('village-details'),
      report: (text) => showNotice('details', () => text),
    });
    const workflow = mountProposalsWorkflow(
      mapView,
      planner,
      { operator: byId('operator-view'), proposals: byId('proposals'), optimiser: byId('optimiser') },
      (text) => showNotice('proposals', () => text),
    );
    window.vunglom = { map: mapView.map, ready, renderedVillageCount: () => mapView.renderedVillageCount(), lastAnalysis: null, lastProposalMs: null };
    setupMapControls(mapView, settings.onlineBasemap);
    mountReportView(
      byId('report-open', HTMLButtonElement),
      appReportContext({
        set: () => state.set,
        view: () => mapView,
        bbox: () => (state.layers.villages ? bboxOf(state.layers.villages) : (manifest?.bbox ?? null)),
        attribution: () => (manifest?.attribution ?? []).map((a) => attributionText(a)),
        manifest: () => state.manifest,
        region: () => provinceText(state.province),
        choosePlan: (id) => planner.choosePlan(id),
      }),
    );
    await mapView.loaded;

    // The note on the sample's simulated layers, exactly while the sample is on screen.
    state.onSample = usesSample(inputs);
    showSyntheticNote(byId('synthetic-note'), manifest, state.onSample);
    const opening = early ?? openAnalysisLayers(origins);
    const display: DisplayContext = {
      manifest,
      inputs,
      draws: held,
      loaded: state.layers,
      report: reportLayerError,
      onUserVillages: (fc) => frameUserVillages(state, mapView, fc),
      opened: opening,
    };
    const context = watchContext(mapView, (fc) => held.set('context', fc), (err) => reportLayerError('layer.context', 'layer-context', err));
    // The sample's outlines and roads describe Kon Tum: drawn under the sample (or when the user's
    // villages cannot be read, as a working map), not under a user's villages from anywhere.
    const outlines = (): Promise<unknown> => Promise.all(SAMPLE_OUTLINES.map((layer) => loadSample(display, layer)));
    const sampleOutlines = inputs.data.villages ? null : outlines();
    const setup = Promise.all([loadConfig(state, inputs), context]);
    const villagesOpened = await opening.villages;
    const count = villagesOpened && 'count' in villagesOpened ? villagesOpened.count : 0;
    let villagesOk: boolean;
    if ((inputs.lean || count > LEAN_VILLAGES) && villagesOpened && 'count' in villagesOpened) {
      villagesOk = true;
      state.set = createCountryView({
        view: mapView,
        origins,
        villages: villagesOpened,
        planner,
        onDetailError: (layer, err) => reportLayerError(SLOT_NAMES[layer], `layer-${layer}`, err),
      });
      const framed = inputs.data.villages !== undefined;
      if (framed && villagesOpened.bbox) mapView.fitBbox(villagesOpened.bbox);
      const provinces = villagesOpened.provinces ?? [];
      if (framed || provinces.length !== 1) nameFromProvinces(state, provinces);
      // A country's analysis takes seconds: the outlines and context are drawn meanwhile.
      void held.release();
    } else {
      state.set = createProvinceView({ view: mapView, layers: state.layers, draws: held, planner, workflow });
      const others = Promise.all([loadBts(display), loadFibre(display), loadSettlements(display)]);
      villagesOk = await loadVillages(display);
      if (villagesOk && state.layers.villages) setKpis({ villages: state.layers.villages.features.length });
      await others;
    }
    const set = state.set;
    const backdrop = Promise.all([setup, sampleOutlines ?? (villagesOk ? null : outlines())]);
    const opened = Object.fromEntries(await Promise.all(Object.entries(opening).map(async ([slot, p]) => [slot, await p]))) as Record<LayerSlot, OpenedLayer | null>;
    // What the worker could not read is said once: on a country always (the page read nothing); on a
    // province for a user's layer (the page draws what the worker read) and where the page's own copy
    // of a sample layer was read (else its own notice already says why).
    const userUrls = userOrigins(inputs);
    reportOpenErrors(opened, origins, (slot) => set.reportsOpenError(slot) || userUrls[slot] !== null);
    reportReads(opened, Object.fromEntries(Object.entries(origins).map(([slot, o]) => [slot, o?.url ?? null])) as Record<LayerSlot, string | null>, userUrls);
    await backdrop;
    setupAssumptions(state, settings.params);
    // A file picked or dropped while the first analysis runs is read at once and taken in after it:
    // the sample's held-back layers are drawn when that analysis ends, and would otherwise be drawn
    // over the user's (and the page's own bookkeeping of the sample would undo the file's).
    renderOwnData(byId('own-data'), {
      dropTarget: byId('map'),
      onLayer: async (layer) => {
        if (!isReady) {
          showNotice('own-waiting', () => t('own.waiting', { file: layer.name }), { kind: 'info' });
          await ready;
          clearNotice('own-waiting');
        }
        await acceptOwnLayer(state, { view: mapView, planner }, layer);
      },
    });
    terrain = mountTerrainInput({
      container: byId('terrain'),
      dropTarget: byId('map'),
      view: mapView,
      onSources: (sources) => (state.demSources = sources),
      rerun: () => rerun(state),
    });
    await terrain.openUrls(inputs.dem);
    const present = Object.fromEntries(Object.entries(opened).map(([slot, o]) => [slot, isPresent(o)])) as Record<LayerSlot, boolean>;
    state.baseSources = inputSources(origins, present, inputs.config ? { url: inputs.config, present: state.config !== null } : null);
    state.villagesReady = villagesOk && present.villages;
    final = state.villagesReady ? await analyse(state, currentSources(state)) : 'error';
  } catch (err) {
    showNotice('unexpected', () => t('error.unexpected', { detail: errorMessage(err) }));
  } finally {
    // An analysis that failed or never ran still shows the layers it held back, and the basemap.
    await draws?.release();
    view?.showBasemap();
    if (final !== null) setAnalysisState(final);
    if (view) await view.whenIdle();
    resolveReady();
    // Stored for offline use only now: downloading the files never competes with the first analysis.
    mountOfflineStorage(byId('offline'));
  }
}

void run();
