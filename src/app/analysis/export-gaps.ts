import type { MultiPolygonCoords } from '../../core/model.ts';
import type { GapFileInput, InputSource } from '../../core/output/gap-file.ts';

export { exportFileStem, type InputSource } from '../../core/output/gap-file.ts';

/** The last finished analysis, with what is needed to export it exactly as the CLI would. */
export interface ExportableResult extends GapFileInput {
  sources: InputSource[];
  geometries: MultiPolygonCoords[];
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

/**
 * The Shapefile's coordinates: WGS 84, or the VN-2000 TM-3 zone of the province the villages lie
 * in (`select[name="export-crs"]`, values `wgs84` and `province-zone`), inside `container`.
 */
export function renderExportCrsChoice(container: HTMLElement): void {
  const label = document.createElement('label');
  label.className = 'export-crs';
  const text = document.createElement('span');
  text.dataset.i18n = 'export.crs';
  const select = document.createElement('select');
  select.name = 'export-crs';
  for (const value of ['wgs84', 'province-zone'] as const) {
    const option = document.createElement('option');
    option.value = value;
    option.dataset.i18n = value === 'wgs84' ? 'export.crs-wgs84' : 'export.crs-zone';
    select.append(option);
  }
  label.append(text, select);
  container.append(label);
}

/** The chosen Shapefile coordinates (`wgs84` when the choice is not on the page). */
export function exportCrs(): 'wgs84' | 'province-zone' {
  const select = document.querySelector<HTMLSelectElement>('select[name="export-crs"]');
  return select?.value === 'province-zone' ? 'province-zone' : 'wgs84';
}

/** The chosen export scope (`all` when the choice is not on the page). */
export function exportScope(): ExportScope {
  const checked = document.querySelector<HTMLInputElement>('input[name="export-scope"]:checked');
  return checked?.value === 'gaps-only' ? 'gaps-only' : 'all';
}
