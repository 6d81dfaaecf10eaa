import { rasterEast, rasterSouth, sampleRaster, spacingArcSeconds, type DemRaster } from './dem-raster.ts';

/** Metres per degree of latitude (mean), for describing resolutions. */
const M_PER_DEG = 111_320;

/** What the app and the CLI show about the loaded elevation model. */
export interface DemSummary {
  /** West, south, east, north (degrees) of the union of the rasters. */
  extent: [number, number, number, number];
  /** Finest post spacing, arc-seconds, and about how many metres that is north–south. */
  arcSeconds: number;
  metres: number;
  /** File names, in the order given. */
  sources: string[];
  /** Formats present ("SRTM .hgt 1″", "GeoTIFF 1″"). */
  formats: string[];
  posts: number;
  voids: number;
  /** Voids filled from their neighbours; the rest stay unknown. */
  filled: number;
  /** A short label for provenance: "SRTM .hgt 1″, 31 m". */
  label: string;
}

/** A block of elevations on one regular lon/lat lattice, cut from the set for one site. */
export interface DemWindow {
  west: number;
  north: number;
  dLon: number;
  dLat: number;
  width: number;
  height: number;
  /** Row-major elevations (m); NaN where no raster has a measured post. */
  data: Float32Array;
  /** Posts without an elevation (outside every raster, or unfilled voids). */
  missing: number;
  /** Of those, the posts outside every raster (the rest are voids). */
  outside: number;
}

/**
 * Several DEM rasters used as one surface (SRTM tiles side by side, a GeoTIFF over them): each
 * point takes the finest raster that has it. Read-only once built.
 */
export class DemSet {
  /** Finest first. */
  readonly rasters: readonly DemRaster[];
  /** Identifies the surface for caches: sources, lattices and a sample of the elevations. */
  readonly key: string;

  constructor(rasters: readonly DemRaster[]) {
    if (rasters.length === 0) throw new RangeError('A DEM set needs at least one raster: read a .hgt or GeoTIFF file first.');
    this.rasters = [...rasters].sort((a, b) => Math.min(a.dLon, a.dLat) - Math.min(b.dLon, b.dLat));
    this.key = setKey(this.rasters);
  }

  /** Extent, resolution, sources and voids, for display and provenance. */
  summary(): DemSummary {
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let n = -Infinity;
    let posts = 0;
    let voids = 0;
    let filled = 0;
    for (const r of this.rasters) {
      w = Math.min(w, r.west);
      e = Math.max(e, rasterEast(r));
      s = Math.min(s, rasterSouth(r));
      n = Math.max(n, r.north);
      posts += r.width * r.height;
      voids += r.voids;
      filled += r.filled;
    }
    const finest = this.rasters[0];
    const arcSeconds = spacingArcSeconds(finest);
    const metres = Math.round(Math.min(finest.dLat, finest.dLon) * M_PER_DEG);
    const formats = [...new Set(this.rasters.map((r) => r.format))];
    return {
      extent: [w, s, e, n],
      arcSeconds,
      metres,
      sources: this.rasters.map((r) => r.source),
      formats,
      posts,
      voids,
      filled,
      label: `${formats.join(' + ')}, ${metres} m`,
    };
  }

  /** Bilinear elevation at (lon, lat) from the finest raster that has it; NaN when none does. */
  elevation(lon: number, lat: number): number {
    for (const r of this.rasters) {
      const v = sampleRaster(r, lon, lat);
      if (!Number.isNaN(v)) return v;
    }
    return NaN;
  }

  /** Post spacing (degrees) of the finest raster containing (lon, lat), or of the finest overall. */
  spacingAt(lon: number, lat: number): { dLon: number; dLat: number } {
    const r = this.rasters.find((x) => contains(x, lon, lat)) ?? this.rasters[0];
    return { dLon: r.dLon, dLat: r.dLat };
  }

