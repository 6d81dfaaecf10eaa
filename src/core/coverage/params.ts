import { DEFAULT_BROADBAND_TECHS, DEFAULT_RADIUS_M } from '../defaults.ts';
import type { Tech } from '../model.ts';

/** The assumptions that turn BTS records into coverage footprints. */
export interface MobileCoverageParams {
  /** Technologies that count as mobile broadband; other records are not packed. */
  broadbandTechs: readonly Tech[];
  /** Radius per technology when a record gives no `radiusM` (metres). */
  radiusByTech: Readonly<Record<Tech, number>>;
  /** Use azimuth and beamwidth when a record has both (sectors); false makes every footprint a disk. */
  useSectors: boolean;
}

/** The documented defaults of `src/core/defaults.ts`, as a fresh object. */
export function defaultMobileCoverageParams(): MobileCoverageParams {
  return {
    broadbandTechs: [...DEFAULT_BROADBAND_TECHS],
    radiusByTech: { ...DEFAULT_RADIUS_M },
    useSectors: true,
  };
}
