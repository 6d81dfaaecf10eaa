import '../../styles.css';
import type { FeatureCollection } from 'geojson';
import { createMapView, type MapView, type VunglomMap } from '../../map/map-view.ts';
import { onAnalysisState, setAnalysisState, type AnalysisState } from './analysis-state.ts';
import { describeFeature } from '../analysis/describe-feature.ts';
import { applyTranslations, formatNumber, getLang, initLang, isLang, onLangChange, setLang, t, type MessageKey } from './i18n.ts';
import { LayerLoadError, fileNameOf } from '../own-data/load-layer.ts';
import { FALLBACK_BBOX, SAMPLE_BASE, loadManifest, type Manifest } from './manifest.ts';
import { clearNotice, mountNotices, refreshNotices, showNotice } from './notices.ts';
import { attributionText, renderAbout, renderLayerToggles, renderLegend, type DataInUse } from './panel.ts';
import { refreshKpis, renderPlanBoard, setActionEnabled, setKpis, type ExportAction } from '../planner/plan-board.ts';
import { boardKpis } from '../planner/before-after.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { readInputUrls, type InputUrls } from './url-params.ts';
import type { AnalysisParams } from '../../core/params.ts';
import { cancelAnalysis, coverageHolder, startCoverageWorkers } from '../analysis/coverage-client.ts';
import { downloadFile, type ExportableResult, type InputSource } from '../analysis/export-gaps.ts';
import { askCrs } from '../own-data/crs-question.ts';
import type { GapFormat } from '../../core/output/gap-formats.ts';
import { buildGapFile, type GapFile } from '../../core/output/gap-file.ts';
import { analyseLayers, offerLayers, villagesWithResults } from '../analysis/run-coverage.ts';
import { mountPlannerViews, type PlannerViews } from '../planner/planner-views.ts';
import { mountProposalsWorkflow, type ProposalsWorkflow } from '../operator/proposals-workflow.ts';
import { chooseInitialParams, commitParams } from '../planner/assumptions.ts';
import { renderAssumptions, type AssumptionsPanel } from '../planner/assumptions-panel.ts';
import { sameParams } from '../planner/assumptions-codec.ts';
import { readParamsText } from './url-state.ts';
import { exportCrs, exportScope, renderExportChoice, renderExportCrsChoice } from '../analysis/export-gaps.ts';
import { renderOwnData } from '../own-data/own-data-panel.ts';
import { mountTerrainInput, type TerrainInput } from '../own-data/dem-input.ts';
import { DeferredDraws } from '../analysis/deferred-draws.ts';
import { bboxOf, loadBts, loadFibre, loadSample, loadSettlements, loadVillages, type DisplayContext } from '../analysis/display-layers.ts';
import { watchContext } from '../analysis/context-layer.ts';
import type { OwnLayer } from '../own-data/own-data.ts';
import { defaultParams } from '../../core/params.ts';
import type { LayerKind } from '../../core/io/read-layer.ts';
import { InputError } from '../../core/io/input-error.ts';
import type { LayerSlot, OpenedLayer, OpenedSummary } from '../../../workers/protocol.ts';
import { analysisOrigins, inputSources, isPresent, openAnalysisLayers, usesSample, type LayerOrigin } from '../analysis/analysis-inputs.ts';
import { announceLayers, showSyntheticNote } from '../analysis/layer-notice.ts';
import { provincesOf } from '../../core/unit-kpis.ts';
import { LEAN_VILLAGES, fetchGapRows, mountCountryMap, type CountryMap, type DetailUrls } from '../analysis/country-set.ts';
import { describeInputError } from '../own-data/own-data-messages.ts';
import { mountOfflineStorage } from './offline-storage.ts';

/**
 * The app's entry: builds the panel, loads the sample (or the data named in the URL), fills the
 * map and publishes the automation contract (`data-analysis`, `data-kpi`, `window.vunglom`).
 */

/** What end-to-end tests and scripts can reach on `window.vunglom`. */
export interface VunglomHandle {
  map: VunglomMap;
  /** Resolves when loading has finished (done or error) and the map has drawn the result. */
  ready: Promise<void>;
  /** Village polygons drawn on screen now. */
  renderedVillageCount(): number;
  /** The last finished analysis: wall time, workers and village count (for benchmarks and tests). */
  lastAnalysis: { totalMs: number; workers: number; villages: number; run: number; wallMs: number } | null;
  /** The last proposal's time from the click to the villages recoloured on the map (ms; the panels follow later). */
  lastProposalMs: number | null;
}

