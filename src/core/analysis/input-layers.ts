import type { AnalysisInput } from './prepare-analysis.ts';

/**
 * Which input layers an analysis ran on. Only what the user gave is used (the sample never fills
 * a missing layer), and what depends on a missing layer is unknown: without fibre every FTTH
 * measure is null and the gap class is mobile's alone; without settlements each village's
 * population is taken as spread over its area (reason `population-assumed`). The app's notice and
 * plan board, the CLI's summary and the export's metadata all say it from here.
 */

export const INPUT_LAYERS = ['villages', 'bts', 'fibre', 'settlements'] as const;
export type InputLayer = (typeof INPUT_LAYERS)[number];

/** For each layer, whether the analysis had it. */
export type LayerPresence = Record<InputLayer, boolean>;

/**
 * The layers present in `input`. Fibre counts as given when it holds at least one route or access
 * point (a fibre file from which nothing could be read is refused by the readers, never empty).
 */
export function layerPresence(input: AnalysisInput): LayerPresence {
  return {
    villages: input.villages.length > 0,
    bts: input.bts.length > 0,
    fibre: input.fibreRoutes.length + input.fibrePoints.length > 0,
    settlements: input.settlements !== null,
  };
}

/** The layers an analysis ran without, in the contract's order. */
export function absentLayers(presence: LayerPresence): InputLayer[] {
  return INPUT_LAYERS.filter((layer) => !presence[layer]);
}
