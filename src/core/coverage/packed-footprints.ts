import Flatbush from 'flatbush';
import type { BtsRecord, Tech } from '../model.ts';
import type { MobileCoverageParams } from './params.ts';

/**
 * Broadband footprints as flat typed arrays, with their spatial indexes, ready to be transferred.
 *
 * Footprint `f` is `data[f * FOOTPRINT_STRIDE + FP_*]`. A disk has NaN bearings. A sector covers the
 * bearings from `FP_BEARING_FROM` clockwise to `FP_BEARING_TO` (degrees in [0, 360), rounded to
 * 1e-9° so that sectors of one mast that share an edge share it bit for bit).
 */
export interface PackedFootprints {
  count: number;
  data: Float64Array;
  /** Index into `operators` per footprint. */
  operator: Uint16Array;
  /** Index into `techs` per footprint. */
  tech: Uint8Array;
  /** Index of the BTS record each footprint comes from. */
  source: Uint32Array;
  operators: string[];
  /** The broadband technologies, in the order of `params.broadbandTechs`. */
  techs: Tech[];
  /** Flatbush over the footprints' lon/lat boxes (item = footprint); null when there are none. */
  index: ArrayBuffer | null;
  /** Distinct site positions lon, lat (stride 2). */
  sites: Float64Array;
  /** Flatbush over `sites` as points; null when there are none. */
  siteIndex: ArrayBuffer | null;
  /** BTS records that were broadband but could not be used, with the reason. */
  skipped: { source: number; reason: string }[];
}

export const FOOTPRINT_STRIDE = 5;
export const FP_LON = 0;
export const FP_LAT = 1;
export const FP_RADIUS = 2;
export const FP_BEARING_FROM = 3;
export const FP_BEARING_TO = 4;

/** Narrowest sector that is kept as a sector (degrees); narrower ones cover nothing useful. */
const MIN_BEAMWIDTH_DEG = 1e-3;
const BEARING_QUANTUM = 1e9;
/** Metres per degree of latitude, the smallest value on WGS84 (at the equator). */
const MIN_M_PER_DEG_LAT = 110574;
/** Metres per degree of longitude at the equator (a·π/180); ν ≥ a, so ν·cos φ·π/180 ≥ this·cos φ. */
const M_PER_DEG_LON_EQUATOR = 111319.49;
/** Widening of footprint boxes so that rounding never drops a touching footprint. */
const BOX_MARGIN = 1.001;

/** A bearing in degrees brought into [0, 360) and rounded to 1e-9°. */
export function canonicalBearing(deg: number): number {
  const d = Math.round((((deg % 360) + 360) % 360) * BEARING_QUANTUM) / BEARING_QUANTUM;
  return d >= 360 ? d - 360 : d;
}

/**
 * Packs the broadband BTS records (`params.broadbandTechs`) into footprints: `radiusM` exactly when
 * given, else the technology's default; a sector when both azimuth and beamwidth are given, the
 * beamwidth is below 360° and `params.useSectors` holds, else a disk.
 */