declare global {
  interface Window {
    vunglom?: VunglomHandle;
  }
}

/** Everything loaded, kept for the coverage engine the lead will wire in. */
export interface LoadedData {
  manifest: Manifest | null;
  villages: FeatureCollection | null;
  bts: FeatureCollection | null;
  fibreRoutes: FeatureCollection | null;
  fibrePoints: FeatureCollection | null;
  settlements: FeatureCollection | null;
  config: unknown;
}

const loaded: LoadedData = {
  manifest: null,
  villages: null,
  bts: null,
  fibreRoutes: null,
  fibrePoints: null,
  settlements: null,
  config: null,
};

type ProvinceName = { text: string } | { key: MessageKey; params?: Record<string, number> };
let provinceName: ProvinceName = { text: 'Kon Tum' };
const provinceText = (name: ProvinceName): string => ('text' in name ? name.text : t(name.key, name.params));

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks the element #${id}`);
  return el as T;
}

function setupPanel(): void {
  mountNotices(byId('notices'));
  renderPlanBoard(byId('kpis'));
  renderLegend(byId('legend'));
  const status = byId('status');
  const showStatus = (state: AnalysisState): void => {
    status.textContent = t(`status.${state}`);
    status.dataset.state = state;
  };
  onAnalysisState(showStatus);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      if (isLang(button.dataset.lang)) setLang(button.dataset.lang);
    });
  }
  const about = byId<HTMLDialogElement>('about');
  byId('about-open').addEventListener('click', () => {
    renderAbout(byId('about-body'), loaded.manifest, dataInUse());
    about.showModal();
  });
  const refresh = (): void => {
    applyTranslations();
    refreshKpis();
    refreshNotices();
    renderAbout(byId('about-body'), loaded.manifest, dataInUse());
    showStatus(
      (document.documentElement.dataset.analysis as AnalysisState | undefined) ?? 'idle',
    );
    byId('province-name').textContent = provinceText(provinceName);
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === getLang()));
    }
  };
  onLangChange(refresh);
  refresh();
}

/** The data on screen, for the About panel. */
function dataInUse(): DataInUse {
  // The elevation model has its own summary in the terrain section.
  const layers = currentSources().flatMap((s) => (s.role === 'dem' || 'fingerprint' in s ? [] : [{ role: s.role, name: 'name' in s ? s.name : fileNameOf(s.url) }]));
  return { sample: onSample, files: onSample ? [] : layers };
}

function setProvinceName(name: ProvinceName): void {
  provinceName = name;
  byId('province-name').textContent = provinceText(name);
}

/** A translated, actionable message for a layer failure. */
function describeError(err: unknown): string {
  if (err instanceof LayerLoadError) {
    const params = { file: err.file, status: err.status ?? '', detail: err.detail, crs: err.detail };
    return t(`error.${err.code}`, params);
  }
  return t('error.unexpected', { detail: err instanceof Error ? err.message : String(err) });
}

function reportLayerError(layer: MessageKey, key: string, err: unknown): void {
  showNotice(key, () => t('notice.layer', { layer: t(layer), message: describeError(err) }));
  if (err instanceof LayerLoadError && err.code === 'needs-crs') void askUrlCrs(err);
}

let crsAsked = false;

/**
 * A file given by URL is in metres and declares no coordinate system: the user is asked (the likely
 * zone preselected) and the page opens again with `crs=` in its address, so the link keeps the answer.
 */
async function askUrlCrs(err: LayerLoadError): Promise<void> {
  if (crsAsked) return;
  crsAsked = true;
  const crs = await askCrs(err.file, err.params);
  if (crs === null) return;
  const url = new URL(location.href);
  url.searchParams.set('crs', crs);
  location.assign(url.href);
}

async function loadConfig(inputs: InputUrls): Promise<void> {
  if (!inputs.config) return;
  const file = fileNameOf(inputs.config);
  try {
    const response = await fetch(inputs.config);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    loaded.config = await response.json();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    showNotice('config', () => t('error.config', { file, detail }));
  }
}

