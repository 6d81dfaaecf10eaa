import type { GapList } from '../analysis/assemble-gap-list.ts';
import { foldDiacritics } from '../io/normalize-text.ts';
import type { MultiPolygonCoords } from '../model.ts';
import type { AnalysisParams } from '../params.ts';
import { fingerprint, TOOL_VERSION, type InputFingerprint, type RunMetadata } from './run-metadata.ts';
import { writeGapCsv } from './write-gap-csv.ts';
import { writeGapGeoJson } from './write-gap-geojson.ts';

/**
 * The gap list file as the app hands it out (GeoJSON with the run's metadata, or CSV), built where
 * the analysis lives: on the page for a province, in the coverage worker for a set too large to
 * copy to the page. Pure apart from `fetch` (fingerprints of inputs read by URL); no DOM.
 */

/**
 * An input of the analysis as the app got it: its role and the (absolute) URL it was read from,
 * or, for a file the user picked or dropped, its name and bytes.
 */
export type InputSource =
  | { role: InputFingerprint['role']; url: string }
  | { role: InputFingerprint['role']; name: string; bytes: Uint8Array }
  /** Hashed already (an elevation file whose bytes went to the coverage worker). */
  | { role: InputFingerprint['role']; fingerprint: InputFingerprint };

/** What a gap file is made of. */
export interface GapFileInput {
  gapList: GapList;
  geometries: readonly MultiPolygonCoords[];
  params: AnalysisParams;
  sources: readonly InputSource[];
  /** The province (or region) name, for file names. */
  region: string;
}

export interface GapFile {
  text: string;
  name: string;
  type: string;
}

/**
 * Fingerprint the inputs by their whole bytes (as the CLI does), fetched at export time so that
 * reading by bounding box stays cheap until then; the browser's cache usually has them.
 */
export async function fingerprints(sources: readonly InputSource[]): Promise<InputFingerprint[]> {
  return Promise.all(
    sources.map(async (s) => {
      if ('fingerprint' in s) return s.fingerprint;
      if ('bytes' in s) return fingerprint(s.role, s.name, s.bytes);
      const response = await fetch(s.url);
      if (!response.ok) throw new Error(`${s.url}: HTTP ${response.status}`);
      const name = decodeURIComponent(new URL(s.url).pathname.split('/').pop() ?? s.url);
      return fingerprint(s.role, name, new Uint8Array(await response.arrayBuffer()));
    }),
  );
}

/** `vunglom-gaps-kon-tum-2026-11-22` (ASCII, so every system takes it). */
export function exportFileStem(kind: 'gaps' | 'gaps-only', region: string, date = new Date()): string {
  const slug = foldDiacritics(region).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'region';
  return `vunglom-${kind}-${slug}-${date.toISOString().slice(0, 10)}`;
}

/** The gap list file of the output contract, GeoJSON or CSV, with its download name and type. */
export async function buildGapFile(input: GapFileInput, format: 'geojson' | 'csv', options: { gapsOnly: boolean }): Promise<GapFile> {
  const name = `${exportFileStem(options.gapsOnly ? 'gaps-only' : 'gaps', input.region)}.${format}`;
  if (format === 'csv') return { text: writeGapCsv(input.gapList.rows, options), name, type: 'text/csv;charset=utf-8' };
  const meta: RunMetadata = {
    tool: 'vunglom',
    version: TOOL_VERSION,
    created: new Date().toISOString(),
    params: input.params,
    inputs: await fingerprints(input.sources),
    kpis: input.gapList.kpis,
    gapsOnly: options.gapsOnly,
  };
  return { text: writeGapGeoJson(input.gapList.rows, input.geometries as MultiPolygonCoords[], meta), name, type: 'application/geo+json' };
}