  /**
   * The elevations of the box (degrees) and one post around it, on the lattice of the finest raster
   * that holds the box's centre (rows and columns copied where another raster shares that lattice,
   * interpolated where it does not).
   */
  window(minLon: number, minLat: number, maxLon: number, maxLat: number): DemWindow {
    const cLon = (minLon + maxLon) / 2;
    const cLat = (minLat + maxLat) / 2;
    const lattice = this.rasters.find((r) => contains(r, cLon, cLat)) ?? this.rasters[0];
    const { dLon, dLat } = lattice;
    const j0 = Math.floor((minLon - lattice.west) / dLon) - 1;
    const j1 = Math.ceil((maxLon - lattice.west) / dLon) + 1;
    const i0 = Math.floor((lattice.north - maxLat) / dLat) - 1;
    const i1 = Math.ceil((lattice.north - minLat) / dLat) + 1;
    const width = j1 - j0 + 1;
    const height = i1 - i0 + 1;
    const west = lattice.west + j0 * dLon;
    const north = lattice.north - i0 * dLat;
    const data = new Float32Array(width * height).fill(NaN);
    const w: DemWindow = { west, north, dLon, dLat, width, height, data, missing: 0, outside: 0 };
    let filled = 0;
    for (const r of this.rasters) if (sameLattice(r, lattice)) filled += copyAligned(r, w);
    let missing = 0;
    let outside = 0;
    if (filled < width * height) {
      for (let i = 0; i < height; i++) {
        const lat = north - i * dLat;
        for (let j = 0; j < width; j++) {
          const k = i * width + j;
          if (!Number.isNaN(data[k])) continue;
          const lon = west + j * dLon;
          const v = this.elevation(lon, lat);
          data[k] = v;
          if (!Number.isNaN(v)) continue;
          missing++;
          if (!this.rasters.some((r) => contains(r, lon, lat))) outside++;
        }
      }
    }
    return { west, north, dLon, dLat, width, height, data, missing, outside };
  }
}

function contains(r: DemRaster, lon: number, lat: number): boolean {
  return lon >= r.west && lon <= rasterEast(r) && lat <= r.north && lat >= rasterSouth(r);
}

/** Whether the posts of `a` lie on the lattice of `b` (same spacing, whole-post offset). */
function sameLattice(a: DemRaster, b: DemRaster): boolean {
  if (Math.abs(a.dLon - b.dLon) > 1e-12 || Math.abs(a.dLat - b.dLat) > 1e-12) return false;
  const oj = (a.west - b.west) / b.dLon;
  const oi = (b.north - a.north) / b.dLat;
  return Math.abs(oj - Math.round(oj)) < 1e-6 && Math.abs(oi - Math.round(oi)) < 1e-6;
}

/** Copies the posts of `r` that fall inside window `w` (same lattice), voids left NaN; returns how many were copied. */
function copyAligned(r: DemRaster, w: DemWindow): number {
  const oj = Math.round((r.west - w.west) / w.dLon);
  const oi = Math.round((w.north - r.north) / w.dLat);
  const iStart = Math.max(0, oi);
  const iEnd = Math.min(w.height, oi + r.height);
  const jStart = Math.max(0, oj);
  const jEnd = Math.min(w.width, oj + r.width);
  const src = r.data;
  const dst = w.data;
  const voidValue = r.voidValue;
  let copied = 0;
  for (let i = iStart; i < iEnd; i++) {
    const s = (i - oi) * r.width - oj;
    const d = i * w.width;
    for (let j = jStart; j < jEnd; j++) {
      const v = src[s + j];
      // Each post once: a raster earlier in the list (finer) has it already.
      if (v !== v || v === voidValue || dst[d + j] === dst[d + j]) continue;
      dst[d + j] = v;
      copied++;
    }
  }
  return copied;
}

/** FNV-1a over the lattices and every 97th post: enough to tell two surfaces apart for a cache. */
function setKey(rasters: readonly DemRaster[]): string {
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    h ^= x & 0xffff;
    h = Math.imul(h, 0x01000193);
    h ^= (x >>> 16) & 0xffff;
    h = Math.imul(h, 0x01000193);
  };
  const f = new Float64Array(1);
  const u = new Uint32Array(f.buffer);
  for (const r of rasters) {
    for (const v of [r.width, r.height, r.west, r.north, r.dLon, r.dLat]) {
      f[0] = v;
      mix(u[0]);
      mix(u[1]);
    }
    for (let k = 0; k < r.data.length; k += 97) mix(Math.round(Number.isNaN(r.data[k]) ? -99999 : r.data[k] * 10));
  }
  return `dem-${(h >>> 0).toString(16)}-${rasters.length}`;
}

/**
 * A DemSet again after a structured clone (a planning worker receives an analysis by postMessage:
 * the rasters arrive, the class does not); null for none.
 */
export function reviveDem(value: unknown): DemSet | null {
  if (value instanceof DemSet) return value;
  const rasters = (value as { rasters?: unknown } | null | undefined)?.rasters;
  return Array.isArray(rasters) && rasters.length > 0 ? new DemSet(rasters as DemRaster[]) : null;
}