/** Frames a user's villages (leaving room for the gap list) and names the province after them. */
function frameUserVillages(view: MapView, fc: FeatureCollection): void {
  const bbox = bboxOf(fc);
  if (bbox) view.fitBbox(bbox, { bottomPx: byId('gap-list').offsetHeight });
  nameProvince(provincesOf(fc.features.map((f) => ({ province: typeof f.properties?.province === 'string' ? f.properties.province : null }))));
}

/** The header's name from the villages' provinces: the one, "N provinces" (chosen on the plan board), or "your data". */
function nameProvince(provinces: readonly string[]): void {
  const count = provinces.length;
  setProvinceName(count === 1 ? { text: provinces[0] } : count === 0 ? { key: 'panel.province-unknown' } : { key: 'panel.provinces', params: { count } });
}

/** Input layers drawn after the first analysis (see deferred-draws.ts); null before the map exists. */
let draws: DeferredDraws | null = null;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sets the page up for a country-sized set: no layer copies, dots and viewport polygons from the worker. */
function showLeanSet(view: MapView, origins: Record<LayerSlot, LayerOrigin | null>, villages: OpenedSummary, framed: boolean): void {
  countryMap = mountCountryMap(
    view,
    { bts: origins.bts?.url ?? null, fibreRoutes: origins.fibreRoutes?.url ?? null, fibrePoints: origins.fibrePoints?.url ?? null, settlements: origins.settlements?.url ?? null },
    (layer, err) => reportLayerError(LEAN_LAYER_NAMES[layer], `layer-${layer}`, err),
  );
  if (framed && villages.bbox) view.fitBbox(villages.bbox, { bottomPx: byId('gap-list').offsetHeight });
  const provinces = villages.provinces ?? [];
  if (framed || provinces.length !== 1) nameProvince(provinces);
  setKpis({ villages: villages.count });
  showNotice('lean', () => t('notice.lean', { count: formatNumber(villages.count) }), { kind: 'info' });
  byId('operator-tools').hidden = true;
  const note = byId('operator-lean');
  note.hidden = false;
  const say = (): void => {
    note.textContent = t('ops.lean', { count: formatNumber(villages.count) });
  };
  say();
  onLangChange(say);
}

const LEAN_LAYER_NAMES: Record<keyof DetailUrls, MessageKey> = {
  bts: 'layer.bts',
  fibreRoutes: 'layer.fibre-routes',
  fibrePoints: 'layer.fibre-points',
  settlements: 'layer.settlements',
};

/** The layers the coverage worker could not read (among those `report` picks), each in a notice: the analysis runs without them. */
function reportOpenErrors(opened: Record<LayerSlot, OpenedLayer | null>, origins: Record<LayerSlot, LayerOrigin | null>, report: (slot: LayerSlot) => boolean): void {
  const names: Record<LayerSlot, MessageKey> = { villages: 'layer.villages', ...LEAN_LAYER_NAMES };
  const kinds: Record<LayerSlot, LayerKind> = { villages: 'villages', bts: 'bts', fibreRoutes: 'fibre', fibrePoints: 'fibre', settlements: 'settlements' };
  for (const slot of Object.keys(opened) as LayerSlot[]) {
    const o = opened[slot];
    if (!o || !('error' in o) || !report(slot)) continue;
    const file = fileNameOf(origins[slot]?.url ?? slot);
    const code = o.error.code;
    const error = code === 'unexpected' ? new Error(o.error.message) : new InputError(code, o.error.message, o.error.params);
    showNotice(`layer-${slot}`, () => t('notice.layer', { layer: t(names[slot]), message: describeInputError(error, file, kinds[slot]) }));
  }
}

