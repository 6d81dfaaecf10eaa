import type { FeatureCollection } from 'geojson';
import type { LayerSlot, OpenedSummary } from '../../../workers/protocol.ts';
import type { MapView } from '../../map/map-view.ts';
import { boardKpis } from '../planner/before-after.ts';
import { setKpis } from '../planner/plan-board.ts';
import type { PlannerViews } from '../planner/planner-views.ts';
import { formatNumber, onLangChange, t } from '../shell/i18n.ts';
import { showNotice } from '../shell/notices.ts';
import { byId } from '../ui/dom.ts';
import type { LayerOrigin } from './analysis-inputs.ts';
import { coverageHolder } from './coverage-client.ts';
import { fetchGapRows, mountCountryMap, type DetailUrls } from './country-set.ts';
import type { ExportableResult } from './export-gaps.ts';
import type { SetView } from './set-view.ts';
import { nextTask } from '../ui/tasks.ts';

/**
 * A country-sized set (see country-set.ts): the page holds no layer; the board comes at once, the
 * rows page by page, the map and the district table from the coverage worker, and the gap list
 * file is written there. The operator tools say they work one province at a time.
 */

/** What a country's view draws on, and what it tells the page. */
export interface CountryViewParts {
  view: MapView;
  origins: Record<LayerSlot, LayerOrigin | null>;
  /** What the coverage worker read of the villages. */
  villages: OpenedSummary;
  planner: PlannerViews;
  /** A layer of the viewport could not be drawn (sites, fibre, settlements from their files; villages from the worker). */
  onDetailError(layer: keyof DetailUrls | 'villages', err: unknown): void;
}

const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Sets the page up for a country-sized set and returns its view. */
export function createCountryView(parts: CountryViewParts): SetView {
  const { view, origins, villages, planner } = parts;
  const countryMap = mountCountryMap(
    view,
    { bts: origins.bts?.url ?? null, fibreRoutes: origins.fibreRoutes?.url ?? null, fibrePoints: origins.fibrePoints?.url ?? null, settlements: origins.settlements?.url ?? null },
    (layer, err) => parts.onDetailError(layer, err),
  );
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

  let last: ExportableResult | null = null;
  const holder = coverageHolder();
  return {
    lean: true,
    // The page read nothing itself: every layer the worker could not read is said here.
    reportsOpenError: () => true,
    async showResult(result, isCurrent) {
      setKpis(boardKpis(result.gapList.kpis));
      let start = performance.now();
      // Asked for now: the worker places the sites while this thread takes the rows in.
      const placing = holder.sitePlacement();
      const rows = await fetchGapRows(result.gapList.kpis.villages, isCurrent);
      if (!rows) {
        // A newer run replaced this one: its placement is let through unread.
        await Promise.allSettled([placing]);
        return false;
      }
      performance.measure('vunglom:lean-rows', { start });
      const shown: ExportableResult = { ...result, gapList: { ...result.gapList, rows } };
      last = shown;
      await view.setFootprintParams(result.params, nextTask);
      if (!isCurrent()) {
        await Promise.allSettled([placing]);
        return false;
      }
      start = performance.now();
      await countryMap.showResult();
      performance.measure('vunglom:lean-map', { start });
      const sites = await placing;
      if (!isCurrent()) return false;
      start = performance.now();
      await planner.setResult(shown, { villages: EMPTY_COLLECTION, bts: null }, { sites, context: (index, reachM) => holder.villageContext(index, reachM) }, { pause: nextTask });
      performance.measure('vunglom:lean-views', { start });
      return true;
    },
    forgetResult() {
      last = null;
    },
    async gapFile(format, options) {
      if (!last) return null;
      return holder.gapFile(format, { gapsOnly: options.gapsOnly, sources: last.sources, region: last.region, crs: options.crs });
    },
    lastResult: () => last,
    // A country has no proposals (the operator tools work on one province).
    withProposals: async () => null,
  };
}
