import type { BtsRecord } from '../model.ts';

/**
 * A BTS record's properties under the data contract's names, as `readBts` reads them back: one
 * writer for the user's layers redrawn on the map and for the proposals file. Unknown values are
 * null (a caller that wants them absent drops them).
 */
export function btsProperties(r: BtsRecord): Record<string, unknown> {
  return {
    id: r.id,
    site_id: r.siteId,
    operator: r.operator,
    tech: r.tech,
    radius_m: r.radiusM,
    azimuth_deg: r.azimuthDeg,
    beamwidth_deg: r.beamwidthDeg,
    height_m: r.heightM,
    band_mhz: r.bandMhz,
  };
}
