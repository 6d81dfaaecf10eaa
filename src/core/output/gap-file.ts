import type { GapList } from '../analysis/assemble-gap-list.ts';
import { foldDiacritics } from '../io/normalize-text.ts';
import type { MultiPolygonCoords } from '../model.ts';
import type { AnalysisParams } from '../params.ts';
import { fingerprint, TOOL_VERSION, type InputFingerprint, type RunMetadata } from './run-metadata.ts';
import { crsFromText } from '../io/crs/resolve-crs.ts';
import { GAP_FORMAT_FILES, type ExportCrs, type GapFormat } from './gap-formats.ts';

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
  /** Text (GeoJSON, CSV) or bytes (FlatGeobuf, zipped shapefile). */
  data: string | Uint8Array<ArrayBuffer>;
  name: string;
  type: string;
  /** The shapefile's coordinate system ("EPSG:9216"); WGS 84 when the province's zone was asked for but none fits. */
  crs?: string;
}

export type { ExportCrs } from './gap-formats.ts';

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

/**
 * The gap list file of the output contract — GeoJSON or CSV, FlatGeobuf or a zipped shapefile (in
 * WGS 84, or in `crs`, e.g. the province's VN-2000 zone) — with its download name and type.
 */
export async function buildGapFile(input: GapFileInput, format: GapFormat, options: { gapsOnly: boolean; crs?: ExportCrs }): Promise<GapFile> {
  const { extension, type } = GAP_FORMAT_FILES[format];
  const name = `${exportFileStem(options.gapsOnly ? 'gaps-only' : 'gaps', input.region)}.${format === 'shp' ? 'shp.zip' : extension}`;
  const meta: RunMetadata = {
    tool: 'vunglom',
    version: TOOL_VERSION,
    created: new Date().toISOString(),
    params: input.params,
    inputs: format === 'csv' ? [] : await fingerprints(input.sources),
    kpis: input.gapList.kpis,
    gapsOnly: options.gapsOnly,
  };
  // The writers (FlatGeobuf, Shapefile, proj4, province outlines) are loaded when a file is exported.
  const { exportCrsCode, writeGapOutput } = await import('./gap-export.ts');
  const code = exportCrsCode(options.crs ?? 'wgs84', input.geometries.filter((g) => g.length > 0).map((g) => g[0][0][0]));
  const crs = code === 'EPSG:4326' ? undefined : crsFromText(code, 'The export\'s coordinate system');
  const data = writeGapOutput(format, input.gapList.rows, input.geometries, meta, { crs });
  return format === 'shp' ? { data, name, type, crs: code } : { data, name, type };
}
