import type { FeatureCollection } from 'geojson';
import type { InputSource } from '../../core/output/gap-file.ts';
import { errorMessage } from '../../core/error-message.ts';
import { fingerprint, type InputFingerprint } from '../../core/output/run-metadata.ts';
import type { DemSummary } from '../../core/terrain/dem-set.ts';
import type { DemFileError, DemSource } from '../../../workers/protocol.ts';
import type { MapView } from '../../map/map-view.ts';
import { setDemTiles, setHillshadeVisible, setTerrain3d, showSiteTerrain } from '../../map/terrain-layers.ts';
import { demTile, openDem, siteTerrain } from '../analysis/coverage-client.ts';
import { applyTranslations, formatNumber, onLangChange, t, type MessageKey } from '../shell/i18n.ts';
import { clearNotice, showNotice } from '../shell/notices.ts';
import { setFootprintLegend } from '../shell/panel.ts';
import { el } from '../ui/dom.ts';
import { fileNameOf } from './load-layer.ts';

/**
 * The elevation model as an input: a file picker for several files at once, drag and drop of
 * elevation files onto the map (they never reach the layer dialog), `?dem=` URLs, the model's
 * extent, resolution, sources and voids, removal; hillshade and 3D terrain on the map; and a
 * selected site's footprint with its shadows. The files are read in the coverage worker.
 */

export interface TerrainInput {
  /** Opens the `?dem=` URLs (before the first analysis; does not re-run). */
  openUrls(urls: readonly string[]): Promise<void>;
  /** Adds the terrain line of BTS record `id` to its popup and draws its shadows on the map; the popup's `data-site-terrain` then holds the site's terrain status. */
  decorateSitePopup(popup: HTMLElement, id: string): void;
}

export interface TerrainInputOptions {
  container: HTMLElement;
  dropTarget: HTMLElement;
  view: MapView;
  /** The elevation files now in use, for the export's inputs (hashes of picked files, made before their bytes went to the worker; URLs of `?dem=` ones); empty without a model. */
  onSources(sources: InputSource[]): void;
  /** The analysis again, after the model changed. */
  rerun(): Promise<void>;
}

/** Whether a file name is an elevation file: .hgt, .hgt.zip, GeoTIFF, or a zip named by an SRTM corner. */
export function isDemFileName(name: string): boolean {
  const n = name.toLowerCase();
  return /\.hgt(\.zip)?$/.test(n) || /\.tiff?$/.test(n) || (/\.zip$/.test(n) && /[ns]\d{2}[ew]\d{3}/.test(n));
}

/** The sentence for a refused elevation file, in the page's language. */
function refusal(e: DemFileError): string {
  const reason = typeof e.params.reason === 'string' ? `dem-reason.${e.params.reason}` : null;
  const message = reason ? t(reason as MessageKey, { bytes: formatNumber(Number(e.params.bytes ?? 0)), crs: String(e.params.crs ?? '') }) : e.message;
  return t('terrain.refused', { file: e.name, message });
}

