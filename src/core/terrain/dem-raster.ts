/**
 * One elevation grid in WGS84 lon/lat, as the readers make it (an SRTM tile, a GeoTIFF).
 *
 * Post (row i, column j) stands at lon = `west + j·dLon`, lat = `north − i·dLat` and holds the
 * elevation in metres above mean sea level; NaN is a void (no measurement). Rows run north to
 * south. For a "pixel is area" GeoTIFF the posts are the pixel centres.
 */
export interface DemRaster {
  width: number;
  height: number;
  /** Longitude of column 0 (degrees). */
  west: number;
  /** Latitude of row 0 (degrees). */
  north: number;
  /** Post spacing (degrees, positive). */
  dLon: number;
  dLat: number;
  /** Elevations (m), row-major, NaN for voids. Int16 for SRTM (void −32768 is turned into a fill), Float32 for GeoTIFF. */
  data: Float32Array | Int16Array;
  /** Value of `data` that marks a void (−32768 for Int16 grids; NaN for Float32). */
  voidValue: number;
  /** The file it came from, as the user named it. */
  source: string;
  /** What kind of file ("SRTM .hgt 1″", "GeoTIFF"). */
  format: string;
  /** Voids found in the file, and how many of them were filled from their neighbours. */
  voids: number;
  filled: number;
}

/** The longitude of the last column and the latitude of the last row. */
export function rasterEast(r: DemRaster): number {
  return r.west + (r.width - 1) * r.dLon;
}

export function rasterSouth(r: DemRaster): number {
  return r.north - (r.height - 1) * r.dLat;
}

/** Post spacing in arc-seconds (rounded to 0.01″), the unit DEMs are named by. */
export function spacingArcSeconds(r: DemRaster): number {
  return Math.round(Math.min(r.dLon, r.dLat) * 3600 * 100) / 100;
}

/** Whether `v` is a void of raster `r`. */
export function isVoid(r: DemRaster, v: number): boolean {
  return Number.isNaN(v) || v === r.voidValue;
}

/**
 * Bilinear elevation at (lon, lat), or NaN when the point is outside the raster's posts or one of
 * the four surrounding posts is a void.
 */
export function sampleRaster(r: DemRaster, lon: number, lat: number): number {
  const x = (lon - r.west) / r.dLon;
  const y = (r.north - lat) / r.dLat;
  const eps = 1e-9;
  if (!(x >= -eps && y >= -eps && x <= r.width - 1 + eps && y <= r.height - 1 + eps)) return NaN;
  let j = Math.floor(x);
  let i = Math.floor(y);
  if (j >= r.width - 1) j = r.width - 2;
  if (i >= r.height - 1) i = r.height - 2;
  if (j < 0) j = 0;
  if (i < 0) i = 0;
  const fx = Math.min(1, Math.max(0, x - j));
  const fy = Math.min(1, Math.max(0, y - i));
  const d = r.data;
  const o = i * r.width + j;
  const a = d[o];
  const b = d[o + 1];
  const c = d[o + r.width];
  const e = d[o + r.width + 1];
  if (isVoid(r, a) || isVoid(r, b) || isVoid(r, c) || isVoid(r, e)) return NaN;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + e * fx) * fy;
}