/** Loads everything and publishes progress; `data-analysis` never stays at `loading`. */
async function run(): Promise<void> {
  // The coverage workers warm up (a synthetic analysis) while the manifest and layers load.
  void startCoverageWorkers().catch(() => undefined);
  initLang();
  setupPanel();
  setupActions();
  const inputs = readInputUrls();
  const settings = loadSettings();
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let view: MapView | null = null;
  let final: AnalysisState | null = 'error';
  setAnalysisState('loading');
  try {
    const manifestUrl = new URL(`${SAMPLE_BASE}manifest.json`, document.baseURI).href;
    try {
      loaded.manifest = await loadManifest(manifestUrl);
      setProvinceName({ text: loaded.manifest.region });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      showNotice('manifest', () => t('error.manifest', { file: fileNameOf(manifestUrl), detail }));
    }
    const manifest = loaded.manifest;
    const mapView = createMapView({
      container: byId('map'),
      bbox: manifest?.bbox ?? FALLBACK_BBOX,
      basemap: settings.onlineBasemap,
      // A site's popup also says what terrain hides of it, and its shadows are drawn.
      describe: (kind, properties) => {
        const el = describeFeature(kind, properties);
        if (kind === 'bts' && el && properties.id !== undefined) terrainInput?.decorateSitePopup(el, String(properties.id));
        return el;
      },
      onVillageClick: (index) => planner?.selectVillage(index),
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
    draws = new DeferredDraws(mapView);
    const display: DisplayContext = {
      manifest,
      inputs,
      draws,
      loaded,
      report: reportLayerError,
      onUserVillages: (fc) => frameUserVillages(mapView, fc),
    };
    planner = mountPlannerViews(mapView, {
      legend: byId('gap-legend'),
      planTargets: byId('plan-targets'),
      gapList: byId('gap-list'),
      details: byId('village-details'),
    });
    workflow = mountProposalsWorkflow(
      mapView,
      planner,
      { operator: byId('operator-view'), proposals: byId('proposals'), optimiser: byId('optimiser') },
      (text) => showNotice('proposals', () => text),
    );
    window.vunglom = { map: mapView.map, ready, renderedVillageCount: () => mapView.renderedVillageCount(), lastAnalysis: null, lastProposalMs: null };
    setupMapControls(mapView, settings.onlineBasemap);
    await mapView.loaded;

    // The note on the sample's simulated layers, exactly while the sample is on screen.
    onSample = usesSample(inputs);
    showSyntheticNote(byId('synthetic-note'), manifest, onSample);
    // The coverage worker reads the analysis layers itself while the page reads what it draws.
    const origins = analysisOrigins(inputs, manifest);
    const opening = openAnalysisLayers(origins);
    const context = watchContext(mapView, (fc) => draws?.set('context', fc), (err) => reportLayerError('layer.context', 'layer-context', err));
    // The sample's outlines and roads describe Kon Tum: drawn under the sample (or when the user's
    // villages cannot be read, as a working map), not under a user's villages from anywhere.
    const outlines = (): Promise<unknown> => Promise.all((['province', 'districts', 'communes', 'roads'] as const).map((layer) => loadSample(display, layer)));
    const sampleOutlines = inputs.data.villages ? null : outlines();
    const setup = Promise.all([loadConfig(inputs), context]);
    const villagesOpened = await opening.villages;
    const count = villagesOpened && 'count' in villagesOpened ? villagesOpened.count : 0;
    lean = inputs.lean || count > LEAN_VILLAGES;
    let villagesOk: boolean;
    if (lean && villagesOpened && 'count' in villagesOpened) {
      villagesOk = true;
      showLeanSet(mapView, origins, villagesOpened, inputs.data.villages !== undefined);
      // A country's analysis takes seconds: the outlines and context are drawn meanwhile.
      void draws.release();
    } else {
      const others = Promise.all([loadBts(display), loadFibre(display), loadSettlements(display)]);
      villagesOk = await loadVillages(display);
      if (villagesOk && loaded.villages) setKpis({ villages: loaded.villages.features.length });
      await others;
    }
    const backdrop = Promise.all([setup, sampleOutlines ?? (villagesOk ? null : outlines())]);
    const opened = Object.fromEntries(await Promise.all(Object.entries(opening).map(async ([slot, p]) => [slot, await p]))) as Record<LayerSlot, OpenedLayer | null>;
    // What the worker could not read is said once: on a country always (the page read nothing); on a
    // province only where the page's own copy was read (else its own notice already says why).
    reportOpenErrors(opened, origins, (slot) => lean || loaded[slot] !== null);
    await backdrop;
    setupAssumptions(settings.params);
    renderOwnData(byId('own-data'), { dropTarget: byId('map'), onLayer: (layer) => acceptOwnLayer(mapView, layer) });
    terrainInput = mountTerrainInput({ container: byId('terrain'), dropTarget: byId('map'), view: mapView, rerun });
    await terrainInput.openUrls(inputs.dem);
    const present = Object.fromEntries(Object.entries(opened).map(([slot, o]) => [slot, isPresent(o)])) as Record<LayerSlot, boolean>;
    baseSources = inputSources(origins, present, inputs.config ? { url: inputs.config, present: loaded.config !== null } : null);
    analysisView = mapView;
    villagesReady = villagesOk && present.villages;
    final = villagesReady ? await analyse(mapView, currentSources()) : 'error';
  } catch (err) {
    showNotice('unexpected', () => t('error.unexpected', { detail: err instanceof Error ? err.message : String(err) }));
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

let lastResult: ExportableResult | null = null;
/** A country-sized set: the page holds no layer, the coverage worker does (see country-set.ts). */
let lean = false;
/** The sample is on screen (the user gave no layer yet); the user's first own file replaces all of it. */
let onSample = false;
let countryMap: CountryMap | null = null;
/** Whether the villages layer could be read (the analysis needs it). */
let villagesReady = false;
let planner: PlannerViews | null = null;
let workflow: ProposalsWorkflow | null = null;

let currentParams: AnalysisParams = defaultParams();
let assumptions: AssumptionsPanel | null = null;
let terrainInput: TerrainInput | null = null;
let analysisView: MapView | null = null;
let baseSources: InputSource[] = [];
const ownSources: Partial<Record<LayerKind, InputSource>> = {};

/**
 * Chooses the starting assumptions (link, then this browser, then defaults), builds the panel,
 * and re-runs the analysis on every valid change; the change is remembered and put in the URL.
 */
function setupAssumptions(stored: Record<string, unknown> | null): void {
  const initial = chooseInitialParams({ urlText: readParamsText(), config: loaded.config ?? undefined, stored });
  currentParams = initial.params;
  const error = initial.error;
  if (error?.source === 'config') {
    const file = fileNameOf(readInputUrls().config ?? 'config');
    showNotice('config', () => t('error.config', { file, detail: error.message }));
  } else if (error) {
    showNotice('assumptions', () => t(error.source === 'url' ? 'assumptions.bad-url' : 'assumptions.bad-stored', { detail: error.message }));
  }
  if (initial.origin === 'storage') commitParams(currentParams);
  const apply = (params: AnalysisParams): void => {
    if (sameParams(params, currentParams)) return;
    currentParams = params;
    commitParams(params);
    clearNotice('assumptions');
    void rerun();
  };
  assumptions = renderAssumptions(byId('assumptions'), {
    initial: currentParams,
    onChange: apply,
    onReset: () => {
      const defaults = defaultParams();
      assumptions?.set(defaults);
      apply(defaults);
    },
  });
}

/** The inputs of the analysis now: the URLs read at start, with the user's own files in place of their kind. */
function currentSources(): InputSource[] {
  const own = Object.values(ownSources);
  const replaced = new Set(own.map((s) => s.role));
  return [...baseSources.filter((s) => !replaced.has(s.role)), ...own, ...(terrainInput?.sources() ?? [])];
}

/** Runs the analysis again (new assumptions or data); a newer run supersedes this one. */
async function rerun(): Promise<void> {
  if (!analysisView) return;
  if (!villagesReady) {
    showNotice('analysis', () => t('layers.needs-villages'));
    setAnalysisState('error');
    return;
  }
  const state = await analyse(analysisView, currentSources());
  if (state !== null) setAnalysisState(state);
}

const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The user's first own file ends the sample: every sample layer leaves the map and the analysis
 * (the user's data is never mixed with it), the synthetic note goes, and the analysis waits for
 * what it needs (villages and BTS).
 */
async function leaveSample(view: MapView, kept: OwnLayer['layers']): Promise<void> {
  onSample = false;
  showSyntheticNote(byId('synthetic-note'), loaded.manifest, false);
  baseSources = [];
  lastResult = null;
  for (const action of ['export-gaps-geojson', 'export-gaps-csv', 'export-gaps-fgb', 'export-gaps-shp'] as const) setActionEnabled(action, false);
  const gone: Partial<Record<'villages' | 'bts' | 'fibreRoutes' | 'fibrePoints' | 'settlements', null>> = {};
  if (!kept.villages) {
    view.setData('villages', NO_FEATURES);
    loaded.villages = null;
    villagesReady = false;
    gone.villages = null;
    setKpis({ villages: null });
    planner?.setResult(null, { villages: NO_FEATURES, bts: null });
  }
  if (!kept.bts) {
    view.setData('bts', NO_FEATURES);
    loaded.bts = null;
    gone.bts = null;
  }
  if (!kept.fibreRoutes) {
    view.setData('fibre-routes', NO_FEATURES);
    view.setData('fibre-points', NO_FEATURES);
    loaded.fibreRoutes = null;
    loaded.fibrePoints = null;
    gone.fibreRoutes = null;
    gone.fibrePoints = null;
  }
  if (!kept.settlements) {
    view.setData('settlements', NO_FEATURES);
    loaded.settlements = null;
    gone.settlements = null;
  }
  await offerLayers(gone);
}

/** A user's file replaces the layer of its kind on the map and in the analysis (the first one replaces the whole sample). */
async function acceptOwnLayer(view: MapView, layer: OwnLayer): Promise<void> {
  const l = layer.layers;
  if (onSample) await leaveSample(view, l);
  if (l.villages) {
    view.setData('villages', l.villages);
    frameUserVillages(view, l.villages);
    loaded.villages = l.villages;
    setKpis({ villages: l.villages.features.length });
    clearNotice('villages-missing');
    clearNotice('layer-villages');
  }
  if (l.bts) {
    view.setData('bts', l.bts);
    loaded.bts = l.bts;
  }
  if (l.fibreRoutes && l.fibrePoints) {
    view.setData('fibre-routes', l.fibreRoutes);
    view.setData('fibre-points', l.fibrePoints);
    loaded.fibreRoutes = l.fibreRoutes;
    loaded.fibrePoints = l.fibrePoints;
  }
  if (l.settlements) {
    view.setData('settlements', l.settlements);
    loaded.settlements = l.settlements;
  }
  ownSources[layer.kind] = { role: layer.kind, name: layer.name, bytes: layer.bytes };
  // The user's file goes to the coverage worker as features (it replaces what the worker read).
  await offerLayers({
    ...(l.villages ? { villages: l.villages } : {}),
    ...(l.bts ? { bts: l.bts } : {}),
    ...(l.fibreRoutes && l.fibrePoints ? { fibreRoutes: l.fibreRoutes, fibrePoints: l.fibrePoints } : {}),
    ...(l.settlements ? { settlements: l.settlements } : {}),
  });
  if (l.villages) villagesReady = true;
  await rerun();
}

let analysisRun = 0;

/** Resolves in a later task (lets the browser paint and handle input in between). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Computes coverage in the worker pool with the current assumptions, colours the villages and
 * fills the plan board. Null when a newer run superseded this one (that run reports the state).
 */
async function analyse(view: MapView, sources: InputSource[]): Promise<AnalysisState | null> {
  const seq = ++analysisRun;
  const started = performance.now();
  const current = (): boolean => seq === analysisRun;
  const progress = byId('analysis-progress');
  const bar = progress.querySelector('progress') as HTMLProgressElement;
  setAnalysisState('running');
  progress.hidden = false;
  bar.value = 0;
  try {
    const result = await analyseLayers(currentParams, {
      sources,
      region: byId('province-name').textContent ?? 'region',
      lean,
      onProgress: (done, total) => {
        bar.value = total > 0 ? done / total : 1;
      },
    });
    if (!current()) return null;
    // The result's message is one task; drawing it starts in the next, so that task stays short.
    await nextTask();
    if (!current()) return null;
    const k = result.gapList.kpis;
    if (lean) {
      if (!(await showLeanResult(result))) return null;
    } else if (!(await showResult(view, result, current))) return null;
    setActionEnabled('export-gaps-geojson', true);
    setActionEnabled('export-gaps-csv', true);
    setActionEnabled('export-gaps-fgb', true);
    setActionEnabled('export-gaps-shp', true);
    clearNotice('analysis');
    announceLayers(result.gapList.layers);
    if (window.vunglom) {
      window.vunglom.lastAnalysis = { ...result.timing, villages: k.villages, run: seq, wallMs: performance.now() - started };
    }
    return 'done';
  } catch (err) {
    if (!current()) return null;
    if (err instanceof Error && err.name === 'AbortError') {
      showNotice('analysis', () => t('status.cancelled'), { kind: 'info' });
      return 'idle';
    }
    if (err instanceof Error && err.name === 'MissingLayerError') {
      showNotice('analysis', () => t('layers.needs-bts'));
      return 'error';
    }
    showNotice('analysis', () => t('error.analysis', { detail: err instanceof Error ? err.message : String(err) }));
    return 'error';
  } finally {
    if (current()) progress.hidden = true;
  }

  /** A province: colour the villages, fill the board, then the views (each in a task of its own). False when superseded. */
  async function showResult(view: MapView, result: ExportableResult, current: () => boolean): Promise<boolean> {
    const villages = loaded.villages;
    if (!villages) return false;
    lastResult = result;
    // The layers held back while the analysis ran; the villages are drawn once, coloured.
    await draws?.release(['villages']);
    if (!current()) return false;
    view.setData('villages', villagesWithResults(villages, result.gapList.rows));
    setKpis(boardKpis(result.gapList.kpis));
    await nextTask();
    if (!current()) return false;
    planner?.setResult(result, { villages, bts: loaded.bts });
    await nextTask();
    if (!current()) return false;
    workflow?.setBase(result, { villages, bts: loaded.bts, fibreRoutes: loaded.fibreRoutes, fibrePoints: loaded.fibrePoints, settlements: loaded.settlements });
    return true;
  }

  /** A country: the board at once, then the rows page by page, the map from the worker, and the views. False when superseded. */
  async function showLeanResult(result: ExportableResult): Promise<boolean> {
    setKpis(boardKpis(result.gapList.kpis));
    let t = performance.now();
    const rows = await fetchGapRows(result.gapList.kpis.villages, current);
    if (!rows) return false;
    performance.measure('vunglom:lean-rows', { start: t });
    const shown: ExportableResult = { ...result, gapList: { ...result.gapList, rows } };
    lastResult = shown;
    t = performance.now();
    await countryMap?.showResult();
    performance.measure('vunglom:lean-map', { start: t });
    const holder = coverageHolder();
    const sites = await holder.sitePlacement();
    if (!current()) return false;
    t = performance.now();
    planner?.setResult(shown, { villages: EMPTY_COLLECTION, bts: null }, { sites, context: (index, reachM) => holder.villageContext(index, reachM) });
    performance.measure('vunglom:lean-views', { start: t });
    return true;
  }
}

const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The gap list file of the last analysis: built on the page for a province (with any proposal), in the coverage worker for a country. */
async function exportGaps(format: GapFormat): Promise<void> {
  if (!lastResult) return;
  const gapsOnly = exportScope() === 'gaps-only';
  const crs = format === 'shp' ? exportCrs() : 'wgs84';
  let file: GapFile;
  if (lean) {
    file = await coverageHolder().gapFile(format, { gapsOnly, sources: lastResult.sources, region: lastResult.region, crs });
  } else {
    // With a proposal, the gap list is the one after it (the file name says "with-proposals").
    const withProposals = await (workflow?.gapExport() ?? null);
    file = await buildGapFile(withProposals ?? lastResult, format, { gapsOnly, crs });
  }
  if (crs === 'province-zone' && file.crs === 'EPSG:4326') showNotice('export', () => t('export.no-zone'), { kind: 'info' });
  downloadFile(file.data, file.name, file.type);
}

function setupActions(): void {
  const exportButton = (action: ExportAction, format: GapFormat): void => {
    document.querySelector(`button[data-action="${action}"]`)?.addEventListener('click', () => {
      exportGaps(format).catch((err: unknown) =>
        showNotice('export', () => t('error.unexpected', { detail: err instanceof Error ? err.message : String(err) })),
      );
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

function setupMapControls(view: MapView, basemap: boolean): void {
  renderLayerToggles(byId('layer-list'), (group, visible) => view.setGroupVisible(group, visible));
  applyTranslations(byId('layer-list'));
  const toggle = byId<HTMLInputElement>('basemap-toggle');
  toggle.checked = basemap;
  toggle.addEventListener('change', () => {
    saveSettings({ ...loadSettings(), onlineBasemap: toggle.checked });
    if (!toggle.checked) clearNotice('basemap');
    view.setBasemap(toggle.checked);
  });
}

void run();
