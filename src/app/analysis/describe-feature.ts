import { parseTech } from '../../core/io/parse-tech.ts';
import type { Tech } from '../../core/model.ts';
import type { PopupKind } from '../../map/map-view.ts';
import { formatNumber, t, type MessageKey } from '../shell/i18n.ts';

/**
 * Popup bodies for clicked features, in the current language. Built with DOM nodes and
 * textContent only, so names from a user's file can never inject markup.
 */

type Props = Record<string, unknown>;

/**
 * The popup body for a feature of `kind`, or null when there is nothing to say. `radiusM` is the
 * radius per technology of the assumptions in use (a site without `radius_m` gets it).
 */
export function describeFeature(kind: PopupKind, props: Props, radiusM: Readonly<Record<Tech, number>>): HTMLElement | null {
  switch (kind) {
    case 'village':
      return card(t('popup.village'), text(props.name) ?? text(props.id), isSynthetic(props), [
        ['popup.commune', text(props.commune)],
        ['popup.district', text(props.district)],
        ['popup.population', num(props.population)],
        ['popup.households', num(props.households)],
      ]);
    case 'bts':
      return card(t('popup.bts'), text(props.id), isSynthetic(props), [
        ['popup.site', text(props.site_id)],
        ['popup.operator', text(props.operator)],
        ['popup.tech', text(props.tech)],
        ['popup.radius', radius(props, radiusM)],
        ['popup.sector', sector(props)],
        ['popup.height', unit(props.height_m, 'm')],
        ['popup.band', unit(props.band_mhz, 'MHz')],
      ]);
    case 'fibre-route':
      return card(t('popup.fibre-route'), text(props.id), isSynthetic(props), [
        ['popup.operator', text(props.operator)],
        ['popup.kind', fibreKind(props.kind)],
        ['popup.road', text(props.road_ref)],
      ]);
    case 'fibre-point':
      return card(t('popup.fibre-point'), text(props.id), isSynthetic(props), [
        ['popup.operator', text(props.operator)],
        ['popup.kind', fibreKind(props.kind)],
      ]);
    case 'settlement':
      return card(t('layer.settlements'), text(props.id), isSynthetic(props), [
        ['popup.population', num(props.population)],
        ['popup.households', num(props.households)],
      ]);
    case 'road':
      return card(t('popup.road'), text(props.ref) ?? text(props.name), false, [['popup.road', text(props.name)]]);
  }
}

function card(kindLabel: string, title: string | null, synthetic: boolean, rows: [MessageKey, string | null][]): HTMLElement {
  const root = document.createElement('div');
  root.className = 'popup';
  const kind = document.createElement('div');
  kind.className = 'popup-kind';
  kind.textContent = kindLabel;
  if (synthetic) {
    const badge = document.createElement('span');
    badge.className = 'badge-synthetic';
    badge.textContent = t('popup.synthetic');
    kind.append(' ', badge);
  }
  const heading = document.createElement('strong');
  heading.className = 'popup-title';
  heading.textContent = title ?? '—';
  const list = document.createElement('dl');
  for (const [key, value] of rows) {
    if (value === null) continue;
    const dt = document.createElement('dt');
    dt.textContent = t(key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
  root.append(kind, heading, list);
  return root;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function num(value: unknown): string | null {
  const n = toNumber(value);
  return n === null ? null : formatNumber(n);
}

function unit(value: unknown, suffix: string): string | null {
  const n = toNumber(value);
  return n === null ? null : `${formatNumber(n)} ${suffix}`;
}

function isSynthetic(props: Props): boolean {
  return props.synthetic === true || props.synthetic === 'true' || props.synthetic === 1;
}

function radius(props: Props, radiusM: Readonly<Record<Tech, number>>): string | null {
  const given = toNumber(props.radius_m);
  if (given !== null && given > 0) return `${formatNumber(given)} m`;
  const tech = parseTech(props.tech);
  return tech === null ? null : t('popup.radius-default', { radius: `${formatNumber(radiusM[tech])} m` });
}

function sector(props: Props): string | null {
  const azimuth = toNumber(props.azimuth_deg);
  const beamwidth = toNumber(props.beamwidth_deg);
  return azimuth === null || beamwidth === null ? null : `${formatNumber(azimuth)}° / ${formatNumber(beamwidth)}°`;
}

const FIBRE_KINDS: Readonly<Record<string, MessageKey>> = {
  trunk: 'fibre.trunk',
  feeder: 'fibre.feeder',
  distribution: 'fibre.distribution',
  odf: 'fibre.odf',
  cabinet: 'fibre.cabinet',
  splitter: 'fibre.splitter',
};

function fibreKind(value: unknown): string | null {
  const kind = text(value);
  if (kind === null) return null;
  const key = FIBRE_KINDS[kind.toLowerCase()];
  return key ? t(key) : kind;
}
