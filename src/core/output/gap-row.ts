import type { Gap, ReasonCode } from '../classify.ts';
import type { Route } from '../report/route.ts';
import type { SignalClass } from '../report/signal-class.ts';

/** One village of the gap list: exactly the properties of the output contract (this type is its definition; the README describes them). */
export interface GapRow {
  id: string;
  name: string;
  commune: string | null;
  district: string | null;
  province: string | null;
  population: number | null;
  households: number | null;
  status: 'ok' | 'invalid';
  gap: Gap;
  mobile_covered: boolean;
  /**
   * Fractions are null for an invalid village, where nothing could be measured;
   * `mobile_pop_fraction` also for a village with nobody to count (reason `population-zero`).
   */
  mobile_area_fraction: number | null;
  mobile_pop_fraction: number | null;
  mobile_centre_covered: boolean;
  mobile_operators: string[];
  mobile_by_operator: Record<string, number>;
  nearest_bts_m: number | null;
  /** FTTH measures are null when no fibre layer was given (unknown, not zero) and for an invalid village. */
  ftth_covered: boolean | null;
  ftth_fraction: number | null;
  nearest_fibre_m: number | null;
  reasons: ReasonCode[];
  /**
   * Ids of existing physical sites of other operators that would close this village's gap for one
   * operator if shared (planning's operator view fills it; empty in a plain analysis, where sharing
   * cannot add to the union of all operators).
   */
  sharing_sites: string[];
  /** "trang-song" | "lom-song" | "phu-song" (see signal-class.ts); null when invalid or unknown. */
  signal_class: SignalClass | null;
  /** Who closes a mobile gap (see route.ts); null for a village with mobile broadband, or when it cannot be told. */
  route: Route | null;
  /** The operators concerned by the route: hosts of the closing site(s) (share), operators present nearby (build), none (vtf). */
  route_operators: string[];
  /** Existing site ids that close the gap once shared (route share), best first; empty otherwise. */
  route_sites: string[];
  /**
   * Where the mobile measures come from: "predicted: disk" (radius and sector model), or, with an
   * elevation model, "predicted: terrain (<DEM>, <resolution>)" — and "…; disk outside the DEM" when
   * some footprint near the village fell back to its disk because the DEM does not cover it.
   */
  mobile_source: string;
  /**
   * With an elevation model: the share of the village's area inside some footprint's radius but
   * hidden by terrain (plain-disk area fraction minus terrain area fraction); null without one.
   */
  mobile_shadow_fraction: number | null;
}

/** Column order of the CSV and of the GeoJSON properties. */
export const GAP_COLUMNS: readonly (keyof GapRow)[] = [
  'id',
  'name',
  'commune',
  'district',
  'province',
  'population',
  'households',
  'status',
  'gap',
  'mobile_covered',
  'mobile_area_fraction',
  'mobile_pop_fraction',
  'mobile_centre_covered',
  'mobile_operators',
  'mobile_by_operator',
  'nearest_bts_m',
  'ftth_covered',
  'ftth_fraction',
  'nearest_fibre_m',
  'reasons',
  'sharing_sites',
  'signal_class',
  'route',
  'route_operators',
  'route_sites',
  'mobile_source',
  'mobile_shadow_fraction',
];

/** Fractions keep 6 decimals (the contract asks for at least 4), distances whole decimetres. */
export function roundFraction(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : null;
}

export function roundMetres(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10;
}
