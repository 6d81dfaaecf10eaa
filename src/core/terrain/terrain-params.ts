import { TECHS, type Tech } from '../model.ts';

/**
 * What decides that a point within a site's radius is reached:
 * - `line-of-sight`: the straight line from the antenna to the receiver clears the terrain (and
 *   `fresnelClearance` of the first Fresnel zone, when above 0);
 * - `path-loss`: the predicted loss (free space or Hata/COST-231, plus knife-edge diffraction over
 *   the terrain, ITU-R P.526 Deygout) stays within `maxPathLossDb`.
 */
export type TerrainCriterion = 'line-of-sight' | 'path-loss';
/** Base loss of the path-loss criterion. `hata`: Okumura–Hata below 1,500 MHz, COST-231 Hata above. */
export type PathLossModel = 'free-space' | 'hata';
/** The Hata model's environment correction. */
export type HataEnvironment = 'rural' | 'suburban' | 'urban';

/** The assumptions of the terrain model (used only when an elevation model is loaded). */
export interface TerrainParams {
  /** Antenna height above ground per technology, for sites without `height_m` (m). */
  antennaHeightM: Record<Tech, number>;
  /** Receiver (phone) height above ground (m). */
  receiverHeightM: number;
  /** Effective Earth radius factor k (4/3: standard refraction). */
  kFactor: number;
  criterion: TerrainCriterion;
  /** Share of the first Fresnel zone that must be clear for line of sight (0: the ray alone). */
  fresnelClearance: number;
  pathLossModel: PathLossModel;
  environment: HataEnvironment;
  /** Largest path loss that still counts as reached (dB). */
  maxPathLossDb: number;
  /** Carrier frequency per technology, for sites without `band_mhz` (MHz). */
  bandMhz: Record<Tech, number>;
}

/** Rural macro masts in Vietnam's uplands are 30–45 m lattice towers; 5G small cells lower. */
export const DEFAULT_ANTENNA_HEIGHT_M: Readonly<Record<Tech, number>> = { '2G': 30, '3G': 30, '4G': 30, '5G': 25 };
/** Vietnam's main bands: GSM 900, UMTS 2100, LTE band 3 (1800), NR n78 (3500). */
export const DEFAULT_BAND_MHZ: Readonly<Record<Tech, number>> = { '2G': 900, '3G': 2100, '4G': 1800, '5G': 3500 };

export function defaultTerrainParams(): TerrainParams {
  return {
    antennaHeightM: { ...DEFAULT_ANTENNA_HEIGHT_M },
    receiverHeightM: 1.5,
    kFactor: 4 / 3,
    criterion: 'line-of-sight',
    fresnelClearance: 0,
    pathLossModel: 'hata',
    environment: 'rural',
    maxPathLossDb: 140,
    bandMhz: { ...DEFAULT_BAND_MHZ },
  };
}

/** Bounds of every terrain parameter: what a mast, a phone and the atmosphere can plausibly be. */
export const TERRAIN_BOUNDS = {
  antennaHeightM: [1, 300],
  receiverHeightM: [0, 30],
  kFactor: [0.5, 10],
  fresnelClearance: [0, 1],
  maxPathLossDb: [60, 200],
  bandMhz: [30, 6000],
} as const;

const CRITERIA: readonly TerrainCriterion[] = ['line-of-sight', 'path-loss'];
const MODELS: readonly PathLossModel[] = ['free-space', 'hata'];
const ENVIRONMENTS: readonly HataEnvironment[] = ['rural', 'suburban', 'urban'];

/**
 * The `terrain` member of a configuration merged over the defaults; throws an Error naming the bad
 * key, the value and the accepted range.
 */
export function resolveTerrainParams(input: unknown): TerrainParams {
  const p = defaultTerrainParams();
  if (input === undefined || input === null) return p;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('"terrain" must be an object, for example {"receiverHeightM": 1.5, "kFactor": 1.333}.');
  }
  const o = input as Record<string, unknown>;
  const known = new Set(Object.keys(p));
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw new Error(`Unknown terrain key "terrain.${key}"; known keys: ${[...known].join(', ')}.`);
  }
  if (o.antennaHeightM !== undefined) p.antennaHeightM = perTech('antennaHeightM', o.antennaHeightM, p.antennaHeightM, 'm');
  if (o.bandMhz !== undefined) p.bandMhz = perTech('bandMhz', o.bandMhz, p.bandMhz, 'MHz');
  if (o.receiverHeightM !== undefined) p.receiverHeightM = bounded('receiverHeightM', o.receiverHeightM, 'm');
  if (o.kFactor !== undefined) p.kFactor = bounded('kFactor', o.kFactor, '');
  if (o.fresnelClearance !== undefined) p.fresnelClearance = bounded('fresnelClearance', o.fresnelClearance, '');
  if (o.maxPathLossDb !== undefined) p.maxPathLossDb = bounded('maxPathLossDb', o.maxPathLossDb, 'dB');
  if (o.criterion !== undefined) p.criterion = oneOf('criterion', o.criterion, CRITERIA);
  if (o.pathLossModel !== undefined) p.pathLossModel = oneOf('pathLossModel', o.pathLossModel, MODELS);
  if (o.environment !== undefined) p.environment = oneOf('environment', o.environment, ENVIRONMENTS);
  return p;
}

function bounded(key: keyof typeof TERRAIN_BOUNDS, v: unknown, unit: string): number {
  const [lo, hi] = TERRAIN_BOUNDS[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new Error(`"terrain.${key}" must be a number from ${lo} to ${hi}${unit ? ` ${unit}` : ''}, got ${JSON.stringify(v)}.`);
  }
  return v;
}

function perTech(key: 'antennaHeightM' | 'bandMhz', v: unknown, base: Record<Tech, number>, unit: string): Record<Tech, number> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new Error(`"terrain.${key}" must map technologies to ${unit}, e.g. {"4G": ${base['4G']}}.`);
  }
  const out = { ...base };
  for (const [tech, value] of Object.entries(v)) {
    if (!TECHS.includes(tech as Tech)) throw new Error(`"terrain.${key}" has unknown technology "${tech}"; use ${TECHS.join(', ')}.`);
    out[tech as Tech] = bounded(key, value, unit);
  }
  return out;
}

function oneOf<T extends string>(key: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) throw new Error(`"terrain.${key}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}.`);
  return v as T;
}

/**
 * The parameters that shape a site's profiles (everything but the per-technology tables, which
 * enter through each site's own height and band), as a cache key.
 */
export function profileParamsKey(p: TerrainParams): string {
  const loss = p.criterion === 'path-loss' ? `|${p.pathLossModel}|${p.environment}|${p.maxPathLossDb}` : `|${p.fresnelClearance}`;
  return `${p.criterion}|${p.receiverHeightM}|${p.kFactor}${loss}`;
}
