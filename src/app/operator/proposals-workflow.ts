import type { FeatureCollection } from 'geojson';
import { TOOL_VERSION } from '../../core/output/run-metadata.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import type { OptimiseProgress } from '../../core/planning/optimise-sites.ts';
import type { PlanResult } from '../../core/planning/plan-operator.ts';
import type { SharingOpportunity } from '../../core/sharing/sharing-opportunities.ts';
import type { MapView } from '../../map/map-view.ts';
import type { OperatorViewResult, ProposalsFile, ProposalsFormat, ProposeResult } from '../../../workers/planning-protocol.ts';
import { ANY, applyChanges, boardKpis, closedGaps, gapFor, operatorShare } from '../planner/before-after.ts';
import { shareAnalysis } from '../analysis/coverage-client.ts';
import { downloadFile, exportCrs, type ExportableResult } from '../analysis/export-gaps.ts';
import { onLangChange, t } from '../shell/i18n.ts';
import { renderOperatorPanel } from './operator-view-panel.ts';
import { operatorRows, rowsWithSharingSites, sharingSitesByVillage } from './operator-view.ts';
import { renderOptimiserPanel, type OptimiserRequest } from './optimiser-panel.ts';
import { unitsOf, type PlannerViews } from '../planner/planner-views.ts';
import { setActionEnabled, setKpis, setKpisBefore } from '../planner/plan-board.ts';
import { PlanningClient } from './planning-client.ts';
import {
  ProposalHistory,
  entriesFromGeoJson,
  parseStoredEntries,
  placedEntry,
  serialiseEntries,
  toProposedSites,
  withCandidates,
} from './proposals.ts';
import { renderProposalsPanel } from './proposals-panel.ts';
import { villagesWithResults, type LoadedLayers } from '../analysis/run-coverage.ts';


/** File extension and media type of each proposals format. */
const PROPOSALS_FILES: Record<ProposalsFormat, { extension: string; type: string }> = {
  geojson: { extension: 'geojson', type: 'application/geo+json' },
  fgb: { extension: 'fgb', type: 'application/octet-stream' },
  shp: { extension: 'shp.zip', type: 'application/zip' },
};
/**
 * The operator workflow: operator view, sharing opportunities, proposed sites (placed, dragged,
 * edited, undone), the optimiser, before → after on the map, plan board and gap list, and the
 * proposals export. Heavy work runs in the planning worker; this module keeps the state and
 * redraws. main.ts hands it each finished analysis.
 */

export interface ProposalsWorkflowElements {
  operator: HTMLElement;
  proposals: HTMLElement;
  optimiser: HTMLElement;
}

export interface ProposalsWorkflow {
  /** A finished analysis (new data or assumptions): the proposal is evaluated again on it. */
  setBase(result: ExportableResult, layers: LoadedLayers): void;
  /** The gap list as the exports should write it now (with the proposal), or null when there is none. */
  gapExport(): Promise<ExportableResult | null>;
  /** Re-renders localised text. */
  refresh(): void;
}

const STORAGE_KEY = 'vunglom.proposals';
/** How long placed sites wait to be drawn together with their effect on the villages (ms). */
const SITES_ALONE_MS = 150;
const OPERATOR_KEY = 'vunglom.operator-view';

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error || error instanceof DOMException ? error.name === 'AbortError' : false;
}

function message(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.message : String(error);
}


