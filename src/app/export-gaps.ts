import type { GapList } from '../core/analysis/assemble-gap-list.ts';
import type { MultiPolygonCoords } from '../core/model.ts';
import type { AnalysisParams } from '../core/params.ts';
import { fingerprint, TOOL_VERSION, type InputFingerprint, type RunMetadata } from '../core/output/run-metadata.ts';
import { writeGapCsv } from '../core/output/write-gap-csv.ts';
import { writeGapGeoJson } from '../core/output/write-gap-geojson.ts';
import { foldDiacritics } from '../core/io/normalize-text.ts';

/**
 * An input of the analysis as the app got it: its role and the URL it was read from, or, for a
 * file the user picked or dropped, its name and bytes.
 */
export type InputSource =
  | { role: InputFingerprint['role']; url: string }
  | { role: InputFingerprint['role']; name: string; bytes: Uint8Array };

/** The last finished analysis, with what is needed to export it exactly as the CLI would. */
export interface ExportableResult {
  gapList: GapList;
  geometries: MultiPolygonCoords[];
  params: AnalysisParams;
  sources: InputSource[];
  /** The province (or region) name, for file names. */
  region: string;
}

/**
 * Fingerprint the inputs by their whole bytes (as the CLI does), fetched at export time so that
 * reading by bounding box stays cheap until then; the browser's cache usually has them.
 */
async function fingerprints(sources: readonly InputSource[]): Promise<InputFingerprint[]> {
  return Promise.all(
    sources.map(async (s) => {
      if ('bytes' in s) return fingerprint(s.role, s.name, s.bytes);
      const response = await fetch(s.url);
      if (!response.ok) throw new Error(`${s.url}: HTTP ${response.status}`);
      const name = decodeURIComponent(new URL(s.url, document.baseURI).pathname.split('/').pop() ?? s.url);
      return fingerprint(s.role, name, new Uint8Array(await response.arrayBuffer()));
    }),
  );
}

/** `vunglom-gaps-kon-tum-2026-11-22` (ASCII, so every system takes it). */
export function exportFileStem(kind: 'gaps' | 'gaps-only', region: string, date = new Date()): string {
  const slug = foldDiacritics(region).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'region';
  return `vunglom-${kind}-${slug}-${date.toISOString().slice(0, 10)}`;
}

/** Build the gap list file of the output contract (GeoJSON or CSV) and hand it to the browser as a download. */
export async function downloadGapList(result: ExportableResult, format: 'geojson' | 'csv', options: { gapsOnly: boolean }): Promise<string> {
  const stem = exportFileStem(options.gapsOnly ? 'gaps-only' : 'gaps', result.region);
  let text: string;
  let type: string;
  if (format === 'geojson') {
    const meta: RunMetadata = {
      tool: 'vunglom',
      version: TOOL_VERSION,
      created: new Date().toISOString(),
      params: result.params,
      inputs: await fingerprints(result.sources),
      kpis: result.gapList.kpis,
      gapsOnly: options.gapsOnly,
    };
    text = writeGapGeoJson(result.gapList.rows, result.geometries, meta);
    type = 'application/geo+json';
  } else {
    text = writeGapCsv(result.gapList.rows, options);
    type = 'text/csv;charset=utf-8';
  }
  const name = `${stem}.${format}`;
  downloadText(text, name, type);
  return name;
}

/** Hands `text` to the browser as an ordinary file download named `name`. */
export function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the download has started; revoking at once cancels it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Which villages an export holds: every village (the default) or only those with a gap. */
export type ExportScope = 'all' | 'gaps-only';

/**
 * The "all villages" / "gaps only" choice for the GeoJSON and CSV exports, as radio buttons
 * (`input[name="export-scope"]`, values `all` and `gaps-only`) inside `container`.
 */
export function renderExportChoice(container: HTMLElement): void {
  container.replaceChildren();
  const group = document.createElement('div');
  group.className = 'export-scope';
  group.setAttribute('role', 'radiogroup');
  group.dataset.i18nAria = 'export.scope';
  for (const scope of ['all', 'gaps-only'] as const) {
    const label = document.createElement('label');
    label.className = 'toggle';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'export-scope';
    input.value = scope;
    input.checked = scope === 'all';
    const text = document.createElement('span');
    text.dataset.i18n = `export.${scope}`;
    label.append(input, text);
    group.append(label);
  }
  container.append(group);
}

/** The chosen export scope (`all` when the choice is not on the page). */
export function exportScope(): ExportScope {
  const checked = document.querySelector<HTMLInputElement>('input[name="export-scope"]:checked');
  return checked?.value === 'gaps-only' ? 'gaps-only' : 'all';
}
