import { defaultParams, resolveParams, type AnalysisParams } from '../../core/params.ts';
import { TECHS } from '../../core/model.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * Assumptions as a short, shareable text: only what differs from the documented defaults, as
 * compact JSON (`{"ftthReachM":3000}`), so a link stays readable and a later change of a default
 * still applies to every key the user did not touch. Decoding validates through `resolveParams`.
 */

/** The keys of `params` that differ from the defaults, in the shape `resolveParams` accepts. */
export function paramsDiff(params: AnalysisParams): Record<string, unknown> {
  const d = defaultParams();
  const out: Record<string, unknown> = {};
  const radius: Record<string, number> = {};
  for (const tech of TECHS) if (params.radiusM[tech] !== d.radiusM[tech]) radius[tech] = params.radiusM[tech];
  if (Object.keys(radius).length > 0) out.radiusM = radius;
  const techs = TECHS.filter((t) => params.broadbandTechs.includes(t));
  if (techs.join() !== d.broadbandTechs.join()) out.broadbandTechs = techs;
  for (const key of ['sectors', 'ftthReachM', 'ftthThreshold', 'coverageMeasure', 'coverageThreshold', 'siteMergeM', 'personsPerHousehold'] as const) {
    if (params[key] !== d[key]) out[key] = params[key];
  }
  const terrain = terrainDiff(params.terrain, d.terrain);
  if (Object.keys(terrain).length > 0) out.terrain = terrain;
  return out;
}

/** The terrain keys that differ from the defaults (per-technology tables by technology). */
function terrainDiff(t: AnalysisParams['terrain'], d: AnalysisParams['terrain']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['antennaHeightM', 'bandMhz'] as const) {
    const table: Record<string, number> = {};
    for (const tech of TECHS) if (t[key][tech] !== d[key][tech]) table[tech] = t[key][tech];
    if (Object.keys(table).length > 0) out[key] = table;
  }
  for (const key of ['receiverHeightM', 'kFactor', 'criterion', 'fresnelClearance', 'pathLossModel', 'environment', 'maxPathLossDb'] as const) {
    if (t[key] !== d[key]) out[key] = t[key];
  }
  return out;
}

/** Compact JSON of the changed keys; the empty string when everything is the default. */
export function encodeParams(params: AnalysisParams): string {
  const diff = paramsDiff(params);
  return Object.keys(diff).length === 0 ? '' : JSON.stringify(diff);
}

/**
 * Parameters from the text `encodeParams` writes (or any partial JSON object of
 * `AnalysisParams`), over `base` (the defaults unless given). Throws a sentence naming the bad
 * key or the JSON error.
 */
export function decodeParams(text: string, base?: AnalysisParams): AnalysisParams {
  if (text.trim() === '') return base ? structuredClone(base) : defaultParams();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`The assumptions in the link are not valid JSON (${errorMessage(err)}), e.g. {"ftthReachM":3000}.`);
  }
  return mergeParams(raw, base);
}

/** `raw` (untrusted, partial) over `base`, validated by `resolveParams`; throws its sentence. */
export function mergeParams(raw: unknown, base?: AnalysisParams): AnalysisParams {
  if (!base) return resolveParams(raw);
  if (raw === undefined || raw === null) return structuredClone(base);
  if (typeof raw !== 'object' || Array.isArray(raw)) return resolveParams(raw);
  const baseDiff = paramsDiff(base);
  const over = raw as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...baseDiff, ...over };
  if (isRecord(baseDiff.radiusM) && isRecord(over.radiusM)) merged.radiusM = { ...baseDiff.radiusM, ...over.radiusM };
  if (isRecord(baseDiff.terrain) && isRecord(over.terrain)) {
    const terrain: Record<string, unknown> = { ...baseDiff.terrain, ...over.terrain };
    for (const key of ['antennaHeightM', 'bandMhz']) {
      if (isRecord(baseDiff.terrain[key]) && isRecord(over.terrain[key])) terrain[key] = { ...baseDiff.terrain[key], ...over.terrain[key] };
    }
    merged.terrain = terrain;
  }
  return resolveParams(merged);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when both describe the same analysis. */
export function sameParams(a: AnalysisParams, b: AnalysisParams): boolean {
  return encodeParams(a) === encodeParams(b);
}
