import {
  DEFAULT_BROADBAND_TECHS,
  DEFAULT_COVERAGE_MEASURE,
  DEFAULT_COVERAGE_THRESHOLD,
  DEFAULT_FTTH_REACH_M,
  DEFAULT_FTTH_THRESHOLD,
  DEFAULT_RADIUS_M,
  DEFAULT_SITE_MERGE_M,
  type CoverageMeasure,
} from './defaults.ts';
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
  /** The terrain model (antenna and receiver heights, Earth curvature, criterion); used only with an elevation model. */
  terrain: TerrainParams;
}

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
    terrain: defaultTerrainParams(),
  };
}

const MEASURES: readonly CoverageMeasure[] = ['area', 'population', 'centre'];

/**
 * Merge a partial, untrusted parameter object (a `--config` file, the URL, local storage) over the
 * defaults. Throws an Error naming the bad key and what it accepts.
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
      p.radiusM[tech as Tech] = positive(`radiusM.${tech}`, r);
    }
  }
  if (o.broadbandTechs !== undefined) {
    if (!Array.isArray(o.broadbandTechs) || o.broadbandTechs.some((t) => !TECHS.includes(t as Tech))) {
      throw new Error(`"broadbandTechs" must be a list drawn from ${TECHS.join(', ')}.`);
    }
    p.broadbandTechs = TECHS.filter((t) => (o.broadbandTechs as string[]).includes(t));
  }
  if (o.sectors !== undefined) {
    if (typeof o.sectors !== 'boolean') throw new Error('"sectors" must be true or false.');
    p.sectors = o.sectors;
  }
  if (o.ftthReachM !== undefined) p.ftthReachM = positive('ftthReachM', o.ftthReachM);
  if (o.ftthThreshold !== undefined) p.ftthThreshold = fraction('ftthThreshold', o.ftthThreshold);
  if (o.coverageMeasure !== undefined) {
    if (!MEASURES.includes(o.coverageMeasure as CoverageMeasure)) {
      throw new Error(`"coverageMeasure" must be one of ${MEASURES.join(', ')}.`);
    }
    p.coverageMeasure = o.coverageMeasure as CoverageMeasure;
  }
  if (o.coverageThreshold !== undefined) p.coverageThreshold = fraction('coverageThreshold', o.coverageThreshold);
  if (o.siteMergeM !== undefined) p.siteMergeM = nonNegative('siteMergeM', o.siteMergeM);
  if (o.terrain !== undefined) p.terrain = resolveTerrainParams(o.terrain);
  return p;
}

function positive(key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`"${key}" must be a positive number of metres, got ${JSON.stringify(v)}.`);
  return v;
}

function nonNegative(key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`"${key}" must be a number ≥ 0, got ${JSON.stringify(v)}.`);
  return v;
}

function fraction(key: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`"${key}" must be a fraction between 0 and 1, got ${JSON.stringify(v)}.`);
  return v;
}
