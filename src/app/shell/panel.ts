import type { LayerGroup } from '../../map/style.ts';
import {
  BASEMAP_DISTRICT_LINE,
  BASEMAP_PROVINCE_LINE,
  COMMUNE_LINE,
  DISTRICT_LINE,
  FIBRE_POINT_STYLE,
  FIBRE_ROUTE_STYLE,
  FOOTPRINT_MIN_ZOOM,
  OPERATOR_STYLE,
  OTHER_OPERATOR_STYLE,
  PLACE_DOT,
  PROVINCE_LINE,
  ROAD_CASING,
  ROAD_COLOUR,
  SETTLEMENT_COLOUR,
  SETTLEMENT_MIN_ZOOM,
  VILLAGE_FILL,
  VILLAGE_OUTLINE,
  gapSwatch,
} from '../../map/palette.ts';
import { symbolSvg } from '../../map/operator-symbols.ts';
import { applyTranslations, getLang, t, type MessageKey } from './i18n.ts';
import type { AttributionEntry, Manifest, SampleLayer } from './manifest.ts';

/**
 * The side panel's dynamic parts: layer toggles, legend and the "About / data sources" dialog.
 * Static labels live in index.html with `data-i18n` and are filled by `applyTranslations`.
 */

/** Toggles in display order, top to bottom as drawn on the map. */
const TOGGLES: readonly { group: LayerGroup; minZoom?: number }[] = [
  { group: 'villages' },
  { group: 'bts' },
  { group: 'bts-footprints', minZoom: FOOTPRINT_MIN_ZOOM },
  { group: 'fibre-routes' },
  { group: 'fibre-points' },
  { group: 'settlements', minZoom: SETTLEMENT_MIN_ZOOM },
  { group: 'roads' },
  { group: 'communes' },
  { group: 'districts' },
  { group: 'province' },
  { group: 'context' },
];

/** Builds the layer checkboxes; `onToggle` is called with the group and its new visibility. */
export function renderLayerToggles(list: HTMLElement, onToggle: (group: LayerGroup, visible: boolean) => void): void {
  list.replaceChildren();
  for (const { group, minZoom } of TOGGLES) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.className = 'toggle';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = true;
    input.dataset.layer = group;
    input.addEventListener('change', () => onToggle(group, input.checked));
    const name = document.createElement('span');
    name.dataset.i18n = `layer.${group}`;
    label.append(input, name);
    if (minZoom !== undefined) {
      const hint = document.createElement('small');
      hint.className = 'hint';
      hint.dataset.i18n = 'layer.zoom-hint';
      hint.dataset.i18nParams = JSON.stringify({ zoom: minZoom });
      label.append(' ', hint);
    }
    item.append(label);
    list.append(item);
  }
}

/** Builds the legend: operators, footprints, fibre kinds, villages, settlements, boundaries. */
export function renderLegend(container: HTMLElement): void {
  container.replaceChildren(
    legendGroup('legend.operators', [
      ...Object.entries(OPERATOR_STYLE).map(([name, style]) => symbolItem(style, name)),
      symbolItem(OTHER_OPERATOR_STYLE, '…'),
      footprintItem(),
    ]),
    legendGroup('legend.fibre', [
      ...Object.entries(FIBRE_ROUTE_STYLE).map(([kind, s]) =>
        swatchKey('line', s.colour, `fibre.${kind}` as MessageKey, {}, s.width),
      ),
      ...Object.entries(FIBRE_POINT_STYLE).map(([kind, s]) => swatchKey('dot', s.colour, `fibre.${kind}` as MessageKey)),
    ]),
    legendGroup('legend.villages', [
      ...(['none', 'mobile', 'ftth', 'both'] as const).map((gap) =>
        swatchKey('solid', gapSwatch(gap), `gap.${gap}`, {}, 1, VILLAGE_OUTLINE),
      ),
      swatchKey('fill', VILLAGE_FILL, 'legend.village', {}, 1, VILLAGE_OUTLINE),
      swatchKey('dot', SETTLEMENT_COLOUR, 'legend.settlement'),
    ]),
    legendGroup('legend.boundaries', [
      swatchKey('line', PROVINCE_LINE, 'layer.province', {}, 3),
      swatchKey('dash', DISTRICT_LINE, 'layer.districts', {}, 2),
      swatchKey('line', COMMUNE_LINE, 'layer.communes', {}, 1),
    ]),
    legendGroup('legend.basemap', [
      roadItem(),
      swatchKey('dash', '#424242', 'legend.railway', {}, 2),
      swatchKey('line', BASEMAP_PROVINCE_LINE, 'legend.basemap-provinces', {}, 2),
      swatchKey('dash', BASEMAP_DISTRICT_LINE, 'legend.basemap-districts', {}, 1),
      swatchKey('dot', PLACE_DOT, 'legend.place'),
    ]),
  );
}

type SwatchShape = 'dot' | 'line' | 'dash' | 'fill' | 'solid' | 'sector' | 'road';

/** An operator's BTS symbol (its shape in its colour) and its name. */
function symbolItem(style: { shape: Parameters<typeof symbolSvg>[0]; colour: string }, label: string): HTMLElement {
  const item = document.createElement('li');
  const mark = document.createElement('span');
  mark.className = 'swatch swatch-symbol';
  mark.append(symbolSvg(style.shape, style.colour, 14));
  const text = document.createElement('span');
  text.textContent = label;
  item.append(mark, text);
  return item;
}

/** The footprints' legend line, which says whether terrain cuts what is drawn (see `setFootprintLegend`). */
function footprintItem(): HTMLElement {
  const item = swatchKey('sector', '#9e9e9e', 'legend.footprint', { zoom: FOOTPRINT_MIN_ZOOM });
  item.dataset.legend = 'footprint';
  return item;
}