/** Builds the section in `options.container` and wires dropping elevation files on the map. */
export function mountTerrainInput(options: TerrainInputOptions): TerrainInput {
  const { container, view } = options;
  container.replaceChildren();
  let summary: DemSummary | null = null;
  /** The files of the model for the export's inputs: hashes of picked files, URLs of `?dem=` ones. */
  let exportSources: InputSource[] = [];
  let refused: string[] = [];

  const pick = el('label', 'own-data-pick');
  const input = el('input');
  input.type = 'file';
  input.multiple = true;
  input.dataset.input = 'dem';
  input.accept = '.hgt,.zip,.tif,.tiff';
  const button = el('span', 'own-data-button');
  button.dataset.i18n = 'terrain.choose';
  pick.append(input, button);
  const hint = el('p', 'hint');
  hint.dataset.i18n = 'terrain.hint';
  const state = el('p', 'dem-summary');
  state.dataset.demSummary = '';
  const remove = el('button', 'small-button');
  remove.type = 'button';
  remove.dataset.action = 'remove-dem';
  remove.dataset.i18n = 'terrain.remove';
  const toggles = el('div', 'dem-toggles');
  const toggle = (name: string, key: MessageKey, checked: boolean): HTMLInputElement => {
    const label = el('label', 'toggle');
    const box = el('input');
    box.type = 'checkbox';
    box.dataset.toggle = name;
    box.checked = checked;
    const text = el('span');
    text.dataset.i18n = key;
    label.append(box, text);
    toggles.append(label);
    return box;
  };
  const hillshade = toggle('hillshade', 'terrain.hillshade', true);
  const threeD = toggle('terrain-3d', 'terrain.3d', false);
  hillshade.addEventListener('change', () => setHillshadeVisible(view.map, hillshade.checked));
  threeD.addEventListener('change', () => setTerrain3d(view.map, threeD.checked));
  container.append(pick, hint, state, remove, toggles);
  applyTranslations(container);

  const render = (): void => {
    remove.hidden = summary === null;
    toggles.hidden = summary === null;
    if (!summary) {
      state.textContent = t('terrain.none');
      delete state.dataset.arcsec;
      return;
    }
    const [w, s, e, n] = summary.extent;
    const f = (x: number): string => formatNumber(Math.round(x * 100) / 100);
    let text = t('terrain.summary', { label: summary.label, files: formatNumber(summary.sources.length), west: f(w), east: f(e), south: f(s), north: f(n) });
    if (summary.voids > 0) text += ` · ${t('terrain.voids', { voids: formatNumber(summary.voids), filled: formatNumber(summary.filled) })}`;
    state.textContent = text;
    state.title = summary.sources.join('\n');
    state.dataset.arcsec = String(summary.arcSeconds);
    state.dataset.files = String(summary.sources.length);
  };
  onLangChange(render);
  render();

  /** Opens `sources` in the worker; shows what it made of them; the map and analysis follow. */
  const open = async (sources: DemSource[], rerun: boolean): Promise<void> => {
    for (const key of refused) clearNotice(key);
    refused = [];
    if (sources.length > 0) showNotice('dem-loading', () => t('terrain.loading', { count: formatNumber(sources.length) }), { kind: 'info' });
    const started = performance.now();
    try {
      const report = await openDem(sources);
      // Reading and filling the DEM in the worker (the benchmark reads this span).
      performance.measure('vunglom:dem-open', { start: started });
      summary = report.summary;
      for (const e of report.errors) {
        const key = `dem-${e.name}`;
        refused.push(key);
        showNotice(key, () => refusal(e));
      }
    } finally {
      clearNotice('dem-loading');
    }
    render();
    options.onSources(summary ? exportSources : []);
    showSiteTerrain(view.map, null);
    setFootprintLegend(summary !== null);
    setDemTiles(view.map, summary ? demTile : null, summary ? summary.extent : null);
    if (summary) {
      setHillshadeVisible(view.map, hillshade.checked);
      if (threeD.checked) setTerrain3d(view.map, true);
    }
    if (rerun) await options.rerun();
  };

  /** Files from the picker or a drop: hashed for the export, then their bytes go to the worker. */
  const openFiles = async (files: readonly File[]): Promise<void> => {
    const sources: DemSource[] = [];
    const prints: InputFingerprint[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      prints.push(await fingerprint('dem', file.name, bytes));
      sources.push({ name: file.name, bytes });
    }
    exportSources = prints.map((f) => ({ role: 'dem', fingerprint: f }));
    await open(sources, true);
  };
  const fail = (err: unknown): void => showNotice('dem-unexpected', () => t('error.unexpected', { detail: errorMessage(err) }));

  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) openFiles(files).catch(fail);
  });
  remove.addEventListener('click', () => {
    exportSources = [];
    threeD.checked = false;
    setTerrain3d(view.map, false);
    open([], true).catch(fail);
  });
  // Elevation files dropped on the map are taken here, before the layer dialog sees the drop.
  options.dropTarget.addEventListener(
    'drop',
    (event) => {
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0 || !files.every((f) => isDemFileName(f.name))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      options.dropTarget.classList.remove('drop-active');
      openFiles(files).catch(fail);
    },
    { capture: true },
  );

  return {
    async openUrls(urls) {
      if (urls.length === 0) return;
      exportSources = urls.map((url) => ({ role: 'dem', url }));
      await open(
        urls.map((url) => ({ name: fileNameOf(url), url })),
        false,
      );
    },
    decorateSitePopup(popup, id) {
      if (!summary) return;
      siteTerrain(id).then((site) => {
        // The popup says it was checked whatever the answer (a 2G site has no line to show).
        popup.dataset.siteTerrain = site.status;
        const line = el('p', 'popup-terrain');
        if (site.status === 'shadowed') {
          line.textContent = t('terrain.site', { hidden: `${formatNumber(Math.round((site.hidden ?? 0) * 1000) / 10)} %` });
          showSiteTerrain(view.map, JSON.parse(new TextDecoder().decode(site.bytes!)) as FeatureCollection);
        } else {
          showSiteTerrain(view.map, null);
          if (site.status === 'clear') line.textContent = t('terrain.site-clear');
          else if (site.status === 'outside-dem') line.textContent = t('terrain.site-outside');
          else if (site.status === 'dem-voids') line.textContent = t('terrain.site-voids');
          else return;
        }
        popup.append(line);
      }, fail);
    },
  };
}