export function packFootprints(bts: readonly BtsRecord[], params: MobileCoverageParams): PackedFootprints {
  const techs = [...params.broadbandTechs];
  const techIndex = new Map<Tech, number>(techs.map((t, i) => [t, i]));
  const operatorIndex = new Map<string, number>();
  const operators: string[] = [];
  const rows: number[] = [];
  const skipped: { source: number; reason: string }[] = [];
  for (let i = 0; i < bts.length; i++) {
    const b = bts[i];
    if (!techIndex.has(b.tech)) continue;
    const radius = b.radiusM ?? params.radiusByTech[b.tech];
    if (!Number.isFinite(b.lon) || !Number.isFinite(b.lat) || Math.abs(b.lat) > 89) {
      skipped.push({ source: i, reason: `position (${b.lon}, ${b.lat}) is not a usable lon/lat` });
    } else if (!(radius > 0) || !Number.isFinite(radius)) {
      skipped.push({ source: i, reason: `radius ${radius} m is not a positive number` });
    } else if (
      params.useSectors &&
      b.beamwidthDeg !== null &&
      b.azimuthDeg !== null &&
      Number.isFinite(b.azimuthDeg) &&
      !(b.beamwidthDeg >= MIN_BEAMWIDTH_DEG)
    ) {
      skipped.push({ source: i, reason: `beamwidth ${b.beamwidthDeg}° is not a positive opening` });
    } else {
      rows.push(i);
    }
  }
  const fullMasts = params.useSectors ? mergeFullMasts(bts, rows, params) : new Set<number>();
  const count = rows.length;
  const data = new Float64Array(count * FOOTPRINT_STRIDE);
  const operator = new Uint16Array(count);
  const tech = new Uint8Array(count);
  const source = new Uint32Array(count);
  const index = count > 0 ? new Flatbush(count) : null;
  const siteKeys = new Map<string, number>();
  const siteCoords: number[] = [];
  for (let k = 0; k < count; k++) {
    const b = bts[rows[k]];
    const o = k * FOOTPRINT_STRIDE;
    const radius = b.radiusM ?? params.radiusByTech[b.tech];
    data[o + FP_LON] = b.lon;
    data[o + FP_LAT] = b.lat;
    data[o + FP_RADIUS] = radius;
    const sector =
      params.useSectors &&
      !fullMasts.has(rows[k]) &&
      b.azimuthDeg !== null &&
      b.beamwidthDeg !== null &&
      Number.isFinite(b.azimuthDeg) &&
      b.beamwidthDeg < 360;
    data[o + FP_BEARING_FROM] = sector ? canonicalBearing(b.azimuthDeg! - b.beamwidthDeg! / 2) : NaN;
    data[o + FP_BEARING_TO] = sector ? canonicalBearing(b.azimuthDeg! + b.beamwidthDeg! / 2) : NaN;
    let op = operatorIndex.get(b.operator);
    if (op === undefined) {
      op = operators.length;
      operators.push(b.operator);
      operatorIndex.set(b.operator, op);
    }
    operator[k] = op;
    tech[k] = techIndex.get(b.tech)!;
    source[k] = rows[k];
    const dLat = (BOX_MARGIN * radius) / MIN_M_PER_DEG_LAT;
    const cosMax = Math.cos(Math.min(90, Math.abs(b.lat) + dLat) * (Math.PI / 180));
    const dLon = cosMax > 1e-6 ? (BOX_MARGIN * radius) / (M_PER_DEG_LON_EQUATOR * cosMax) : 180;
    index!.add(b.lon - dLon, b.lat - dLat, b.lon + dLon, b.lat + dLat);
    const key = `${b.lon},${b.lat}`;
    if (!siteKeys.has(key)) {
      siteKeys.set(key, siteCoords.length / 2);
      siteCoords.push(b.lon, b.lat);
    }
  }
  index?.finish();
  const sites = new Float64Array(siteCoords);
  let siteIndex: ArrayBuffer | null = null;
  if (sites.length > 0) {
    const fb = new Flatbush(sites.length / 2);
    for (let s = 0; s < sites.length; s += 2) fb.add(sites[s], sites[s + 1], sites[s], sites[s + 1]);
    fb.finish();
    siteIndex = fb.data as ArrayBuffer;
  }
  return {
    count,
    data,
    operator,
    tech,
    source,
    operators,
    techs,
    index: index ? (index.data as ArrayBuffer) : null,
    sites,
    siteIndex,
    skipped,
  };
}

/** Tolerance when sectors of one mast are checked to close the full circle (degrees). */
const FULL_CIRCLE_EPS_DEG = 1e-6;

/**
 * Sectors of one mast (same position, radius, operator and technology) whose openings together close
 * the full circle cover exactly the disk: keep the first record as a disk and drop the others from
 * `rows` (in place), so the engine handles one shape instead of three. The union is unchanged, so
 * every fraction is too. Returns the kept records, which packing turns into disks.
 */
function mergeFullMasts(bts: readonly BtsRecord[], rows: number[], params: MobileCoverageParams): Set<number> {
  const groups = new Map<string, number[]>();
  for (const i of rows) {
    const b = bts[i];
    if (b.azimuthDeg === null || b.beamwidthDeg === null || !Number.isFinite(b.azimuthDeg) || !(b.beamwidthDeg < 360)) continue;
    const radius = b.radiusM ?? params.radiusByTech[b.tech];
    const key = `${b.lon},${b.lat},${radius},${b.operator},${b.tech}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  const disks = new Set<number>();
  const drop = new Set<number>();
  for (const members of groups.values()) {
    if (members.length < 2 || !closesCircle(members.map((i) => bts[i]))) continue;
    disks.add(members[0]);
    for (const i of members.slice(1)) drop.add(i);
  }
  if (drop.size > 0) {
    let w = 0;
    for (const i of rows) if (!drop.has(i)) rows[w++] = i;
    rows.length = w;
  }
  return disks;
}

/** True when the sectors' openings cover every bearing. */
function closesCircle(sectors: readonly BtsRecord[]): boolean {
  const arcs: [number, number][] = [];
  for (const b of sectors) {
    const from = canonicalBearing(b.azimuthDeg! - b.beamwidthDeg! / 2);
    const to = from + b.beamwidthDeg!;
    arcs.push([from, to]);
    if (to > 360) arcs.push([from - 360, to - 360]);
  }
  arcs.sort((a, b) => a[0] - b[0]);
  let reach = 0;
  for (const [from, to] of arcs) {
    if (to <= reach) continue;
    if (from > reach + FULL_CIRCLE_EPS_DEG) return false;
    reach = to;
  }
  return reach >= 360 - FULL_CIRCLE_EPS_DEG;
}

/** The buffers of a packed footprint set, for `postMessage(…, transferables)`. */
export function footprintTransferables(p: PackedFootprints): ArrayBuffer[] {
  const out = [p.data, p.operator, p.tech, p.source, p.sites].map((a) => a.buffer as ArrayBuffer);
  if (p.index) out.push(p.index);
  if (p.siteIndex) out.push(p.siteIndex);
  return out;
}
