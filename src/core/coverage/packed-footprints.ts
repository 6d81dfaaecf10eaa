import Flatbush from 'flatbush';
import { diskBox } from '../geo/lonlat-box.ts';
import type { BtsRecord, Tech } from '../model.ts';
import type { FootprintParams } from '../params.ts';
import { footprintOf, type Footprint } from './footprint-rule.ts';

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

const BEARING_QUANTUM = 1e9;

/** A bearing in degrees brought into [0, 360) and rounded to 1e-9°. */
function canonicalBearing(deg: number): number {
  const d = Math.round((((deg % 360) + 360) % 360) * BEARING_QUANTUM) / BEARING_QUANTUM;
  return d >= 360 ? d - 360 : d;
}

/**
 * Packs the broadband footprints of `bts` under `params` (the rule is `footprintOf`'s); records it
 * refuses are listed in `skipped` with the reason.
 */
export function packFootprints(bts: readonly BtsRecord[], params: FootprintParams): PackedFootprints {
  const techs = [...params.broadbandTechs];
  const techIndex = new Map<Tech, number>(techs.map((t, i) => [t, i]));
  const operatorIndex = new Map<string, number>();
  const operators: string[] = [];
  let kept: Kept[] = [];
  const skipped: { source: number; reason: string }[] = [];
  for (let i = 0; i < bts.length; i++) {
    const f = footprintOf(bts[i], params);
    if (f === null) continue;
    if ('skipped' in f) skipped.push({ source: i, reason: f.skipped });
    else kept.push({ row: i, f });
  }
  const fullMasts = new Set<number>();
  kept = mergeFullMasts(bts, kept, fullMasts);
  const count = kept.length;
  const data = new Float64Array(count * FOOTPRINT_STRIDE);
  const operator = new Uint16Array(count);
  const tech = new Uint8Array(count);
  const source = new Uint32Array(count);
  const index = count > 0 ? new Flatbush(count) : null;
  /** Site number by longitude, then latitude (numbers as keys: no text made per footprint). */
  const siteKeys = new Map<number, Map<number, number>>();
  const siteCoords: number[] = [];
  const box = new Float64Array(4);
  for (let k = 0; k < count; k++) {
    const { row, f } = kept[k];
    const b = bts[row];
    const o = k * FOOTPRINT_STRIDE;
    data[o + FP_LON] = f.lon;
    data[o + FP_LAT] = f.lat;
    data[o + FP_RADIUS] = f.radiusM;
    const { azimuthDeg, beamwidthDeg } = f;
    const sector = !fullMasts.has(row) && azimuthDeg !== null && beamwidthDeg !== null;
    data[o + FP_BEARING_FROM] = sector ? canonicalBearing(azimuthDeg - beamwidthDeg / 2) : NaN;
    data[o + FP_BEARING_TO] = sector ? canonicalBearing(azimuthDeg + beamwidthDeg / 2) : NaN;
    let op = operatorIndex.get(b.operator);
    if (op === undefined) {
      op = operators.length;
      operators.push(b.operator);
      operatorIndex.set(b.operator, op);
    }
    operator[k] = op;
    tech[k] = techIndex.get(b.tech)!;
    source[k] = row;
    diskBox(f.lon, f.lat, f.radiusM, box);
    index!.add(box[0], box[1], box[2], box[3]);
    let byLat = siteKeys.get(b.lon);
    if (!byLat) siteKeys.set(b.lon, (byLat = new Map()));
    if (!byLat.has(b.lat)) {
      byLat.set(b.lat, siteCoords.length / 2);
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

/** A record the rule gave a footprint, by its row in the BTS records. */
interface Kept {
  row: number;
  f: Footprint;
}

/** A sector's opening: from its first bearing, clockwise, over `width` degrees. */
interface Opening {
  from: number;
  width: number;
}

/**
 * Sectors of one mast (same position, radius, operator and technology) whose openings together close
 * the full circle cover exactly the disk: keep the first record (its row goes into `disks`, which
 * packing turns into disks) and drop the others, so the engine handles one shape instead of three.
 * The union is unchanged, so every fraction is too. Returns the records kept.
 */
function mergeFullMasts(bts: readonly BtsRecord[], kept: Kept[], disks: Set<number>): Kept[] {
  // The sectors sorted so that those of one mast are side by side, each mast's in record order.
  const sectors = kept.flatMap(({ row, f }) =>
    f.azimuthDeg !== null && f.beamwidthDeg !== null ? [{ row, f, opening: { from: canonicalBearing(f.azimuthDeg - f.beamwidthDeg / 2), width: f.beamwidthDeg } }] : [],
  );
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const order = (a: Kept, b: Kept): number =>
    a.f.lon - b.f.lon || a.f.lat - b.f.lat || a.f.radiusM - b.f.radiusM || text(bts[a.row].operator, bts[b.row].operator) || text(bts[a.row].tech, bts[b.row].tech);
  sectors.sort((a, b) => order(a, b) || a.row - b.row);
  const drop = new Set<number>();
  for (let start = 0, end = 1; start < sectors.length; start = end++) {
    while (end < sectors.length && order(sectors[start], sectors[end]) === 0) end++;
    if (end - start < 2) continue;
    const mast = sectors.slice(start, end);
    if (!closesCircle(mast.map((s) => s.opening))) continue;
    disks.add(mast[0].row);
    for (const { row } of mast.slice(1)) drop.add(row);
  }
  return drop.size > 0 ? kept.filter((k) => !drop.has(k.row)) : kept;
}

/** True when the sectors' openings cover every bearing. */
function closesCircle(openings: readonly Opening[]): boolean {
  const arcs: [number, number][] = [];
  for (const { from, width } of openings) {
    const to = from + width;
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
