import type { FeatureCollection } from 'geojson';
import { btsRecordsOf } from '../../core/io/read-bts.ts';
import type { BtsRecord, MultiPolygonCoords } from '../../core/model.ts';
import type { GeoFeature } from '../../core/io/geojson-types.ts';
import type { FootprintParams } from '../../core/params.ts';
import type { GapRow } from '../../core/output/gap-row.ts';
import type { MapView } from '../../map/map-view.ts';
import { adminUnits, placeSites, type AdminUnits, type SitePlacement } from '../../core/unit-kpis.ts';
import type { ExportableResult } from '../analysis/export-gaps.ts';
import { renderGapLegend, type GapLegend } from './gap-legend.ts';
import { countGaps, countSignals, GAP_CLASSES } from './gap-list-filter.ts';
import { renderGapList, type GapListView } from './gap-list.ts';
import { onLangChange, t } from '../shell/i18n.ts';
import { localStore } from '../ui/storage.ts';
import { renderPlanTargets, type PlanBoardData, type PlanTargetsView } from './plan-board.ts';
import { nearestFootprintRecord } from '../../core/coverage/nearest-site.ts';
import { packFootprints, type PackedFootprints } from '../../core/coverage/packed-footprints.ts';
import { broadbandFootprints, uncoveredArea, type FootprintShape } from '../../core/coverage/uncovered-area.ts';
import { villageCentre } from '../../core/coverage/village-centre.ts';
import { errorMessage } from '../../core/error-message.ts';
import { multiPolygonBox } from '../../core/geo/lonlat-box.ts';
import { provenanceOf } from './village-details-facts.ts';
import { renderVillageDetails, type VillageClosing, type VillageDetailsView } from './village-details.ts';

/**
 * The planner's views wired together: gap legend (counts, class toggles) → map filter; plan targets
 * and districts; gap list → village selection; village selection → details panel, outline and the
 * uncovered part on the map. main.ts only mounts this and hands it each finished analysis.
 */

export interface PlannerElements {
  legend: HTMLElement;
  planTargets: HTMLElement;
  gapList: HTMLElement;
  details: HTMLElement;
  /** Tells the user something failed (a village's details that could not be fetched). */
  report(message: string): void;
}

/** What a proposal adds to the views: the board's values before it, the gaps it closes, and per operator what would close a gap. */
export interface PlannerExtras {
  before?: PlanBoardData['before'];
  /** Rows for the plan targets and districts when the map shows an operator's own view (province rows). */
  boardRows?: readonly GapRow[];
  /** Villages whose gap the proposal closes (marked in the gap list). */
  closed?: ReadonlySet<number>;
  /** The operator view: existing sites of others that would close each of the operator's gaps if shared. */
  closing?: VillageClosing | null;
  /** Where the physical sites stand, when computed elsewhere (the coverage worker of a country-sized set, which keeps the geometries). */
  sites?: SitePlacement;
  /**
   * Where a village's geometry and nearby sites come from when the result does not carry them (a
   * country-sized set: the coverage worker keeps them); `reachM` is how far around it sites matter.
   */
  context?: (index: number, reachM: number) => Promise<VillageContext>;
}

/** What the details of one village need besides its row. */
export interface VillageContext {
  geometry: MultiPolygonCoords;
  centre: [number, number] | null;
  bts: BtsRecord[];
}

export interface PlannerViews {
  /**
   * Shows a finished analysis (null: none yet, or it failed). With `pause`, the gap list is filled in
   * a later task than the board (a province's result made one task of 80–130 ms on the page's
   * thread); without it, everything is done before the call returns.
   */
  setResult(
    result: ExportableResult | null,
    layers: { villages: FeatureCollection; bts: FeatureCollection | null },
    extras?: PlannerExtras,
    options?: { pause?: () => Promise<void> },
  ): Promise<void>;
  /** Opens the details of village `index` (as a click on the map does); `zoom` frames it. */
  selectVillage(index: number | null, options?: { zoom?: boolean }): void;
  /** Chooses the plan on the board (the report's plan choice goes through here, so both show the same). */
  choosePlan(id: string): void;
}

/**
 * The administrative units of a result (of `rows` when given: the province's rows under an
 * operator's own view), with each unit's sharing ratio over the sites standing in it.
 */
export function unitsOf(result: ExportableResult, options: { rows?: readonly GapRow[]; sites?: SitePlacement } = {}): AdminUnits {
  const sites = options.sites ?? placeSites(result.gapList.sites.sites, result.geometries);
  return adminUnits(options.rows ?? result.gapList.rows, { sites, personsPerHousehold: result.params.personsPerHousehold });
}

/** Width the details panel takes over the map, so a framed village stays visible beside it. */
const DETAILS_WIDTH_PX = 360;

/** The footprints of `bts` under `params`, as the details need them. */
function footprintsOf(bts: readonly BtsRecord[], params: FootprintParams): { shapes: FootprintShape[]; packed: PackedFootprints } {
  return { shapes: broadbandFootprints(bts, params), packed: packFootprints(bts, params) };
}

