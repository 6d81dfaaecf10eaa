/**
 * The synthetic sample generator: villages, settlements, BTS, fibre for a set of real communes and
 * roads. Pure and seeded: the same inputs and seed give the same output.
 */
import type { MultiPoly, Pos } from './geom.ts';
import type { SourceCommune, SourceRoad } from './sample-sources.ts';
import type { Tech } from '../../src/core/model.ts';

export interface GeneratedVillage {
  id: string;
  name: string;
  communeId: string;
  commune: string;
  district: string;
  province: string;
  population: number;
  households: number;
  centre: Pos;
  geometry: MultiPoly;
}

export interface GeneratedSettlement {
  id: string;
  villageId: string;
  lon: number;
  lat: number;
  population: number;
  households: number;
}

export interface GeneratedBts {
  id: string;
  siteId: string;
  operator: string;
  tech: Tech;
  lon: number;
  lat: number;
  radiusM: number | null;
  azimuthDeg: number | null;
  beamwidthDeg: number | null;
  heightM: number;
  bandMhz: number;
}

export interface GeneratedFibreRoute {
  id: string;
  operator: string;
  kind: 'trunk' | 'feeder' | 'distribution';
  roadRef: string | null;
  coordinates: Pos[];
}

export interface GeneratedFibrePoint {
  id: string;
  operator: string;
  kind: 'odf' | 'cabinet' | 'splitter';
  villageId: string | null;
  lon: number;
  lat: number;
}

export interface GeneratedRegion {
  villages: GeneratedVillage[];
  settlements: GeneratedSettlement[];
  bts: GeneratedBts[];
  fibreRoutes: GeneratedFibreRoute[];
  fibrePoints: GeneratedFibrePoint[];
}

export interface GenerateOptions {
  seed: number;
}

/** Generates every synthetic layer for the communes. */
export function generateRegion(communes: SourceCommune[], roads: SourceRoad[], opts: GenerateOptions): GeneratedRegion {
  void communes;
  void roads;
  void opts;
  throw new Error('generateRegion: not written yet');
}
