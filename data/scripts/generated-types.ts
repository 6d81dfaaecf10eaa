import type { Tech } from '../../src/core/model.ts';
import type { MultiPoly, Pos } from './geom.ts';

/** What the sample generator makes (generate-region.ts), in one file its steps share. */

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
  /** What the generator's own calibration check found (not the engine's answer). */
  calibration: {
    /** Per village (same order): has 4G/5G by the defaults. */
    broadband: boolean[];
    /** Per village: within FTTH reach by the defaults. */
    ftth: boolean[];
    sites: number;
    sharedSites: number;
  };
}