/** Mounts the views in `elements`, acting on `view`. */
export function mountPlannerViews(view: MapView, elements: PlannerElements): PlannerViews {
  let result: ExportableResult | null = null;
  let villages: FeatureCollection | null = null;
  let bts: BtsRecord[] = [];
  /**
   * The result's footprints: as shapes for the uncovered part, packed for the nearest site (the
   * engine's measure). Built when a village is first opened, not on every result: a proposal's
   * edit gives a new result each time, and most are never followed by a village's details.
   */
  let footprints: { shapes: FootprintShape[]; packed: PackedFootprints } | null = null;
  const resultFootprints = (): { shapes: FootprintShape[]; packed: PackedFootprints } | null => {
    if (!footprints && result) footprints = footprintsOf(bts, result.params);
    return footprints;
  };
  let selected: number | null = null;
  let closing: VillageClosing | null = null;

  const legend: GapLegend = renderGapLegend(elements.legend, (visible) =>
    view.setVillageGapFilter(visible.size === GAP_CLASSES.length ? null : [...visible]),
  );
  const plan: PlanTargetsView = renderPlanTargets(elements.planTargets, localStore());
  const list: GapListView = renderGapList(elements.gapList, (index) => selectVillage(index, { zoom: true }));
  const details: VillageDetailsView = renderVillageDetails(elements.details, () => selectVillage(null));

  let contextOf: PlannerExtras['context'] = undefined;
  /** Counts selections, so a village whose context arrives after another was chosen is not shown. */
  let selection = 0;

  function clearSelection(): void {
    selected = null;
    view.selectVillage(null);
    view.setData('uncovered', { type: 'FeatureCollection', features: [] });
    list.select(null);
    details.hide();
  }

  function selectVillage(index: number | null, options: { zoom?: boolean } = {}): void {
    const rows = result?.gapList.rows;
    const mine = ++selection;
    if (index === null || !result || !rows || index < 0 || index >= rows.length) return clearSelection();
    const geometry = result.geometries[index];
    if (geometry) {
      const props = villages?.features[index]?.properties ?? {};
      const declared =
        typeof props.centre_lon === 'number' && typeof props.centre_lat === 'number' ? ([props.centre_lon, props.centre_lat] as [number, number]) : null;
      const fps = resultFootprints();
      if (!fps) return clearSelection();
      showVillage(index, { geometry, centre: declared, bts }, fps, props.synthetic === true || props.synthetic === 'true', options);
      return;
    }
    if (!contextOf) return clearSelection();
    // A country-sized set: the worker has the geometry and the sites around the village.
    const row = rows[index];
    const reachM = Math.max(20_000, (row.nearest_bts_m ?? 0) + 1_000);
    const shown = result;
    contextOf(index, reachM)
      .then((context) => {
        if (mine !== selection || result !== shown) return;
        showVillage(index, context, footprintsOf(context.bts, shown.params), false, options);
      })
      .catch((err: unknown) => {
        if (mine !== selection) return;
        clearSelection();
        elements.report(t('error.unexpected', { detail: errorMessage(err) }));
      });
  }

  function showVillage(
    index: number,
    context: VillageContext,
    fps: { shapes: FootprintShape[]; packed: PackedFootprints },
    synthetic: boolean,
    options: { zoom?: boolean },
  ): void {
    if (!result) return;
    selected = index;
    const row = result.gapList.rows[index];
    const { geometry } = context;
    const valid = row.status === 'ok' && geometry.length > 0;
    const uncovered = valid ? uncoveredArea(geometry, fps.shapes) : null;
    // The uncovered part drawn is the disks' and sectors': where terrain cuts the village's
    // footprints it would contradict the measures, so it is not drawn (the details say what terrain hides).
    const terrainCut = (row.mobile_shadow_fraction ?? 0) > 0;
    view.selectVillage(index);
    view.setData('uncovered', {
      type: 'FeatureCollection',
      features: uncovered?.geometry && !terrainCut ? [{ type: 'Feature', properties: { id: row.id }, geometry: uncovered.geometry }] : [],
    });
    list.select(index);
    const centre = valid ? villageCentre(context.centre, geometry) : null;
    details.show({
      row,
      params: result.params,
      synthetic,
      uncovered,
      nearestSite: centre ? (nearestFootprintRecord(centre, context.bts, fps.packed)?.record ?? null) : null,
      provenance: uncovered ? provenanceOf(fps.shapes, uncovered.footprintRecords, context.bts) : null,
      closing: closing && row.status === 'ok' && !row.mobile_covered ? { ...closing, index } : null,
    });
    const box = valid && options.zoom ? multiPolygonBox(geometry) : null;
    if (box) view.focusBbox(box, { rightPx: DETAILS_WIDTH_PX });
  }

  onLangChange(() => {
    legend.refresh();
    plan.refresh();
    list.refresh();
    details.refresh();
  });

  return {
    async setResult(next, layers, extras = {}, options = {}) {
      result = next;
      closing = extras.closing ?? null;
      contextOf = extras.context;
      villages = layers.villages;
      bts = layers.bts ? btsRecordsOf(layers.bts as { features: GeoFeature[] }) : [];
      footprints = null;
      const rows = next?.gapList.rows ?? [];
      legend.setCounts(next ? countGaps(rows) : null, { ftthKnown: next?.gapList.kpis.ftthKnown ?? true });
      legend.setSignalCounts(next ? countSignals(extras.boardRows ?? rows) : null);
      plan.setData(
        next
          ? {
              kpis: next.gapList.kpis,
              units: unitsOf(next, { rows: extras.boardRows, sites: extras.sites }),
              layers: next.gapList.layers,
              personsPerHousehold: next.params.personsPerHousehold,
              before: extras.before,
            }
          : null,
      );
      if (options.pause) {
        await options.pause();
        // A newer result came meanwhile: it fills the list.
        if (result !== next) return;
      }
      list.setData(next ? { rows, measure: next.params.coverageMeasure, closed: extras.closed } : null);
      selectVillage(next && selected !== null && selected < rows.length ? selected : null);
    },
    selectVillage,
    choosePlan: (id) => plan.choosePlan(id),
  };
}