/**
 * With an elevation model the map still draws each site's disk or sector (a click on a site shows
 * what terrain cuts from it), while the coverage is measured on the terrain footprints: the legend
 * says so, so that a village inside a drawn disk but marked a gap is not a contradiction.
 */
export function setFootprintLegend(onTerrain: boolean): void {
  const text = document.querySelector<HTMLElement>('[data-legend="footprint"] > span:last-child');
  if (!text) return;
  text.dataset.i18n = onTerrain ? 'legend.footprint-terrain' : 'legend.footprint';
  applyTranslations(text.parentElement ?? text);
}

/** Roads: a white line in a dark casing, as on the map. */
function roadItem(): HTMLElement {
  const item = swatchKey('road', ROAD_COLOUR, 'layer.roads', {}, 3);
  (item.firstElementChild as HTMLElement).style.setProperty('--swatch-outline', ROAD_CASING);
  return item;
}

function legendGroup(title: MessageKey, items: HTMLElement[]): HTMLElement {
  const group = document.createElement('div');
  group.className = 'legend-group';
  const heading = document.createElement('h4');
  heading.dataset.i18n = title;
  const list = document.createElement('ul');
  list.append(...items);
  group.append(heading, list);
  return group;
}

function swatch(shape: SwatchShape, colour: string, label: string, width = 2, outline?: string): HTMLElement {
  const item = document.createElement('li');
  const mark = document.createElement('span');
  mark.className = `swatch swatch-${shape}`;
  mark.style.setProperty('--swatch', colour);
  mark.style.setProperty('--swatch-width', `${width}px`);
  if (outline) mark.style.setProperty('--swatch-outline', outline);
  const text = document.createElement('span');
  text.textContent = label;
  item.append(mark, text);
  return item;
}

function swatchKey(
  shape: SwatchShape,
  colour: string,
  key: MessageKey,
  params: Record<string, string | number> = {},
  width = 2,
  outline?: string,
): HTMLElement {
  const item = swatch(shape, colour, '', width, outline);
  const text = item.lastElementChild as HTMLElement;
  text.dataset.i18n = key;
  if (Object.keys(params).length > 0) text.dataset.i18nParams = JSON.stringify(params);
  return item;
}

/**
 * Fills the About dialog from the manifest: which layers are real (with licences and attribution)
 * and which are synthetic. Re-run after a language switch (descriptions come in both languages).
 */
export function renderAbout(body: HTMLElement, manifest: Manifest | null, inUse: DataInUse = { sample: true, files: [] }): void {
  body.replaceChildren();
  body.append(paragraph(t('about.intro')));
  // What is on screen first: the user's files (the sample is then not used at all), or the sample.
  body.append(heading(t('about.in-use')));
  if (inUse.sample) body.append(paragraph(t('about.in-use-sample')));
  else {
    const list = document.createElement('ul');
    list.className = 'about-layers';
    for (const file of inUse.files) {
      const item = document.createElement('li');
      item.textContent = `${t(`layers.${file.role}`)}: ${file.name}`;
      list.append(item);
    }
    body.append(paragraph(t('about.in-use-own')), list);
  }
  if (!manifest) {
    body.append(paragraph(t('about.no-manifest')));
    return;
  }
  const entries = Object.entries(manifest.layers) as [SampleLayer, NonNullable<Manifest['layers'][SampleLayer]>][];
  const real = entries.filter(([, layer]) => layer.real);
  const synthetic = entries.filter(([, layer]) => !layer.real);
  body.append(heading(t('about.real')), layerList(real));
  body.append(
    heading(t('about.synthetic')),
    paragraph(t('about.synthetic-why', { seed: String(manifest.seed) })),
    layerList(synthetic),
  );
  body.append(heading(t('about.attribution')));
  const list = document.createElement('ul');
  list.className = 'attribution-list';
  for (const entry of manifest.attribution) {
    const item = document.createElement('li');
    item.textContent = attributionText(entry);
    list.append(item);
  }
  body.append(list);
}

function layerList(entries: [SampleLayer, NonNullable<Manifest['layers'][SampleLayer]>][]): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'about-layers';
  for (const [name, layer] of entries) {
    const item = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = layerTitle(name);
    const count = document.createElement('span');
    count.className = 'hint';
    count.textContent = ` (${t('about.layer-count', { count: layer.count })})`;
    const description = document.createElement('div');
    description.textContent = layer.description?.[getLang()] ?? '';
    item.append(title, count, description);
    list.append(item);
  }
  return list;
}

function layerTitle(name: SampleLayer): string {
  return t(`layer.${name}` as MessageKey);
}

/** The data on screen, for the About panel: the sample, or the user's files by role. */
export interface DataInUse {
  sample: boolean;
  files: { role: 'villages' | 'bts' | 'fibre' | 'settlements' | 'config'; name: string }[];
}

/** One attribution line from a string or an object with source, licence and URL fields. */
export function attributionText(entry: AttributionEntry): string {
  if (typeof entry === 'string') return entry;
  const pick = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = entry[key];
      if (typeof value === 'string' && value.trim() !== '') return value;
      if (typeof value === 'object' && value !== null) {
        const localised = (value as Record<string, unknown>)[getLang()];
        if (typeof localised === 'string') return localised;
      }
    }
    return null;
  };
  const parts = [
    pick('text', 'attribution', 'source', 'name', 'title'),
    pick('layers', 'used_for', 'what'),
    pick('licence', 'license'),
    pick('url', 'href'),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' — ') : JSON.stringify(entry);
}

function paragraph(text: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function heading(text: string): HTMLElement {
  const h = document.createElement('h3');
  h.textContent = text;
  return h;
}
