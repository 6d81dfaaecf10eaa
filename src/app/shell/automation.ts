import type { VunglomMap } from '../../map/map-view.ts';

/** What end-to-end tests, the benchmark and scripts can reach on `window.vunglom` (the automation contract). */
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