/** Mounts the workflow's panels and map interactions. */
export function mountProposalsWorkflow(
  view: MapView,
  planner: PlannerViews,
  elements: ProposalsWorkflowElements,
  notify: (text: string) => void,
): ProposalsWorkflow {
  const client = new PlanningClient();
  const store = session();
  const history = new ProposalHistory(parseStoredEntries(store?.getItem(STORAGE_KEY) ?? null));
  let operator = store?.getItem(OPERATOR_KEY) ?? ANY;
  let base: ExportableResult | null = null;
  let layers: LoadedLayers | null = null;
  let operators: string[] = [];
  let opView: OperatorViewResult | null = null;
  let opBusy = false;
  let after: ProposeResult | null = null;
  let afterRows: GapRow[] | null = null;
  let version = 0;
  let inflight = false;
  let placing = false;
  let selected: string | null = null;
  let timing: { workerMs: number; roundTripMs: number; applyMs: number; totalMs: number; recomputed: number } | null = null;
  let proposalMessage: string | null = null;
  let lastPlan: PlanResult | null = null;
  let optimiser = { running: false, progress: null as OptimiseProgress | null, result: null as PlanResult | null, message: null as string | null };
  let optimiserAbort: AbortController | null = null;
  /** When the user last changed the proposal (the click), for the click-to-recolour time. */
  let clickedAt = 0;
  /** Villages whose map colour is held in feature state now, with that colour (see `recolour`). */
  let recoloured = new Map<number, string>();
  let drawTimer: ReturnType<typeof setTimeout> | null = null;
  let sitesTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the map and board show something other than the plain analysis. */
  let showingOverlay = false;

  const opPanel = renderOperatorPanel(elements.operator, {
    choose(next) {
      operator = next;
      store?.setItem(OPERATOR_KEY, operator);
      opView = null;
      void loadOperatorView();
      draw();
    },
    share(o) {
      addOpportunity(o);
    },
  });
  const propPanel = renderProposalsPanel(elements.proposals, {
    togglePlace() {
      placing = !placing;
      view.setPlaceMode(placing);
      drawPanels();
    },
    undo() {
      if (history.undo()) changed();
    },
    redo() {
      if (history.redo()) changed();
    },
    clear() {
      history.apply([]);
      selected = null;
      changed();
    },
    load(file) {
      void file.text().then(
        (text) => {
          try {
            const next = entriesFromGeoJson(text, history.entries);
            const count = next.length - history.entries.length;
            history.apply(next);
            proposalMessage = t('prop.loaded', { count, file: file.name });
            changed();
          } catch (error) {
            proposalMessage = t('prop.load-error', { file: file.name, detail: message(error) });
            drawPanels();
          }
        },
        (error: unknown) => notify(t('prop.load-error', { file: file.name, detail: message(error) })),
      );
    },
    select(key) {
      selected = key;
      drawPanels();
      drawProposed();
    },
    edit(entry) {
      history.apply(history.entries.map((e) => (e.key === entry.key ? entry : e)));
      changed();
    },
    remove(key) {
      history.apply(history.entries.filter((e) => e.key !== key));
      if (selected === key) selected = null;
      changed();
    },
  });
  const optPanel = renderOptimiserPanel(elements.optimiser, { run: runOptimiser, cancel: () => optimiserAbort?.abort() });

  view.setProposalHandlers({
    place(lon, lat, at) {
      if (!base) return;
      const params = base.params;
      const ops = operator !== ANY ? [operator] : operators.slice(0, 1);
      if (ops.length === 0) return;
      const entry = placedEntry(history.entries, { lon, lat }, { operators: ops, tech: params.broadbandTechs[0] ?? '4G', radiusM: null });
      history.apply([...history.entries, entry]);
      selected = entry.key;
      changed(at);
    },
    select(key) {
      selected = key;
      drawPanels();
      drawProposed();
    },
    move(key, lon, lat, at) {
      history.apply(history.entries.map((e) => (e.key === key ? { ...e, lon, lat } : e)));
      selected = key;
      changed(at);
    },
  });

  onLangChange(() => drawPanels());
  // The planning worker starts after each analysis (setBase); a cancelled optimiser ends it, so start
  // it again when the user comes near the operator tools, and the next placed site answers at once.
  const warm = (): void => {
    if (base && client.hasInput) void client.load().catch(() => undefined);
  };
  for (const e of Object.values(elements)) {
    e.addEventListener('pointerenter', warm);
    e.addEventListener('focusin', warm);
  }
  for (const format of ['geojson', 'fgb', 'shp'] as const) {
    document.querySelector(`button[data-action="export-proposals-${format}"]`)?.addEventListener('click', () => {
      void exportProposals(format).catch((error: unknown) => notify(t('prop.export-error', { detail: message(error) })));
    });
  }

  function addOpportunity(o: SharingOpportunity): void {
    if (history.entries.some((e) => e.kind === 'share' && e.siteId === o.siteId && o.candidate.records.every((r) => e.operators.includes(r.operator)))) return;
    history.apply(withCandidates(history.entries, [o.candidate]));
    changed();
  }

  /**
   * The proposal changed (`at`: the click's time): keep it, and recompute. The sites and panels are
   * drawn with the recolouring, in one frame (a frame can hold the page for a while where the map is
   * drawn in software), or after SITES_ALONE_MS if the answer takes longer.
   */
  function changed(at = performance.now()): void {
    clickedAt = Math.min(at, performance.now());
    if (selected !== null && !history.entries.some((e) => e.key === selected)) selected = null;
    store?.setItem(STORAGE_KEY, serialiseEntries(history.entries));
    if (sitesTimer !== null) clearTimeout(sitesTimer);
    sitesTimer = setTimeout(() => {
      drawProposed();
      drawPanels();
    }, base ? SITES_ALONE_MS : 0);
    void update();
  }

  /**
   * Recomputes the analysis with the proposal (one request at a time; the latest state wins). The
   * answer is shown in two steps: at once the villages it changed are recoloured (feature state)
   * and the plan board's numbers set; the rest (gap list, details, legend, the layer's properties
   * for filters) follows in a later task, so the click is answered within one short task.
   */
  async function update(): Promise<void> {
    if (!base) return;
    const mine = ++version;
    if (inflight) return;
    inflight = true;
    try {
      while (true) {
        const asked = version;
        const entries = history.entries;
        const result = entries.length === 0 ? null : await client.propose(toProposedSites(entries));
        if (asked !== version) continue;
        const received = performance.now();
        after = result;
        afterRows = result && base ? applyChanges(base.gapList.rows, result.changed, result.rows) : null;
        if (sitesTimer !== null) clearTimeout(sitesTimer);
        sitesTimer = null;
        drawProposed();
        recolour();
        showKpis();
        await view.nextRender();
        const drawn = performance.now();
        const clicked = clickedAt;
        timing = result ? { workerMs: result.ms, roundTripMs: received - clicked, applyMs: drawn - received, totalMs: drawn - clicked, recomputed: result.recomputed } : null;
        if (window.vunglom) window.vunglom.lastProposalMs = drawn - clicked;
        scheduleDraw();
        break;
      }
    } catch (error) {
      if (!isAbort(error) && mine === version) notify(t('prop.error', { detail: message(error) }));
    } finally {
      inflight = false;
      drawPanels();
    }
  }

  /** The gap class the map shows for a row in the current operator's view. */
  function shownGap(row: GapRow): string {
    return operator === ANY ? row.gap : gapFor(row, operator);
  }

  /**
   * Sets the map colour of the villages the proposal changes, and of those an earlier proposal
   * changed (back to their colour without it), by feature state: a few villages, not the layer.
   */
  function recolour(): void {
    if (!base) return;
    const baseRows = base.gapList.rows;
    const next = new Map<number, string>();
    for (const v of recoloured.keys()) next.set(v, shownGap(baseRows[v]));
    if (history.entries.length > 0 && after) {
      for (let j = 0; j < after.changed.length; j++) next.set(after.changed[j], shownGap(after.rows[j]));
    }
    const changes: { index: number; gap: string }[] = [];
    for (const [index, gap] of next) if (recoloured.get(index) !== gap) changes.push({ index, gap });
    view.setVillageGaps(changes);
    recoloured = next;
  }

  /** Drops every colour held in feature state (the layer's properties were just set to what is shown). */
  function clearRecoloured(): void {
    view.setVillageGaps([...recoloured.keys()].map((index) => ({ index, gap: null })));
    recoloured = new Map();
  }

  /** The plan board's numbers for the current state (cheap: part of the immediate answer). */
  function showKpis(): void {
    if (!base) return;
    const active = history.entries.length > 0 && after !== null && afterRows !== null;
    if (!active && operator === ANY && !showingOverlay) return;
    setKpis(boardKpis(active ? (after as ProposeResult).kpis : base.gapList.kpis));
    setKpisBefore(active ? boardKpis(base.gapList.kpis) : null);
  }

  /**
   * The full redraw after the frame that shows the recolouring, in two tasks: the layer's properties
   * (for filters and the village details), then the planner views.
   */
  function scheduleDraw(): void {
    if (drawTimer !== null) clearTimeout(drawTimer);
    drawTimer = setTimeout(() => {
      draw('map');
      drawTimer = setTimeout(() => {
        drawTimer = null;
        draw('views');
      }, 0);
    }, 0);
  }

  async function loadOperatorView(): Promise<void> {
    if (!base || operator === ANY) return;
    const wanted = operator;
    opBusy = true;
    drawPanels();
    try {
      const v = await client.operatorView(wanted);
      if (wanted !== operator) return;
      opView = v;
    } catch (error) {
      if (!isAbort(error)) notify(t('prop.error', { detail: message(error) }));
    } finally {
      if (wanted === operator) opBusy = false;
      draw();
    }
  }

  function sharingMap(): Map<number, string[]> | null {
    return opView && opView.operator === operator ? sharingSitesByVillage(opView.sharing) : null;
  }

  /** Proposed sites as BTS-like points for the map (one per operator and sector). */
  function proposedFeatures(): FeatureCollection {
    const radius = base?.params.radiusM;
    return {
      type: 'FeatureCollection',
      features: history.entries.flatMap((e) =>
        e.operators.flatMap((op) =>
          (e.sectors.length > 0 ? e.sectors : [null]).map((s) => ({
            type: 'Feature' as const,
            properties: {
              key: e.key,
              site_id: e.siteId,
              kind: e.kind,
              operator: op,
              tech: e.tech,
              radius_m: e.radiusM ?? radius?.[e.tech] ?? null,
              azimuth_deg: s?.azimuthDeg ?? null,
              beamwidth_deg: s?.beamwidthDeg ?? null,
              selected: e.key === selected,
            },
            geometry: { type: 'Point' as const, coordinates: [e.lon, e.lat] },
          })),
        ),
      ),
    };
  }

  function drawProposed(): void {
    view.setData('proposed', proposedFeatures());
  }

  /** Map colours, plan board and planner views for the current state. */
  function draw(part: 'all' | 'map' | 'views' = 'all'): void {
    if (!base || !layers) return;
    const baseRows = base.gapList.rows;
    const active = history.entries.length > 0 && after !== null && afterRows !== null;
    const rows = active ? (afterRows as GapRow[]) : baseRows;
    const kpis = active ? (after as ProposeResult).kpis : base.gapList.kpis;
    const sharing = sharingMap();
    const overlay = active || operator !== ANY;
    if (overlay || showingOverlay) {
      const shown = operatorRows(rows, operator, sharing);
      if (part !== 'views') {
        view.setData('villages', villagesWithResults(layers.villages, shown));
        clearRecoloured();
      }
      if (part === 'map') return;
      setKpis(boardKpis(kpis));
      setKpisBefore(active ? boardKpis(base.gapList.kpis) : null);
      const sites = active ? (after as ProposeResult).sites : base.gapList.sites.sites;
      const closed = active ? closedGaps(baseRows, rows, (after as ProposeResult).changed, operator) : new Set<number>();
      const btsFeatures = active ? [...(layers.bts?.features ?? []), ...proposedFeatures().features] : (layers.bts?.features ?? []);
      planner.setResult(
        { ...base, gapList: { rows: shown, kpis, layers: base.gapList.layers, sites: { ...base.gapList.sites, sites, sharedCount: sites.filter((x) => x.operators.length >= 2).length } } },
        { villages: layers.villages, bts: { type: 'FeatureCollection', features: btsFeatures } },
        {
          before: active
            ? { kpis: base.gapList.kpis, units: unitsOf(base, { rows: baseRows }) }
            : undefined,
          boardRows: rows,
          closed,
          closing:
            operator === ANY
              ? null
              : {
                  operator,
                  sitesOf: (v) => sharing?.get(v) ?? [],
                  hostsOf: (site) => opView?.opportunities.find((o) => o.siteId === site)?.hostOperators ?? [],
                  added: (site) => history.entries.some((e) => e.kind === 'share' && e.siteId === site && e.operators.includes(operator)),
                  share: (site) => {
                    const o = opView?.opportunities.find((x) => x.siteId === site);
                    if (o) addOpportunity(o);
                  },
                },
        },
      );
      showingOverlay = overlay;
    }
    if (part === 'map') return;
    for (const action of ['export-proposals-geojson', 'export-proposals-fgb', 'export-proposals-shp'] as const) {
      setActionEnabled(action, history.entries.length > 0);
    }
    drawPanels();
  }

  function drawPanels(): void {
    const baseRows = base?.gapList.rows ?? null;
    const active = history.entries.length > 0 && afterRows !== null;
    opPanel.render({
      operators,
      operator,
      busy: opBusy,
      before: baseRows ? operatorShare(baseRows, operator) : null,
      after: active && afterRows ? operatorShare(afterRows, operator) : null,
      opportunities: opView && opView.operator === operator ? opView.opportunities : null,
      added: new Set(history.entries.filter((e) => e.kind === 'share' && e.operators.includes(operator)).map((e) => e.siteId)),
      sharingRatio: opView?.sharingRatio ?? null,
    });
    propPanel.render({
      entries: history.entries,
      selected,
      placing,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
      busy: inflight,
      operators,
      techs: base?.params.broadbandTechs ?? ['4G'],
      radiusByTech: base?.params.radiusM ?? { '2G': 0, '3G': 0, '4G': 0, '5G': 0 },
      timing,
      message: proposalMessage,
    });
    optPanel.render({ operator, ...optimiser });
  }

  async function runOptimiser(request: OptimiserRequest): Promise<void> {
    if (!base || optimiser.running) return;
    const abort = new AbortController();
    optimiserAbort = abort;
    optimiser = { running: true, progress: null, result: null, message: null };
    drawPanels();
    try {
      const result = await client.plan(
        { operator, target: request.target, maxSites: request.maxSites },
        toProposedSites(history.entries),
        {
          signal: abort.signal,
          onProgress: (p) => {
            optimiser.progress = p;
            optPanel.render({ operator, ...optimiser });
          },
        },
      );
      lastPlan = result;
      optimiser = { running: false, progress: null, result, message: null };
      if (result.proposals.length > 0) {
        history.apply(withCandidates(history.entries, result.proposals.map((p) => p.candidate)));
        changed();
      } else drawPanels();
    } catch (error) {
      optimiser = { running: false, progress: null, result: null, message: isAbort(error) ? t('opt.cancelled') : t('opt.error', { detail: message(error) }) };
      drawPanels();
      // A cancel ended the worker with everything in it: the next call loads a fresh one.
      if (isAbort(error) && history.entries.length > 0) void update();
    } finally {
      if (optimiserAbort === abort) optimiserAbort = null;
    }
  }

  async function proposalsFile(format: ProposalsFormat): Promise<ProposalsFile> {
    if (!base) throw new Error('No analysis yet.');
    const entries = history.entries;
    const planOperator = lastPlan?.operator ?? operator;
    return client.exportProposals({
      sites: toProposedSites(entries),
      kinds: entries.map((e) => ({ kind: e.kind, origin: e.origin, hostOperators: e.hostOperators })),
      operator: planOperator,
      target: lastPlan?.target ?? null,
      meta: { tool: 'vunglom', version: TOOL_VERSION, created: new Date().toISOString(), params: base.params, inputs: [] },
      format,
      crs: format === 'shp' ? exportCrs() : 'wgs84',
    });
  }

  async function exportProposals(format: ProposalsFormat): Promise<void> {
    if (!base || history.entries.length === 0) return;
    const file = await proposalsFile(format);
    const slug = (base.region || 'region')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const stem = `vunglom-proposals-${slug || 'region'}-${new Date().toISOString().slice(0, 10)}`;
    const { extension, type } = PROPOSALS_FILES[format];
    downloadFile(file.data, `${stem}.${extension}`, type);
  }

  function reset(): void {
    after = null;
    afterRows = null;
    opView = null;
    timing = null;
  }

  return {
    setBase(result, loaded) {
      base = result;
      layers = loaded;
      operators = [...new Set((loaded.bts?.features ?? []).map((f) => f.properties?.operator).filter((o): o is string => typeof o === 'string' && o !== ''))].sort();
      if (operator !== ANY && !operators.includes(operator)) operator = ANY;
      reset();
      showingOverlay = false;
      // main.ts has just set the layer's properties to this result.
      clearRecoloured();
      if (drawTimer !== null) clearTimeout(drawTimer);
      drawTimer = null;
      // The planning worker takes the coverage worker's analysis (worker to worker), and starts
      // now, so the first proposal does not wait for it.
      client.setShared(shareAnalysis);
      void client.load().catch(() => undefined);
      drawProposed();
      draw();
      if (operator !== ANY) void loadOperatorView();
      if (history.entries.length > 0) void update();
    },
    async gapExport() {
      if (!base || history.entries.length === 0 || !afterRows || !after) return null;
      const text = String((await proposalsFile('geojson')).data);
      const rows = rowsWithSharingSites(afterRows, operator, sharingMap());
      return {
        ...base,
        gapList: { rows, kpis: after.kpis, layers: base.gapList.layers, sites: { ...base.gapList.sites, sites: after.sites, sharedCount: after.sites.filter((x) => x.operators.length >= 2).length } },
        region: `${base.region} with proposals`,
        sources: [...base.sources, { role: 'bts', name: 'proposals.geojson', bytes: new TextEncoder().encode(text) }],
      };
    },
    refresh() {
      drawPanels();
      draw();
    },
  };
}
