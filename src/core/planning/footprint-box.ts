/** Metres per degree of latitude, the smallest value on WGS84 (at the equator). */
const MIN_M_PER_DEG_LAT = 110574;
/** Metres per degree of longitude at the equator (a·π/180). */
const M_PER_DEG_LON_EQUATOR = 111319.49;
/** Widening so that rounding never drops a touching footprint (as the footprint packer does). */
const BOX_MARGIN = 1.001;

/**
 * A lon/lat box that surely encloses the geodesic disk of `radiusM` around (lon, lat), built the way
 * the footprint packer builds its index boxes; written to `out` as minLon, minLat, maxLon, maxLat.
 */
export function footprintBox(lon: number, lat: number, radiusM: number, out: Float64Array | number[] = new Float64Array(4)): Float64Array | number[] {
  const dLat = (BOX_MARGIN * radiusM) / MIN_M_PER_DEG_LAT;
  const cosMax = Math.cos(Math.min(90, Math.abs(lat) + dLat) * (Math.PI / 180));
  const dLon = cosMax > 1e-6 ? (BOX_MARGIN * radiusM) / (M_PER_DEG_LON_EQUATOR * cosMax) : 180;
  out[0] = lon - dLon;
  out[1] = lat - dLat;
  out[2] = lon + dLon;
  out[3] = lat + dLat;
  return out;
}
