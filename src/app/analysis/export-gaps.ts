import type { MultiPolygonCoords } from '../../core/model.ts';
import { buildGapFile, type GapFileInput, type InputSource } from '../../core/output/gap-file.ts';

export { exportFileStem, type InputSource } from '../../core/output/gap-file.ts';

/** The last finished analysis, with what is needed to export it exactly as the CLI would. */
export interface ExportableResult extends GapFileInput {
  sources: InputSource[];
  geometries: MultiPolygonCoords[];
}

/** Build the gap list file of the output contract (GeoJSON or CSV) and hand it to the browser as a download. */
export async function downloadGapList(result: ExportableResult, format: 'geojson' | 'csv', options: { gapsOnly: boolean }): Promise<string> {
  const file = await buildGapFile(result, format, options);
  downloadText(file.text, file.name, file.type);
  return file.name;
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
