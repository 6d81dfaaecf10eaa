/**
 * The committed real inputs of the sample (data/sources/*.geojson, written by extract-sources.ts),
 * read into plain records for the generator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPoly, Pos } from './geom.ts';

/** A real commune (2009 census), as the generator needs it. */
export interface SourceCommune {
  communeId: string;
  districtId: string;
  provinceId: string;
  name: string;
  district: string;
  province: string;
  population: number;
  geometry: MultiPoly;
}

/** A real road, clipped to the region. */
export interface SourceRoad {
  ref: string | null;
  name: string;
  kind: string;
  lines: Pos[][];
}

export interface SourceDistrict {
  districtId: string;
  name: string;
  province: string;
  population: number;
  geometry: MultiPoly;
}

export interface SourceProvince {
  provinceId: string;
  name: string;
  population: number;
  geometry: MultiPoly;
}

export interface SampleSources {
  communes: SourceCommune[];
  districts: SourceDistrict[];
  province: SourceProvince;
  roads: SourceRoad[];
  roadsAttribution: string;
}

/** The shape extract-sources.ts writes. */
interface SourceFile {
  attribution?: string;
  features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } }[];
}

function read(dir: string, file: string): SourceFile {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/** Reads data/sources (or another folder with the same four files). */
export function loadSampleSources(dir: string): SampleSources {
  const communes = read(dir, 'kon-tum-communes.geojson').features.map((f): SourceCommune => {
    const p = f.properties as Record<string, string & number>;
    return {
      communeId: p.commune_id,
      districtId: p.district_id,
      provinceId: p.province_id,
      name: p.commune_vn,
      district: p.district_vn,
      province: p.province_vn,
      population: p.population,
      geometry: f.geometry.coordinates as MultiPoly,
    };
  });
  const districts = read(dir, 'kon-tum-districts.geojson').features.map((f): SourceDistrict => {
    const p = f.properties as Record<string, string & number>;
    return {
      districtId: p.district_id,
      name: p.district_vn,
      province: p.province_vn,
      population: p.population,
      geometry: f.geometry.coordinates as MultiPoly,
    };
  });
  const pf = read(dir, 'kon-tum-province.geojson').features[0];
  const pp = pf.properties as Record<string, string & number>;
  const roadsFc = read(dir, 'kon-tum-roads.geojson');
  const roads = roadsFc.features.map((f): SourceRoad => {
    const p = f.properties as Record<string, string>;
    return { ref: p.ref, name: p.name, kind: p.kind, lines: f.geometry.coordinates as Pos[][] };
  });
  return {
    communes,
    districts,
    province: {
      provinceId: pp.province_id,
      name: pp.province_vn,
      population: pp.population,
      geometry: pf.geometry.coordinates as MultiPoly,
    },
    roads,
    roadsAttribution: String(roadsFc.attribution),
  };
}
