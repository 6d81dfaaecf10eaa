import type { Gap } from '../../core/classify.ts';
import type { MapFigure } from '../../core/report/report-model.ts';
import { captureMap } from '../../map/capture-map.ts';
import type { Bbox, MapView } from '../../map/map-view.ts';
import { gapSwatch } from '../../map/palette.ts';
import type { SetView } from '../analysis/set-view.ts';
import { SAMPLE_BASE, type Manifest } from '../shell/manifest.ts';
import { getLang, t } from '../shell/i18n.ts';
import { localStore } from '../ui/storage.ts';
import { chosenPlan, planChoice, proposedSiteCount, snapshotOfCsv, snapshotOfResult } from './report-inputs.ts';
import type { ReportContext } from './report-view.ts';

/** What the page holds that the report is made from (main.ts hands these over). */
export interface AppReportState {
  /** How the set is shown, which holds its last result (null until the villages are counted). */
  set(): SetView | null;
  view(): MapView | null;
  /** The extent the map figure shows (the villages'). */
  bbox(): Bbox | null;
  /** Attribution lines of the data shown (the manifest's). */
  attribution(): string[];
  manifest(): Manifest | null;
  region(): string | null;
  /** Chooses the plan on the board (the report's targets are the board's). */
  choosePlan(id: string): void;
}

const GAPS: readonly Gap[] = ['none', 'mobile', 'ftth', 'both'];
/** Ground length of the scale bar handed to the report, in picture pixels (the report picks a round length). */
const SCALE_PX = 100;

/** The report's view of the app. */
export function appReportContext(state: AppReportState): ReportContext {
  return {
    async current() {
      const set = state.set();
      const result = set?.lastResult() ?? null;
      if (!set || !result) return null;
      if (!set.lean) return snapshotOfResult(result);
      // A country's GeoJSON would be too large to read back on the page: its CSV, from the worker.
      const file = await set.gapFile('csv', { gapsOnly: false, crs: 'wgs84' });
      return file ? snapshotOfCsv(file.data, file.name, result) : null;
    },
    async withProposals() {
      const after = (await state.set()?.withProposals()) ?? null;
      return after ? { sites: proposedSiteCount(after.sources), after: await snapshotOfResult(after) } : null;
    },
    async captureMap(): Promise<MapFigure | null> {
      const view = state.view();
      if (!view) return null;
      const shot = await captureMap(view.map, { bbox: state.bbox(), attribution: state.attribution() });
      return {
        image: shot.image,
        width: shot.width,
        height: shot.height,
        legend: GAPS.map((gap) => ({ gap, colour: gapSwatch(gap) })),
        scale: { metres: shot.metresPerPixel * SCALE_PX, px: SCALE_PX },
        attribution: shot.attribution,
      };
    },
    plan: () => chosenPlan(localStore(), getLang(), t('plan.custom')),
    planChoice: () => planChoice(localStore(), getLang(), t('plan.custom')),
    choosePlan: (id) => state.choosePlan(id),
    region: () => state.region(),
    sampleUrls() {
      const manifest = state.manifest();
      if (!manifest) return [];
      return Object.values(manifest.layers)
        .filter((layer) => layer && !layer.real)
        .map((layer) => new URL(`${SAMPLE_BASE}${layer?.file}`, document.baseURI).href);
    },
  };
}
