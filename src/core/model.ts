/**
 * The records every layer of Vùng Lõm agrees on. Readers produce them, the coverage engine packs
 * them into typed arrays for the workers, writers turn results back into the output contract.
 * Coordinates are WGS84 lon/lat in degrees.
 */

export type Tech = '2G' | '3G' | '4G' | '5G';
export const TECHS: readonly Tech[] = ['2G', '3G', '4G', '5G'];

/** Where a coverage claim comes from; never mixed silently. */
export type CoverageSource = 'predicted' | 'declared' | 'measured';

export type Position = [number, number];
/** Polygon rings: outer ring first, then holes; each ring closed (first == last). */
export type PolygonCoords = Position[][];
/** Every village geometry is held as a MultiPolygon. */
export type MultiPolygonCoords = PolygonCoords[];

export interface VillageRecord {
  id: string;
  name: string;
  commune: string | null;
  district: string | null;
  province: string | null;
  population: number | null;
  households: number | null;
  /** The cultural house or a declared centre; null means "use the polygon's interior point". */
  centre: Position | null;
  geometry: MultiPolygonCoords;
  /** Set when the polygon could not be repaired; such a village is kept with status "invalid". */
  invalidReason?: string;
  /** Repairs applied to the input geometry, as short codes (reported, never silent). */
  repairs?: string[];
  synthetic?: boolean;
}

export interface BtsRecord {
  id: string;
  /** Physical site (mast); several operators on one site make it shared. */
  siteId: string;
  operator: string;
  tech: Tech;
  lon: number;
  lat: number;
  /** Used exactly when given; otherwise the technology default applies. */
  radiusM: number | null;
  /** Sector centre bearing, clockwise from north. */
  azimuthDeg: number | null;
  /** Full opening angle of the sector (120 = ±60° around the azimuth). */
  beamwidthDeg: number | null;
  heightM: number | null;
  bandMhz: number | null;
  source: CoverageSource;
}

export interface FibreRoute {
  id: string;
  operator: string | null;
  kind: string | null;
  coordinates: Position[];
}

export interface FibrePoint {
  id: string;
  operator: string | null;
  kind: string | null;
  lon: number;
  lat: number;
}

export interface SettlementRecord {
  id: string;
  lon: number;
  lat: number;
  /** Population if known, else households, else 1. */
  weight: number;
}

/** What a reader could not take, with the row or feature it came from. Nothing is dropped silently. */
export interface InputIssue {
  /** 0-based feature index or 1-based CSV line number, as `where` says. */
  index: number;
  where: 'feature' | 'line';
  code: string;
  message: string;
}
