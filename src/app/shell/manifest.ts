import type { Rect } from '../own-data/load-layer.ts';

/**
 * The sample's manifest (`public/data/<sample>/manifest.json`): what each layer file holds, how many
 * features, whether it is real or synthetic, and the attribution it must carry.
 */

/** Layer names of the sample, fixed by the data contract. */
export const SAMPLE_LAYERS = [
  'province',
  'districts',
  'communes',
  'roads',
  'villages',
  'settlements',
  'bts',
  'fibre-routes',
  'fibre-points',
] as const;

export type SampleLayer = (typeof SAMPLE_LAYERS)[number];

/** The sample's backdrop (its province's outlines and roads): drawn under the sample only, never under a user's data. */
export const SAMPLE_OUTLINES = ['province', 'districts', 'communes', 'roads'] as const satisfies readonly SampleLayer[];

export interface ManifestLayer {
  file: string;
  count: number;
  geometry: string;
  real: boolean;
  description: { vi: string; en: string };
}

/** An attribution line; the generator may write plain strings or objects with named fields. */
export type AttributionEntry = string | Record<string, unknown>;

export interface Manifest {
  name: string;
  /** Short place name for the panel header ("Kon Tum"); `name` may be a longer title. */
  region: string;
  bbox: [number, number, number, number];
  seed: number | string;
  layers: Partial<Record<SampleLayer, ManifestLayer>>;
  attribution: AttributionEntry[];
}

/** Where the bundled sample lives, relative to the page. */
export const SAMPLE_BASE = 'data/kon-tum/';
/** National 2009 communes, read by viewport for context. */
export const CONTEXT_COMMUNES = 'data/vn/communes-2009.fgb';
/** Kon Tum's extent, used only when the manifest cannot be read. */
export const FALLBACK_BBOX: [number, number, number, number] = [107.33, 13.9, 108.56, 15.42];

/**
 * Fetches and checks the manifest.
 * @throws Error naming the bad field, e.g. "manifest.bbox must be [minX, minY, maxX, maxY]".
 */
export async function loadManifest(url: string): Promise<Manifest> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const value: unknown = await response.json();
  return checkManifest(value);
}

function checkManifest(value: unknown): Manifest {
  if (typeof value !== 'object' || value === null) throw new Error('manifest is not a JSON object');
  const m = value as Partial<Manifest>;
  if (typeof m.name !== 'string') throw new Error('manifest.name must be a string');
  if (!Array.isArray(m.bbox) || m.bbox.length !== 4 || !m.bbox.every(Number.isFinite)) {
    throw new Error('manifest.bbox must be [minX, minY, maxX, maxY]');
  }
  if (typeof m.layers !== 'object' || m.layers === null) throw new Error('manifest.layers must be an object');
  return {
    name: m.name,
    region: typeof m.region === 'string' && m.region !== '' ? m.region : m.name,
    bbox: m.bbox,
    seed: m.seed ?? '',
    layers: m.layers,
    attribution: Array.isArray(m.attribution) ? m.attribution : [],
  };
}

/** A manifest bbox as FlatGeobuf's search rectangle. */
export function bboxToRect(bbox: readonly [number, number, number, number]): Rect {
  return { minX: bbox[0], minY: bbox[1], maxX: bbox[2], maxY: bbox[3] };
}
