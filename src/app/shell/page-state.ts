import type { FeatureCollection } from 'geojson';
import { defaultParams, type AnalysisParams } from '../../core/params.ts';
import type { LayerKind } from '../../core/io/read-layer.ts';
import type { InputSource } from '../analysis/export-gaps.ts';
import type { SetView } from '../analysis/set-view.ts';
import type { MessageKey } from './i18n.ts';
import type { Manifest } from './manifest.ts';

/**
 * The page's state, in one typed object created at start and handed to the parts that read or
 * change it (main.ts wires them): what was loaded, the assumptions, the inputs and how the set is
 * shown. Nothing else in the shell keeps state of its own.
 */

/** The page's own copies of the input layers (drawn whole for a province; all null for a country). */
export interface PageLayers {
  villages: FeatureCollection | null;
  bts: FeatureCollection | null;
  fibreRoutes: FeatureCollection | null;
  fibrePoints: FeatureCollection | null;
  settlements: FeatureCollection | null;
}

/** The name shown for the set: a place name, or a message (translated when the language changes). */
export type ProvinceName = { text: string } | { key: MessageKey; params?: Record<string, number> };

export interface PageState {
  /** The sample's manifest (null when it could not be read). */
  manifest: Manifest | null;
  layers: PageLayers;
  /** The JSON of the `?config=` file (null when none was given or it could not be read). */
  config: unknown;
  province: ProvinceName;
  /** The assumptions of the next analysis. */
  params: AnalysisParams;
  /** The inputs named at start (URLs or the sample), for the export's fingerprints. */
  baseSources: InputSource[];
  /** The user's own files, each replacing the input of its kind. */
  ownSources: Partial<Record<LayerKind, InputSource>>;
  /** The elevation files in use (picked, dropped or `?dem=`); empty without an elevation model. */
  demSources: InputSource[];
  /** Whether the villages layer could be read (the analysis needs it). */
  villagesReady: boolean;
  /** Counts analysis runs: a run whose number is no longer the latest was superseded. */
  analysisRun: number;
  /** How the set is shown (a province whole, a country through the worker); null until the villages are counted. */
  set: SetView | null;
  /** The sample is on screen (the user gave no layer yet); the user's first own file replaces all of it. */
  onSample: boolean;
}

/** The state before anything is loaded: the sample's name, default assumptions, no layers. */
export function createPageState(): PageState {
  return {
    manifest: null,
    layers: { villages: null, bts: null, fibreRoutes: null, fibrePoints: null, settlements: null },
    config: null,
    province: { text: 'Kon Tum' },
    params: defaultParams(),
    baseSources: [],
    ownSources: {},
    demSources: [],
    villagesReady: false,
    analysisRun: 0,
    set: null,
    onSample: false,
  };
}

/** The inputs of the analysis now: those named at start, with the user's own files in place of their kind, and the elevation files. */
export function currentSources(state: PageState): InputSource[] {
  const own = Object.values(state.ownSources);
  const replaced = new Set(own.map((s) => s.role));
  return [...state.baseSources.filter((s) => !replaced.has(s.role)), ...own, ...state.demSources];
}
