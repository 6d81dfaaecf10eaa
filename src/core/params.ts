import {
  DEFAULT_BROADBAND_TECHS,
  DEFAULT_COVERAGE_MEASURE,
  DEFAULT_COVERAGE_THRESHOLD,
  DEFAULT_FTTH_REACH_M,
  DEFAULT_FTTH_THRESHOLD,
  DEFAULT_PERSONS_PER_HOUSEHOLD,
  DEFAULT_RADIUS_M,
  DEFAULT_SITE_MERGE_M,
  type CoverageMeasure,
} from './defaults.ts';
import { BOUNDS, describeBound, withinBound, type Bound } from './bounds.ts';
import { TECHS, type Tech } from './model.ts';
import { defaultTerrainParams, resolveTerrainParams, type TerrainParams } from './terrain/terrain-params.ts';

/** Every assumption behind an analysis; exported with its results so anyone can reproduce them. */
export interface AnalysisParams {
  /** Radius per technology for sites without `radius_m` (metres). */
  radiusM: Record<Tech, number>;
  /** Technologies that count as mobile broadband. */
  broadbandTechs: Tech[];
  /** Draw sectors from azimuth and beamwidth; when off every site is a disk. */
  sectors: boolean;
  /** FTTH drop-cable reach (metres). */
  ftthReachM: number;
  /** Share of populated weight within reach for a village to count as having FTTH. */
  ftthThreshold: number;
  /** Which measure decides "covered by mobile broadband", and from what value. */
  coverageMeasure: CoverageMeasure;
  coverageThreshold: number;
  /** Records of different operators closer than this are one physical site (metres). */
  siteMergeM: number;
  /** Persons per household, to estimate households where a village gives only its population. */
  personsPerHousehold: number;
  /** The terrain model (antenna and receiver heights, Earth curvature, criterion); used only with an elevation model. */
  terrain: TerrainParams;
}

/** The part of the assumptions that turns BTS records into broadband footprints: the engine's, the village details' and the map's. */
export interface FootprintParams {
  readonly radiusM: Readonly<Record<Tech, number>>;
  readonly broadbandTechs: readonly Tech[];
  readonly sectors: boolean;
}

/** Only the footprint assumptions of `p` (a cache key: the footprints change when these do). */
export function pickFootprintParams(p: FootprintParams): FootprintParams {
  return { broadbandTechs: p.broadbandTechs, radiusM: p.radiusM, sectors: p.sectors };
}

/** The documented defaults (`defaults.ts`), as a fresh object. */
export function defaultParams(): AnalysisParams {
  return {
    radiusM: { ...DEFAULT_RADIUS_M },
    broadbandTechs: [...DEFAULT_BROADBAND_TECHS],
    sectors: true,
    ftthReachM: DEFAULT_FTTH_REACH_M,
    ftthThreshold: DEFAULT_FTTH_THRESHOLD,
    coverageMeasure: DEFAULT_COVERAGE_MEASURE,
    coverageThreshold: DEFAULT_COVERAGE_THRESHOLD,
    siteMergeM: DEFAULT_SITE_MERGE_M,
    personsPerHousehold: DEFAULT_PERSONS_PER_HOUSEHOLD,
    terrain: defaultTerrainParams(),
  };
}

const MEASURES: readonly CoverageMeasure[] = ['area', 'population', 'centre'];

/**
 * Merge a partial, untrusted parameter object (a `--config` file, the URL, local storage) over the
 * defaults. Throws an Error naming the bad key and what it accepts: every number must lie within
 * its documented bounds (bounds.ts), and at least one technology must count as broadband.
 */
export function resolveParams(input: unknown): AnalysisParams {
  const p = defaultParams();
  if (input === undefined || input === null) return p;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('The configuration must be a JSON object, for example {"ftthReachM": 800}.');
  }
  const o = input as Record<string, unknown>;
  const known = new Set(Object.keys(p));
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw new Error(`Unknown configuration key "${key}"; known keys: ${[...known].join(', ')}.`);
  }
  if (o.radiusM !== undefined) {
    if (typeof o.radiusM !== 'object' || o.radiusM === null) throw new Error('"radiusM" must map technologies to metres, e.g. {"4G": 3000}.');
    for (const [tech, r] of Object.entries(o.radiusM)) {
      if (!TECHS.includes(tech as Tech)) throw new Error(`"radiusM" has unknown technology "${tech}"; use ${TECHS.join(', ')}.`);
      p.radiusM[tech as Tech] = bounded(`radiusM.${tech}`, r, BOUNDS.radiusM);
    }
  }
  if (o.broadbandTechs !== undefined) {
    if (!Array.isArray(o.broadbandTechs) || o.broadbandTechs.some((t) => !TECHS.includes(t as Tech))) {
      throw new Error(`"broadbandTechs" must be a list drawn from ${TECHS.join(', ')}.`);
    }
    p.broadbandTechs = TECHS.filter((t) => (o.broadbandTechs as string[]).includes(t));
    if (p.broadbandTechs.length === 0) {
      throw new Error('"broadbandTechs" is empty: name at least one technology that counts as broadband, e.g. ["4G", "5G"].');
    }
  }
  if (o.sectors !== undefined) {
    if (typeof o.sectors !== 'boolean') throw new Error('"sectors" must be true or false.');
    p.sectors = o.sectors;
  }
  if (o.ftthReachM !== undefined) p.ftthReachM = bounded('ftthReachM', o.ftthReachM, BOUNDS.ftthReachM);
  if (o.ftthThreshold !== undefined) p.ftthThreshold = bounded('ftthThreshold', o.ftthThreshold, BOUNDS.threshold);
  if (o.coverageMeasure !== undefined) {
    if (!MEASURES.includes(o.coverageMeasure as CoverageMeasure)) {
      throw new Error(`"coverageMeasure" must be one of ${MEASURES.join(', ')}.`);
    }
    p.coverageMeasure = o.coverageMeasure as CoverageMeasure;
  }
  if (o.coverageThreshold !== undefined) p.coverageThreshold = bounded('coverageThreshold', o.coverageThreshold, BOUNDS.threshold);
  if (o.siteMergeM !== undefined) p.siteMergeM = bounded('siteMergeM', o.siteMergeM, BOUNDS.siteMergeM);
  if (o.personsPerHousehold !== undefined) {
    p.personsPerHousehold = bounded('personsPerHousehold', o.personsPerHousehold, BOUNDS.personsPerHousehold);
  }
  if (o.terrain !== undefined) p.terrain = resolveTerrainParams(o.terrain);
  return p;
}

function bounded(key: string, v: unknown, bound: Bound): number {
  if (typeof v !== 'number' || !withinBound(v, bound)) {
    throw new Error(`"${key}" must be a number ${describeBound(bound)}, got ${JSON.stringify(v)}.`);
  }
  return v;
}
